"""What the annotated copy shows: comments and fills on the cells, the Findings sheet, its links."""

from __future__ import annotations

import csv
from copy import copy
from pathlib import Path

import pytest
from openpyxl.comments import Comment
from openpyxl.utils.cell import coordinate_to_tuple

from aiexp.annotate import FINDINGS_SHEET, LEDGER_SHEET, annotated_copy, write_annotated_copy
from aiexp.annotate.findings_sheet import HEADER_ROW, ordered
from aiexp.annotate.marks import FILLS, MARK_BEGIN, MARK_END
from aiexp.check import check_workbook
from aiexp.errors import OutputError
from aiexp.findings import Finding, Location, Report, Severity
from tests.annotate.compare import SUBMISSION, comments, load
from tests.annotate.conftest import COBALT, LINDENAU, MERIDIAN, USER_NOTE, cell_of
from tests.workbook_edit import set_cells


def validate(path: Path) -> Report:
    """The report of `validate` for a workbook."""
    return check_workbook(path, today=SUBMISSION).report


def annotate(path: Path, out: Path) -> Report:
    """Validate and annotate; the report."""
    report = validate(path)
    write_annotated_copy(path, report, out)
    return report


def findings_rows(book: object) -> list[tuple[object, ...]]:
    """The rows of the Findings sheet below its header."""
    ws = book[FINDINGS_SHEET]  # type: ignore[index]
    return list(ws.iter_rows(min_row=HEADER_ROW + 1, max_col=6, values_only=True))


def fill_rgb(cell: object) -> str:
    """A cell's solid fill colour (last six hex digits), or '' for none."""
    fill = cell.fill  # type: ignore[attr-defined]
    return str(fill.fgColor.rgb)[-6:] if fill.fill_type == "solid" else ""


def cells_of(path: Path) -> tuple[str, str, str]:
    """The planted errors' cells: Lindenau's country, Cobalt's U.S. ownership, the currency."""
    return (
        cell_of(path, "Members", LINDENAU, "country_of_incorporation"),
        cell_of(path, "Members", COBALT, "us_ownership_pct"),
        cell_of(path, "Providers", MERIDIAN, "currency"),
    )


def test_each_finding_is_a_comment_and_a_fill_on_its_cell(sample_with_errors: Path) -> None:
    country, ownership, _ = cells_of(sample_with_errors)
    out = sample_with_errors.parent / "annotated.xlsx"
    report = annotate(sample_with_errors, out)
    book = load(out)
    members = book["Members"]
    text = members[country].comment.text
    # The user's own comment comes first, untouched, then the tool's block.
    assert text.startswith(USER_NOTE + "\n\n" + MARK_BEGIN)
    assert members[country].comment.author == "Dana Whitfield"
    assert text.rstrip().endswith(MARK_END)
    (coc,) = [f for f in report.findings if f.code == "members.coc"]
    assert coc.location.cell == country
    assert coc.message in text
    assert f"What to do: {coc.hint}" in text
    assert f"notice {coc.section}" in text
    assert "ERROR · members.coc" in text
    assert fill_rgb(members[country]) == FILLS[Severity.ERROR][-6:]
    # The decimal comma: an error on a cell that had no comment; the tool is its author.
    assert members[ownership].comment.text.startswith(MARK_BEGIN)
    assert members[ownership].comment.author == "aiexp"
    assert "input.cell" in members[ownership].comment.text
    # The unknown column: info on a header cell, blue.
    (unknown,) = [f for f in report.findings if f.code == "input.unknown-column"]
    header = book["Providers"][unknown.location.cell]
    assert fill_rgb(header) == FILLS[Severity.INFO][-6:]
    # Cells without findings keep their fill (the cell above the country's).
    assert fill_rgb(members[country[0] + str(int(country[1:]) - 1)]) == ""
    # Every finding with a cell has its comment; no other cell has a block.
    flagged = {(f.location.sheet, f.location.cell) for f in report.findings if f.location.cell}
    blocks = {
        (ws.title, where)
        for ws in book.worksheets
        for where, (text, _) in comments(ws).items()
        if MARK_BEGIN in text
    }
    assert blocks == flagged


def test_white_text_on_a_marked_cell_turns_dark_and_comes_back(sample_with_errors: Path) -> None:
    *_, currency = cells_of(sample_with_errors)
    out = sample_with_errors.parent / "annotated.xlsx"
    annotate(sample_with_errors, out)
    cell = load(out)["Providers"][currency]
    assert cell.font.color.rgb[-6:] == "000000"
    assert cell.font.bold, "only the colour changes"
    assert fill_rgb(cell) == FILLS[Severity.ERROR][-6:]
    # Fixed in the copy and annotated again: the white text and the old fill are back.
    set_cells(out, "Providers", MERIDIAN, {"currency": "USD"})
    again = out.parent / "again.xlsx"
    annotate(out, again)
    cell = load(again)["Providers"][currency]
    assert cell.font.color.rgb[-6:] == "FFFFFF"
    assert copy(cell.fill) == copy(load(sample_with_errors)["Providers"][currency].fill)


def test_fixing_the_copy_and_annotating_again_restores_fills_and_comments(
    sample_with_errors: Path,
) -> None:
    country, ownership, currency = cells_of(sample_with_errors)
    first = sample_with_errors.parent / "first.xlsx"
    annotate(sample_with_errors, first)
    # The bid manager fixes two errors in the copy (openpyxl keeps the marks and the ledger).
    set_cells(first, "Members", LINDENAU, {"country_of_incorporation": "DE"})
    set_cells(first, "Members", COBALT, {"us_ownership_pct": 91.5})
    second = first.parent / "second.xlsx"
    report = annotate(first, second)
    assert {f.code for f in report.findings} >= {"input.cell"}, "the currency is still wrong"
    original, again = load(sample_with_errors)["Members"], load(second)["Members"]
    # The country cell: the user's comment alone again, and its own fill.
    assert again[country].comment.text == USER_NOTE
    assert again[country].comment.author == "Dana Whitfield"
    assert copy(again[country].fill) == copy(original[country].fill)
    # The ownership cell: the tool's comment gone, its own fill back.
    assert again[ownership].comment is None
    assert copy(again[ownership].fill) == copy(original[ownership].fill)
    # The currency error stays marked, once.
    providers = load(second)["Providers"]
    assert providers[currency].comment.text.count(MARK_BEGIN) == 1
    assert fill_rgb(providers[currency]) == FILLS[Severity.ERROR][-6:]
    assert [row[3] for row in findings_rows(load(second))].count(f"Members!{country}") == 0


def test_a_fill_or_comment_the_user_changed_in_the_copy_is_kept(sample_with_errors: Path) -> None:
    country, ownership, _ = cells_of(sample_with_errors)
    first = sample_with_errors.parent / "first.xlsx"
    annotate(sample_with_errors, first)
    book = load(first)
    members = book["Members"]
    members[ownership].fill = copy(book["Members"]["A1"].fill)  # the user recolours the cell
    note = members[country].comment.text + "\nDana: fixed with Lindenau on 4 June."
    members[country].comment = Comment(note, "Dana Whitfield")
    book.save(first)
    set_cells(first, "Members", LINDENAU, {"country_of_incorporation": "DE"})
    set_cells(first, "Members", COBALT, {"us_ownership_pct": 91.5})
    second = first.parent / "second.xlsx"
    annotate(first, second)
    members = load(second)["Members"]
    assert copy(members[ownership].fill) == copy(load(sample_with_errors)["Members"]["A1"].fill)
    assert members[country].comment.text == USER_NOTE + "\nDana: fixed with Lindenau on 4 June."


def test_the_findings_sheet_lists_every_finding_sorted_with_links(sample_with_errors: Path) -> None:
    out = sample_with_errors.parent / "annotated.xlsx"
    report = annotate(sample_with_errors, out)
    book = load(out)
    assert book.sheetnames[0] == FINDINGS_SHEET
    assert book.active.title == FINDINGS_SHEET
    selected = [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected]
    assert selected == [FINDINGS_SHEET], "one selected tab: no group editing in Excel"
    rows = findings_rows(book)
    assert len(rows) == len(report.findings)
    expected = ordered(report, load(sample_with_errors).sheetnames)
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (f.code, str(f.location) or report.file, f.message) for f in expected
    ]
    severities = [str(r[0]).lower() for r in rows]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    ws = book[FINDINGS_SHEET]
    links = 0
    for number, finding in enumerate(expected, start=HEADER_ROW + 1):
        link = ws.cell(row=number, column=4).hyperlink
        if not finding.location.cell:
            continue
        links += 1
        assert link is not None, finding
        assert link.location, finding
        sheet, _, cell = link.location.rpartition("!")
        title = sheet.strip("'").replace("''", "'")
        assert title in book.sheetnames
        assert cell == finding.location.cell
        row, column = coordinate_to_tuple(cell)
        assert book[title].cell(row=row, column=column).comment is not None
    assert links >= 4


def test_findings_about_the_bom_file_are_listed_without_a_link(sample_with_errors: Path) -> None:
    bom = sample_with_errors.parent / "bom.csv"
    with bom.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["us_content_pct"] = ""
    with bom.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = sample_with_errors.parent / "annotated.xlsx"
    report = annotate(sample_with_errors, out)
    (undeclared,) = [f for f in report.findings if f.code == "hardware.undeclared"]
    assert undeclared.location.file == str(bom)
    book = load(out)
    ws = book[FINDINGS_SHEET]
    (row,) = [
        number
        for number, values in enumerate(findings_rows(book), start=HEADER_ROW + 1)
        if values[1] == "hardware.undeclared"
    ]
    assert ws.cell(row=row, column=4).value == str(bom)
    assert ws.cell(row=row, column=4).hyperlink is None


def test_a_finding_in_another_workbooks_sheet_marks_nothing_here(tmp_path: Path) -> None:
    from tests.annotate.conftest import planted

    path = planted(tmp_path / "case")
    report = validate(path)
    elsewhere = Finding(
        code="input.cell",
        severity=Severity.ERROR,
        message="a BOM line of another workbook",
        location=Location(file=str(tmp_path / "other.xlsx"), sheet="BOM", cell="A2", row=2),
    )
    report = Report(file=report.file, profile=report.profile, findings=[elsewhere])
    copy_bytes = annotated_copy(path, report).data
    out = tmp_path / "annotated.xlsx"
    out.write_bytes(copy_bytes)
    book = load(out)
    assert book["BOM"]["A2"].comment is None or MARK_BEGIN not in book["BOM"]["A2"].comment.text
    (row,) = findings_rows(book)
    assert row[3] == str(elsewhere.location)
    assert book[FINDINGS_SHEET].cell(row=HEADER_ROW + 1, column=4).hyperlink is None


def test_a_users_own_findings_sheet_is_kept(sample_with_errors: Path) -> None:
    book = load(sample_with_errors)
    book.create_sheet("Findings").cell(row=1, column=1).value = "our own notes"
    book.save(sample_with_errors)
    first = sample_with_errors.parent / "first.xlsx"
    annotate(sample_with_errors, first)
    second = first.parent / "second.xlsx"
    annotate(first, second)
    book = load(second)
    assert book.sheetnames[0] == "Findings (aiexp)"
    assert book["Findings"]["A1"].value == "our own notes"
    assert book.sheetnames.count("Findings (aiexp)") == 1
    assert book[LEDGER_SHEET]["B2"].value == "Findings (aiexp)"


def test_a_workbook_without_findings_gets_an_empty_list(sample_with_errors: Path) -> None:
    report = Report(file=str(sample_with_errors), profile="preset-2026", findings=[])
    out = sample_with_errors.parent / "clean.xlsx"
    out.write_bytes(annotated_copy(sample_with_errors, report).data)
    book = load(out)
    assert book[FINDINGS_SHEET].cell(row=HEADER_ROW + 1, column=1).value.startswith("No findings")
    assert all(
        MARK_BEGIN not in text for ws in book.worksheets for text, _ in comments(ws).values()
    )


def test_a_users_sheet_named_like_the_ledger_is_left_alone(sample_with_errors: Path) -> None:
    _, ownership, _ = cells_of(sample_with_errors)
    book = load(sample_with_errors)
    book.create_sheet(LEDGER_SHEET).cell(row=1, column=1).value = "our own ledger"
    book.save(sample_with_errors)
    first = sample_with_errors.parent / "first.xlsx"
    annotate(sample_with_errors, first)
    set_cells(first, "Members", COBALT, {"us_ownership_pct": 91.5})
    second = first.parent / "second.xlsx"
    annotate(first, second)
    book = load(second)
    assert book[LEDGER_SHEET]["A1"].value == "our own ledger"
    assert book["Members"][ownership].comment is None, "the tool's ledger was found and used"
    assert fill_rgb(book["Members"][ownership]) == ""
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state == "hidden"]
    assert len([t for t in hidden if t.startswith(LEDGER_SHEET)]) == 1


def test_a_workbook_saved_again_after_validation_is_refused(sample_with_errors: Path) -> None:
    """The findings' cells belong to the bytes validated: a changed file is not annotated."""
    result = check_workbook(sample_with_errors, today=SUBMISSION)
    assert result.workbook.sha256
    set_cells(sample_with_errors, "Members", COBALT, {"us_ownership_pct": 91.5})
    out = sample_with_errors.parent / "annotated.xlsx"
    with pytest.raises(OutputError, match="changed while it was being validated"):
        write_annotated_copy(sample_with_errors, result.report, out, sha256=result.workbook.sha256)
    assert not out.exists()
