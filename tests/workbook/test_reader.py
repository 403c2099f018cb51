"""The workbook reader: each input finding on a real workbook, the failing and the passing side."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from aiexp.findings import Severity
from aiexp.model import SHEETS, columns
from aiexp.values import normalise_header
from aiexp.workbook.reader import read_workbook
from tests.workbook.conftest import cache_formula_value, codes, only
from tests.workbook_edit import (
    append_row,
    delete_sheet,
    set_cells,
    set_field,
)


def test_base_workbook_reads_without_findings(workbook: Path) -> None:
    read = read_workbook(workbook)
    assert read.findings == []
    assert [m.name for m in read.consortium.members] == ["Acme Corp", "Beta GmbH"]
    assert read.consortium.members[0].row == 2
    assert read.locate("Members", read.consortium.members[1], "country_of_incorporation").cell == (
        "D3"
    )


def test_labels_normalise_to_distinct_names_per_sheet() -> None:
    # Both the label and the key of every column must find it, and never another column.
    for spec in SHEETS:
        names: dict[str, str] = {}
        for col in columns(spec.row_model):
            for name in {col.key, normalise_header(col.label)}:
                assert names.setdefault(name, col.key) == col.key, (spec.name, name)


# -- input.cell -----------------------------------------------------------------------------------
def test_cell_that_does_not_parse_is_located(workbook: Path) -> None:
    set_cells(workbook, "Providers", {"provider": "Acme Corp"}, {"value": "lots"})
    read = read_workbook(workbook)
    finding = only(read, "input.cell")
    assert finding.severity is Severity.ERROR
    assert finding.location.file == str(workbook)
    assert finding.location.sheet == "Providers"
    assert finding.location.cell == "I2"
    assert finding.location.column == "value"
    assert "amount of money" in finding.message
    assert read.consortium.providers[0].value is None


def test_cell_that_parses_gives_its_value(workbook: Path) -> None:
    set_cells(workbook, "Providers", {"provider": "Acme Corp"}, {"value": "USD 2,500,000.50"})
    read = read_workbook(workbook)
    assert read.findings == []
    assert read.consortium.providers[0].value == Decimal("2500000.50")


def test_percent_formatted_cell_reads_as_shown(workbook: Path) -> None:
    book = load_workbook(workbook)
    cell = book["Members"]["L3"]  # Beta GmbH's U.S. ownership %
    cell.value = 0.51
    cell.number_format = "0%"
    book.save(workbook)
    read = read_workbook(workbook)
    assert read.findings == []
    assert read.consortium.members[1].us_ownership_pct == Decimal(51)


def test_bare_number_in_percent_column_is_percent_points(workbook: Path) -> None:
    set_cells(workbook, "Members", {"name": "Beta GmbH"}, {"us_ownership_pct": 0.51})
    read = read_workbook(workbook)
    assert read.consortium.members[1].us_ownership_pct == Decimal("0.51")


def test_formula_with_cached_value_is_read(workbook: Path) -> None:
    set_cells(workbook, "Members", {"name": "Beta GmbH"}, {"us_ownership_pct": "=50+1"})
    cache_formula_value(workbook, "50+1", "51")
    read = read_workbook(workbook)
    assert read.findings == []
    assert read.consortium.members[1].us_ownership_pct == Decimal(51)


def test_formula_without_cached_value_names_the_cell(workbook: Path) -> None:
    set_cells(workbook, "Members", {"name": "Beta GmbH"}, {"us_ownership_pct": "=50+1"})
    read = read_workbook(workbook)
    finding = only(read, "input.cell")
    assert finding.location.sheet == "Members"
    assert finding.location.cell == "L3"
    assert "Members!L3" in finding.message
    assert "formula" in finding.message
    assert finding.hint is not None
    assert "open the file in Excel and save it" in finding.hint


def test_spreadsheet_error_value_is_a_cell_finding(workbook: Path) -> None:
    set_cells(workbook, "Members", {"name": "Beta GmbH"}, {"us_ownership_pct": "=1/0"})
    cache_formula_value(workbook, "1/0", "#DIV/0!", cell_type="e")
    finding = only(read_workbook(workbook), "input.cell")
    assert finding.location.cell == "L3"
    assert "#DIV/0!" in finding.message


# -- input.required -------------------------------------------------------------------------------
def test_blank_required_cell(workbook: Path) -> None:
    set_cells(workbook, "Members", {"name": "Beta GmbH"}, {"country_of_incorporation": None})
    finding = only(read_workbook(workbook), "input.required")
    assert (finding.location.sheet, finding.location.cell) == ("Members", "D3")
    assert finding.location.column == "country_of_incorporation"


def test_blank_optional_cell_is_fine(workbook: Path) -> None:
    set_cells(workbook, "Members", {"name": "Acme Corp"}, {"us_ownership_pct": None})
    read = read_workbook(workbook)
    assert read.findings == []
    assert read.consortium.members[0].us_ownership_pct is None


def test_blank_required_field_of_consortium_sheet(workbook: Path) -> None:
    set_field(workbook, "contact_email", "  ")
    finding = only(read_workbook(workbook), "input.required")
    assert (finding.location.sheet, finding.location.cell) == ("Consortium", "B7")


def test_missing_required_field_row_of_consortium_sheet(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Consortium"].delete_rows(7)  # contact_email
    book.save(workbook)
    finding = only(read_workbook(workbook), "input.required")
    assert finding.location.sheet == "Consortium"
    assert finding.location.column == "contact_email"


# -- input.sheet-missing --------------------------------------------------------------------------
def test_missing_required_sheet(workbook: Path) -> None:
    delete_sheet(workbook, "Members")
    read = read_workbook(workbook)
    finding = only(read, "input.sheet-missing")
    assert finding.location.sheet == "Members"
    assert finding.location.file == str(workbook)
    assert read.consortium.members == []


def test_missing_optional_sheet_is_fine(workbook: Path) -> None:
    delete_sheet(workbook, "BOM")
    delete_sheet(workbook, "Rates")
    assert read_workbook(workbook).findings == []


def test_sheet_names_are_case_insensitive(workbook: Path) -> None:
    book = load_workbook(workbook)
    # openpyxl refuses a title equal but for case to an existing one, so rename in two steps.
    book["Members"].title = "tmp"
    book["tmp"].title = "MEMBERS"
    book["FederalSupport"].title = "Federal support"
    book.save(workbook)
    read = read_workbook(workbook)
    assert read.findings == []
    assert len(read.consortium.members) == 2
    assert read.locate("Members", read.consortium.members[0], "name").sheet == "MEMBERS"


# -- input.column-missing -------------------------------------------------------------------------
def _rename_header(path: Path, sheet: str, cell: str, value: str | None) -> None:
    book = load_workbook(path)
    book[sheet][cell].value = value
    book.save(path)


def test_missing_required_column(workbook: Path) -> None:
    _rename_header(workbook, "Members", "D1", None)  # Country of incorporation
    finding = only(read_workbook(workbook), "input.column-missing")
    assert finding.location.sheet == "Members"
    assert finding.location.column == "country_of_incorporation"


def test_missing_optional_column_is_fine(workbook: Path) -> None:
    _rename_header(workbook, "Members", "G1", None)  # Ultimate parent, blank in every row
    assert read_workbook(workbook).findings == []


def test_missing_key_column_skips_the_sheet(workbook: Path) -> None:
    _rename_header(workbook, "Members", "A1", "Nom")
    read = read_workbook(workbook)
    finding = only(read, "input.column-missing")
    assert finding.location.sheet == "Members"
    assert finding.location.column == "name"
    assert read.consortium.members == []


def test_headers_may_be_keys_instead_of_labels(workbook: Path) -> None:
    book = load_workbook(workbook)
    ws = book["Members"]
    for index, col in enumerate(columns(SHEETS[2].row_model), start=1):
        ws.cell(1, index).value = col.key.upper()
    book.save(workbook)
    read = read_workbook(workbook)
    assert read.findings == []
    assert read.consortium.members[1].country_of_incorporation == "DE"


# -- input.duplicate ------------------------------------------------------------------------------
def test_duplicate_member_ignoring_case_and_spaces(workbook: Path) -> None:
    row = append_row(
        workbook,
        "Members",
        {
            "name": "  acme   CORP ",
            "role": "member",
            "layers": "5",
            "country_of_incorporation": "US",
            "principal_place_of_business": "US",
            "description": "Again.",
        },
    )
    finding = only(read_workbook(workbook), "input.duplicate")
    assert (finding.location.sheet, finding.location.cell) == ("Members", f"A{row}")
    assert "rows 2 and 4" in finding.message


def test_distinct_members_are_not_duplicates(workbook: Path) -> None:
    append_row(
        workbook,
        "Members",
        {
            "name": "Acme Corporation",
            "role": "member",
            "layers": "5",
            "country_of_incorporation": "US",
            "principal_place_of_business": "US",
            "description": "Another.",
        },
    )
    assert read_workbook(workbook).findings == []


def test_duplicate_model(workbook: Path) -> None:
    row = append_row(
        workbook,
        "Models",
        {
            "model": "ACME llm",
            "ip_owner": "Acme Corp",
            "ip_owner_country": "US",
            "ip_owner_us_ownership_pct": 100,
            "ip_owner_coc_ownership_pct": 0,
            "open_weight": "no",
        },
    )
    finding = only(read_workbook(workbook), "input.duplicate")
    assert (finding.location.sheet, finding.location.cell) == ("Models", f"A{row}")


def test_duplicate_consortium_field(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Consortium"].append(["Contact name", "Someone else"])
    row = book["Consortium"].max_row
    book.save(workbook)
    read = read_workbook(workbook)
    finding = only(read, "input.duplicate")
    assert (finding.location.sheet, finding.location.cell) == ("Consortium", f"A{row}")
    assert read.consortium.info.contact_name == "Ada Lovelace"


# -- input.unknown-entity -------------------------------------------------------------------------
def test_anchor_member_not_in_members(workbook: Path) -> None:
    set_field(workbook, "anchor_member", "Gamma Inc")
    finding = only(read_workbook(workbook), "input.unknown-entity")
    assert (finding.location.sheet, finding.location.cell) == ("Consortium", "B4")
    assert "Gamma Inc" in finding.message


def test_anchor_member_matches_ignoring_case_and_spaces(workbook: Path) -> None:
    set_field(workbook, "anchor_member", " ACME  corp")
    read = read_workbook(workbook)
    assert read.findings == []
    anchor = read.consortium.anchor()
    assert anchor is not None
    assert anchor.name == "Acme Corp"


def test_us_support_provider_not_a_member(workbook: Path) -> None:
    set_cells(workbook, "Models", {"model": "Acme LLM"}, {"us_support_provider": "Gamma Inc"})
    finding = only(read_workbook(workbook), "input.unknown-entity")
    assert finding.location.sheet == "Models"
    assert finding.location.cell == "N2"
    assert finding.location.column == "us_support_provider"


def test_us_support_provider_matches_a_member(workbook: Path) -> None:
    set_cells(workbook, "Models", {"model": "Acme LLM"}, {"us_support_provider": "beta gmbh"})
    assert read_workbook(workbook).findings == []


# -- input.unknown-column -------------------------------------------------------------------------
def test_unknown_column_is_an_info_finding(workbook: Path) -> None:
    book = load_workbook(workbook)
    ws = book["Members"]
    letter_col = ws.max_column + 1
    ws.cell(1, letter_col).value = "Internal remarks"
    ws.cell(2, letter_col).value = "call back"
    book.save(workbook)
    read = read_workbook(workbook)
    finding = only(read, "input.unknown-column")
    assert finding.severity is Severity.INFO
    assert (finding.location.sheet, finding.location.cell) == ("Members", "S1")
    assert len(read.consortium.members) == 2


def test_unknown_consortium_field_is_an_info_finding(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Consortium"].append(["favourite colour", "blue"])
    row = book["Consortium"].max_row
    book.save(workbook)
    finding = only(read_workbook(workbook), "input.unknown-column")
    assert finding.severity is Severity.INFO
    assert (finding.location.sheet, finding.location.cell) == ("Consortium", f"A{row}")


def test_template_about_column_is_not_unknown(workbook: Path) -> None:
    assert "input.unknown-column" not in codes(read_workbook(workbook))


# -- layout ---------------------------------------------------------------------------------------
def test_header_row_below_a_title_row(workbook: Path) -> None:
    book = load_workbook(workbook)
    for title in ("Members", "Consortium"):
        ws = book[title]
        ws.insert_rows(1, 2)
        ws["A1"] = f"{title} of the Acme Consortium — fill in below"
    book.save(workbook)
    read = read_workbook(workbook)
    assert read.findings == []
    assert read.layouts["Members"].header_row == 3
    beta = read.consortium.members[1]
    assert beta.row == 5
    assert read.locate("Members", beta, "name").cell == "A5"
    assert read.locate("Consortium", read.consortium.info, "contact_email").cell == "B9"


def test_blank_rows_are_skipped(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Members"].insert_rows(3, 2)
    book["Members"]["O3"] = "   "
    book.save(workbook)
    read = read_workbook(workbook)
    assert read.findings == []
    assert [m.row for m in read.consortium.members] == [2, 5]


def test_readme_and_lists_sheets_are_ignored(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert {"README", "Lists"} <= set(book.sheetnames)
    book["README"]["A1"] = "name"
    book["Lists"]["A1"] = "name"
    book.save(workbook)
    assert read_workbook(workbook).findings == []


def test_every_finding_is_located(workbook: Path) -> None:
    set_cells(workbook, "Members", {"name": "Beta GmbH"}, {"layers": "7", "description": None})
    set_field(workbook, "submission_date", "next week")
    delete_sheet(workbook, "Markets")
    read = read_workbook(workbook)
    assert sorted(codes(read)) == [
        "input.cell",
        "input.cell",
        "input.required",
        "input.sheet-missing",
    ]
    for finding in read.findings:
        assert finding.location.file == str(workbook)
        assert finding.location.sheet
        if finding.code in ("input.cell", "input.required"):
            assert finding.location.cell
            assert finding.location.row
