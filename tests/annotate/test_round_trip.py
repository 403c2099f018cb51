"""The annotated copy keeps the workbook: values, formulas, styles, drop-downs, comments (issue 14).

Each workbook (the sample with planted errors, `aiexp init`'s template, and the LibreOffice-saved
fixtures) is validated, annotated, read back with openpyxl and compared with the original, sheet
by sheet and cell by cell; then the copy itself is validated.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from aiexp.annotate import LEDGER_SHEET, write_annotated_copy
from aiexp.annotate.marks import MARK_BEGIN
from aiexp.check import check_workbook
from tests.annotate.compare import (
    SUBMISSION,
    cached,
    cells,
    comments,
    fills,
    findings_of,
    layout,
    load,
    style,
    validations,
)


def annotate(path: Path, out: Path) -> tuple[object, set[tuple[str, str]]]:
    """Validate and annotate `path` into `out`; the copy and the cells that got a comment."""
    report = check_workbook(path, today=SUBMISSION).report
    copy = write_annotated_copy(path, report, out)
    marked = {
        (f.location.sheet or "", f.location.cell)
        for f in report.findings
        if f.location.cell and f.location.file == report.file
    }
    return copy, marked


def test_every_value_formula_style_drop_down_and_comment_is_kept(workbook: Path) -> None:
    digest = hashlib.sha256(workbook.read_bytes()).hexdigest()
    out = workbook.parent / "annotated.xlsx"
    _, marked = annotate(workbook, out)
    # The input is untouched.
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == digest
    original, copy = load(workbook), load(out)
    assert copy.sheetnames == ["Findings", *original.sheetnames, LEDGER_SHEET]
    assert copy[LEDGER_SHEET].sheet_state == "hidden"
    for title in original.sheetnames:
        before, after = original[title], copy[title]
        old_cells, new_cells = cells(before), cells(after)
        # A blank cell that gets a finding (a required value missing) exists in the copy only.
        added = set(new_cells) - set(old_cells)
        assert {(title, where) for where in added} <= marked, title
        assert all(new_cells[where] == ("None", "n") for where in added)
        assert {k: v for k, v in new_cells.items() if k not in added} == old_cells, title
        assert validations(after) == validations(before), title
        assert layout(after) == layout(before), title
        old_comments, new_comments = comments(before), comments(after)
        for cell in before._cells.values():
            where = cell.coordinate
            if (title, where) in marked:
                # Only the fill (and a too light font) may change on a marked cell.
                assert style(after[where], fill=False)[1:] == style(cell, fill=False)[1:]
                text, _ = new_comments[where]
                assert MARK_BEGIN in text
                if where in old_comments:
                    assert text.startswith(old_comments[where][0] + "\n\n")
            else:
                assert style(after[where]) == style(cell), f"{title}!{where}"
                assert new_comments.get(where) == old_comments.get(where), f"{title}!{where}"
    assert dict(copy.defined_names).keys() == dict(original.defined_names).keys()


def test_saved_formula_values_are_carried(workbook: Path) -> None:
    out = workbook.parent / "annotated.xlsx"
    annotate(workbook, out)
    original, copy = load(workbook, data_only=True), load(out, data_only=True)
    for title in original.sheetnames:
        assert cached(copy[title]) == cached(original[title]), title


def test_the_formulas_fixture_has_formulas_with_saved_values(tmp_path: Path) -> None:
    """The round trip above is only a proof if the fixture really holds saved formula values."""
    from tests.annotate.conftest import COBALT, cell_of, libreoffice

    path = libreoffice("formulas-saved-by-libreoffice.xlsx")(tmp_path)
    out = tmp_path / "annotated.xlsx"
    annotate(path, out)
    cobalt = cell_of(path, "Members", COBALT, "us_ownership_pct")
    larkspur = cell_of(
        path, "Members", {"name": "Larkspur Reasoning Labs, Inc."}, "us_ownership_pct"
    )
    for book in (load(path), load(out)):
        assert book["Members"][cobalt].value == "=100-8.5"
    for book in (load(path, data_only=True), load(out, data_only=True)):
        assert book["Members"][cobalt].value == 91.5
        assert book["Members"][larkspur].value == 150
        assert book["Consortium"]["B3"].value == "Meridian Sovereign AI Stack"


def test_validating_the_copy_finds_exactly_what_the_original_has(workbook: Path) -> None:
    out = workbook.parent / "annotated.xlsx"
    annotate(workbook, out)
    original = findings_of(workbook)
    assert original, "every workbook here has findings (errors or at least info)"
    assert findings_of(out) == original


def test_annotating_the_copy_again_finds_the_same_and_stacks_nothing(workbook: Path) -> None:
    first, second = workbook.parent / "first.xlsx", workbook.parent / "second.xlsx"
    annotate(workbook, first)
    annotate(first, second)
    assert findings_of(second) == findings_of(workbook)
    once, twice = load(first), load(second)
    assert twice.sheetnames == once.sheetnames
    for title in once.sheetnames:
        if title in ("Findings", LEDGER_SHEET):
            continue
        assert comments(twice[title]) == comments(once[title]), title
        for text, _ in comments(twice[title]).values():
            assert text.count(MARK_BEGIN) <= 1
        assert fills(twice[title]) == fills(once[title]), title
    # The ledger still remembers the original's fills, not the first copy's red and amber.
    assert list(twice[LEDGER_SHEET].iter_rows(values_only=True)) == list(
        once[LEDGER_SHEET].iter_rows(values_only=True)
    )
