"""Nothing misread or dropped (issue 13): every doubt about what to read is an error naming both."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference

from aiexp.findings import Severity
from aiexp.model import Member, columns
from aiexp.workbook.reader import read_workbook
from tests.hardening.bad_files import rewrite_parts
from tests.workbook.conftest import codes, only
from tests.workbook_edit import append_row, set_cells


def _copy_members(
    path: Path, title: str, *, hidden: bool = False, name: str = "Gamma SA", source: str = "Members"
) -> None:
    """Add a copy of the Members sheet (last) with Beta GmbH renamed, titled `title`."""
    book = load_workbook(path)
    copy = book.copy_worksheet(book[source])
    copy.title = "Copy of members"
    copy["A3"] = name
    if hidden:
        copy.sheet_state = "hidden"
    book.save(path)
    _retitle(path, "Copy of members", title)


def _retitle(path: Path, old: str, new: str) -> None:
    """Rename a sheet in the XML: openpyxl refuses a title equal but for case to another."""

    def change(part: str, data: bytes) -> bytes | None:
        if part != "xl/workbook.xml":
            return None
        return data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())

    rewrite_parts(path, change)


def _column(ws: Any, key: str) -> int:
    """The column (1-based) whose header is the label of `key` in the Members sheet."""
    label = next(c.label for c in columns(Member) if c.key == key)
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == label)


def _member_names(path: Path) -> list[str | None]:
    return [m.name for m in read_workbook(path).consortium.members]


# -- two sheets for one -------------------------------------------------------------------------
def test_hidden_lookalike_sheet_is_an_error_naming_both(workbook: Path) -> None:
    _copy_members(workbook, "members", hidden=True)
    read = read_workbook(workbook)
    finding = only(read, "input.duplicate")
    assert finding.severity is Severity.ERROR
    assert finding.location.sheet == "members"
    assert "'Members'" in finding.message
    assert "'members' (hidden)" in finding.message
    assert "only 'Members' is read" in finding.message
    assert [m.name for m in read.consortium.members] == ["Acme Corp", "Beta GmbH"]


def test_sheet_name_with_a_space_is_an_error(workbook: Path) -> None:
    _copy_members(workbook, "Mem bers")
    finding = only(read_workbook(workbook), "input.duplicate")
    assert finding.location.sheet == "Mem bers"
    assert "'Members' and 'Mem bers'" in finding.message
    assert _member_names(workbook) == ["Acme Corp", "Beta GmbH"]


def test_the_exact_visible_name_is_read_whatever_the_order(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Members"].title = "MEM-BERS"
    book.save(workbook)
    _copy_members(workbook, "Members", name="Delta BV", source="MEM-BERS")
    read = read_workbook(workbook)
    assert only(read, "input.duplicate").location.sheet == "MEM-BERS"
    assert [m.name for m in read.consortium.members] == ["Acme Corp", "Delta BV"]


def test_hidden_sheet_alone_is_read_without_a_word(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Members"].sheet_state = "hidden"
    book.save(workbook)
    read = read_workbook(workbook)
    assert read.findings == []
    assert len(read.consortium.members) == 2


def test_lookalikes_of_sheets_aiexp_ignores_are_fine(workbook: Path) -> None:
    book = load_workbook(workbook)
    book.create_sheet("read me")
    book.save(workbook)
    assert read_workbook(workbook).findings == []


# -- chart sheets -------------------------------------------------------------------------------
def _chart_sheet(path: Path, title: str) -> None:
    book = load_workbook(path)
    data = book["Providers"]
    chart = BarChart()
    chart.add_data(Reference(data, min_col=8, min_row=1, max_row=2), titles_from_data=True)
    book.create_chartsheet("Chart to rename").add_chart(chart)
    book.save(path)
    _retitle(path, "Chart to rename", title)


def test_chart_sheet_named_members_is_a_located_error(workbook: Path) -> None:
    """It used to be an internal error; now it says what is wrong, and where."""
    book = load_workbook(workbook)
    book["Members"].title = "Member data"
    book.save(workbook)
    _chart_sheet(workbook, "Members")
    read = read_workbook(workbook)
    finding = only(read, "input.sheet-missing")
    assert finding.location.sheet == "Members"
    assert "'Members' (a chart sheet) is not a worksheet of cells" in finding.message
    assert read.consortium.members == []


def test_chart_sheet_beside_the_worksheet_is_a_duplicate(workbook: Path) -> None:
    _chart_sheet(workbook, "MEMBERS")
    read = read_workbook(workbook)
    finding = only(read, "input.duplicate")
    assert finding.location.sheet == "MEMBERS"
    assert "(a chart sheet)" in finding.message
    assert len(read.consortium.members) == 2


def test_chart_sheet_named_like_an_optional_sheet(workbook: Path) -> None:
    book = load_workbook(workbook)
    del book["BOM"]
    book.save(workbook)
    _chart_sheet(workbook, "BOM")
    finding = only(read_workbook(workbook), "input.sheet-missing")
    assert finding.location.sheet == "BOM"


# -- two columns for one ------------------------------------------------------------------------
def test_label_and_key_of_one_column_is_an_error_naming_both(workbook: Path) -> None:
    book = load_workbook(workbook)
    ws = book["Members"]
    labels = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    first = labels["Country-of-concern ownership %"]
    extra = ws.max_column + 1
    ws.cell(1, extra).value = "coc_ownership_pct"
    ws.cell(3, extra).value = 40  # Beta GmbH, in the second column: not read
    book.save(workbook)
    read = read_workbook(workbook)
    finding = only(read, "input.duplicate")
    letter = ws.cell(1, extra).column_letter
    first_letter = ws.cell(1, first).column_letter
    assert (finding.location.sheet, finding.location.cell) == ("Members", f"{letter}1")
    assert finding.location.column == "coc_ownership_pct"
    assert f"{first_letter}1 ('Country-of-concern ownership %')" in finding.message
    assert f"{letter}1 ('coc_ownership_pct')" in finding.message
    assert f"only column {first_letter} is read" in finding.message
    assert read.consortium.members[1].coc_ownership_pct is None


def test_two_value_columns_on_the_consortium_sheet(workbook: Path) -> None:
    book = load_workbook(workbook)
    ws = book["Consortium"]
    ws.cell(1, ws.max_column + 1).value = "Value"
    book.save(workbook)
    finding = only(read_workbook(workbook), "input.duplicate")
    assert finding.location.sheet == "Consortium"
    assert finding.location.column == "value"


# -- two narratives for one section ---------------------------------------------------------------
def test_two_rows_for_one_narrative_section(workbook: Path) -> None:
    row = append_row(
        workbook, "Narratives", {"section": "package_overview", "text": "A second overview."}
    )
    read = read_workbook(workbook)
    finding = only(read, "input.duplicate")
    assert finding.location.sheet == "Narratives"
    assert finding.location.cell == f"A{row}"
    assert f"rows 2 and {row}" in finding.message
    assert "package_overview" in finding.message


def test_distinct_narrative_sections_are_fine(workbook: Path) -> None:
    append_row(workbook, "Narratives", {"section": "business_model", "text": "How it pays."})
    assert read_workbook(workbook).findings == []


# -- rows the XML holds ---------------------------------------------------------------------------
def _set_dimension(path: Path, sheet_title: str, ref: str) -> None:
    with zipfile.ZipFile(path) as package:
        workbook_xml = package.read("xl/workbook.xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'name="{sheet_title}"[^>]*r:id="(rId\d+)"', workbook_xml)
    assert rid is not None
    target = re.search(rf'Target="/?(?:xl/)?([^"]+)" Id="{rid.group(1)}"', rels)
    assert target is not None
    part = "xl/" + target.group(1)

    def change(name: str, data: bytes) -> bytes | None:
        if name != part:
            return None
        new, count = re.subn(
            rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), data
        )
        assert count == 1
        return new

    rewrite_parts(path, change)


def test_rows_beyond_a_stale_dimension_are_read(workbook: Path) -> None:
    """The dimension says A1:B2; the Beta GmbH row (3) and every column are still read."""
    _set_dimension(workbook, "Members", "A1:B2")
    read = read_workbook(workbook)
    assert read.findings == []
    assert [m.name for m in read.consortium.members] == ["Acme Corp", "Beta GmbH"]
    assert read.consortium.members[1].country_of_incorporation == "DE"


def test_stray_cell_at_xfd1048576_is_found(workbook: Path) -> None:
    """The declared area is the whole sheet; only the cells present are read."""
    book = load_workbook(workbook)
    book["Members"]["XFD1048576"] = "stray"
    book.save(workbook)
    read = read_workbook(workbook)
    assert len(read.consortium.members) == 3
    stray = read.consortium.members[2]
    assert stray.row == 1048576
    assert stray.name is None
    # The row's only value is beyond the header: it is not a blank row, so it is reported.
    assert {f.location.cell for f in read.findings if f.code == "input.required"} >= {"A1048576"}


def test_a_value_beyond_the_header_keeps_its_row(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Members"]["Z7"] = "a note"
    book.save(workbook)
    read = read_workbook(workbook)
    assert [m.row for m in read.consortium.members] == [2, 3, 7]
    assert "input.required" in codes(read)


def test_header_below_row_ten_is_not_found_even_when_rows_are_absent(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Members"].insert_rows(1, 10)  # rows 1-10 are not written at all
    book.save(workbook)
    read = read_workbook(workbook)
    finding = only(read, "input.column-missing")
    assert finding.location.sheet == "Members"
    assert read.consortium.members == []


def test_blank_and_whitespace_rows_are_still_skipped(workbook: Path) -> None:
    set_cells(workbook, "Members", {"name": "Beta GmbH"}, {"description": "   "})
    book = load_workbook(workbook)
    book["Members"]["C9"] = "  "
    book.save(workbook)
    read = read_workbook(workbook)
    assert [m.row for m in read.consortium.members] == [2, 3]
    assert codes(read) == ["input.required"]


# -- one parse per distinct value, never one value for two ----------------------------------------
def test_equal_values_of_other_types_or_formats_read_apart(workbook: Path) -> None:
    """1 and 1.0 are equal in Python, 0.0 and -0.0 too; each cell still reads as itself."""
    from decimal import Decimal

    # openpyxl writes 1000.0 as 1000: the cells get their text in the XML afterwards.
    texts = {123456781: "1000", 123456782: "1000.0", 123456783: "0.0", 123456784: "-0.0"}
    for value in texts:
        append_row(
            workbook,
            "Providers",
            {
                "layer": 2,
                "provider": f"P{value}",
                "provider_type": "vendor",
                "country": "US",
                "value": value,
                "description": "x",
            },
        )

    book = load_workbook(workbook)
    ws = book["Members"]
    column = _column(ws, "us_ownership_pct")
    for row, fmt in ((2, "0%"), (3, "General")):
        ws.cell(row, column).value = 0.51  # the same number in two formats
        ws.cell(row, column).number_format = fmt
    book.save(workbook)

    def change(part: str, data: bytes) -> bytes | None:
        for value, text in texts.items():
            data = data.replace(f"<v>{value}</v>".encode(), f"<v>{text}</v>".encode())
        return data

    rewrite_parts(workbook, change)
    read = read_workbook(workbook)
    assert read.findings == []
    values = {p.provider: p.value for p in read.consortium.providers}
    assert [str(values[f"P{v}"]) for v in texts] == ["1000", "1000.0", "0.0", "-0.0"]
    assert [m.us_ownership_pct for m in read.consortium.members] == [Decimal(51), Decimal("0.51")]
