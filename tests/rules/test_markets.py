"""Target markets (Section V)."""

from __future__ import annotations

from pathlib import Path

from aiexp.findings import Severity
from tests.rules.helpers import findings, of, where
from tests.workbook_edit import clear_sheet, set_cells

PHILIPPINES = {"market": "Philippines"}


def test_no_market(sample: Path) -> None:
    clear_sheet(sample, "Markets")
    (finding,) = of(findings(sample), "markets.none")
    assert finding.location.sheet == "Markets"


def test_an_unknown_market(sample: Path) -> None:
    set_cells(sample, "Markets", PHILIPPINES, {"market": "Atlantis"})
    assert where(findings(sample), "markets.unknown") == ["Markets!A3"]


def test_known_kinds_of_market(sample: Path) -> None:
    set_cells(sample, "Markets", PHILIPPINES, {"market": "Nordics", "countries": "NO, SE, DK"})
    set_cells(sample, "Markets", {"market": "Poland"}, {"market": "European Union"})
    set_cells(sample, "Markets", {"market": "GCC"}, {"market": "Global"})
    assert where(findings(sample), "markets.unknown") == []


def test_a_market_without_foreign_competition(sample: Path) -> None:
    set_cells(sample, "Markets", PHILIPPINES, {"foreign_competition": None})
    found = findings(sample)
    assert where(found, "markets.competition") == ["Markets!C3"]
    # The rule restates the blank required cell: the reader's finding is not repeated.
    assert where(found, "input.required") == []


def test_a_market_without_national_interest(sample: Path) -> None:
    set_cells(sample, "Markets", PHILIPPINES, {"national_interest": "   "})
    assert where(findings(sample), "markets.national-interest") == ["Markets!E3"]


def test_a_market_that_is_a_country_of_concern(sample: Path) -> None:
    set_cells(sample, "Markets", PHILIPPINES, {"market": "Venezuela"})
    (finding,) = of(findings(sample), "markets.coc-target")
    assert finding.severity is Severity.WARNING
    assert str(finding.location) == "Markets!A3"
    assert "Nicolás Maduro Moros" in finding.message


def test_a_region_that_includes_a_country_of_concern(sample: Path) -> None:
    set_cells(sample, "Markets", PHILIPPINES, {"market": "Caribbean", "countries": "JM, CU"})
    assert where(findings(sample), "markets.coc-target") == ["Markets!A3"]
