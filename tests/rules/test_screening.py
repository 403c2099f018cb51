"""`validate --screening-list`: every party of the workbook and its BOM against the list."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from aiexp.check import check_workbook
from aiexp.errors import ScreeningError
from aiexp.findings import Severity
from tests.rules.helpers import SUBMISSION, of
from tests.workbook_edit import set_cells

LIST = Path(__file__).resolve().parent.parent / "fixtures" / "screening" / "consolidated.csv"


def screened(path: Path, **options: object):  # type: ignore[no-untyped-def]
    """Validate with the test list."""
    return check_workbook(path, today=SUBMISSION, screening_list=LIST, **options)  # type: ignore[arg-type]


def test_the_sample_screens_clean_and_every_party_is_screened(sample: Path) -> None:
    result = screened(sample)
    assert of(result.report.findings, "screening.match") == []
    assert of(result.report.findings, "screening.possible") == []
    assert result.screening is not None
    names = {party.name for party in result.screening.parties}
    # Members, ultimate parents, providers, model owners, BOM suppliers, end users.
    assert "Meridian Compute Systems, Inc." in names
    assert "Hoshizora Holdings Co., Ltd." in names
    assert "Stichting Noordlicht AI Research" in names
    assert "Pennine Rack & Enclosure Ltd" in names
    assert len(result.screening.parties) == 34


def test_without_a_list_nothing_is_screened(sample: Path) -> None:
    result = check_workbook(sample, today=SUBMISSION)
    assert result.screening is None


def test_a_listed_provider_is_a_match_error_at_its_cell(sample: Path) -> None:
    set_cells(
        sample,
        "Providers",
        {"provider": "Luzon Data Annotation Corp."},
        {"provider": "HUAWEI TECHNOLOGIES CO LTD", "country": "CN"},
    )
    result = screened(sample)
    (finding,) = of(result.report.findings, "screening.match")
    assert finding.severity is Severity.ERROR
    assert str(finding.location) == "Providers!B21"
    assert finding.section == "IV.D, VI.8, XII.A"
    assert "“HUAWEI TECHNOLOGIES CO LTD” (provider; Providers!B21)" in finding.message
    assert "“Huawei Technologies Co., Ltd.”" in finding.message
    assert "Entity List (EL) - Bureau of Industry and Security" in finding.message
    assert "id fx-0101" in finding.message
    assert "score 100" in finding.message
    assert not result.report.valid


def test_a_possible_match_is_a_warning_for_an_end_user(sample: Path) -> None:
    set_cells(
        sample,
        "ExportControl",
        {"item": "CR-900 AI accelerator modules"},
        {"end_user": "Kestrovian Dynamix", "destinations": "SA"},
    )
    result = screened(sample)
    (finding,) = of(result.report.findings, "screening.possible")
    assert finding.severity is Severity.WARNING
    assert str(finding.location) == "ExportControl!F2"
    assert "(end user; ExportControl!F2) may match the entry “Kestrovian Dynamics LLC”" in (
        finding.message
    )
    assert "Unverified List (UVL)" in finding.message
    assert of(result.report.findings, "screening.match") == []
    # A higher --min-score leaves it out.
    assert of(screened(sample, min_score=95).report.findings, "screening.possible") == []


def test_a_bom_supplier_is_screened_line_by_line_and_merged_with_its_rows(sample: Path) -> None:
    bom = sample.parent / "bom.csv"
    rows = list(csv.reader(bom.read_text(encoding="utf-8").splitlines()))
    header = rows[0]
    at = header.index("supplier")
    rows[3][at] = "Zyphrax Quorvane Co., Ltd."
    rows[3][header.index("supplier_country")] = "CN"
    rows[9][at] = "ZYPHRAX QUORVANE CO LTD"
    with bom.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    set_cells(
        sample,
        "Members",
        {"name": "Halvorsen Data Works, Inc."},
        {
            "ultimate_parent": "Quorvane Zyphrax",
            "ultimate_parent_country": "CN",
            "ultimate_parent_principal_place_of_business": "CN",
        },
    )
    result = screened(sample)
    (finding,) = of(result.report.findings, "screening.match")
    halvorsen = result.workbook.consortium.member("Halvorsen Data Works, Inc.")
    cell = str(result.workbook.locate("Members", halvorsen, "ultimate_parent"))
    assert re.fullmatch(r"Members![A-Z]+6", cell), cell
    # One party, three places: the Members cell first, then BOM lines 4 and 10.
    assert str(finding.location) == cell
    assert f"(ultimate parent, BOM supplier; {cell}, " in finding.message
    assert f"{bom} lines 4, 10)" in finding.message


def test_an_unreadable_list_is_an_input_error(sample: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ScreeningError, match="empty"):
        check_workbook(sample, today=dt.date(2026, 6, 15), screening_list=empty)
