"""Target markets (Section V)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_the_united_states_is_no_target_market(sample: Path) -> None:

    set_cells(sample, "Markets", {"market": "Poland"}, {"market": "United States"})
    (finding,) = of(findings(sample), "markets.domestic")
    assert finding.severity is Severity.ERROR
    assert str(finding.location) == "Markets!A4"


@pytest.mark.parametrize("bloc", ["G7", "FIVE-EYES", "QUAD"])
def test_a_bloc_that_includes_the_us_is_a_note(sample: Path, bloc: str) -> None:

    set_cells(sample, "Markets", {"market": "Poland"}, {"market": bloc})
    found = findings(sample)
    (finding,) = of(found, "markets.domestic")
    assert finding.severity is Severity.INFO
    assert "not a target" in finding.message


def test_au_is_australia_not_the_african_union(sample: Path) -> None:
    from aiexp.markets import market_scope
    from aiexp.model import Market
    from aiexp.profile import load_profile

    profile = load_profile()
    scope = market_scope(profile, Market(market="AU"))
    assert scope is not None
    assert (scope.kind, scope.name, scope.countries) == ("country", "Australia", ("AU",))
    bloc = market_scope(profile, Market(market="African Union"))
    assert bloc is not None
    assert (bloc.kind, len(bloc.countries)) == ("bloc", 55)


def test_no_bloc_of_the_shipped_profile_is_a_country() -> None:
    from aiexp.profile import load_profile
    from aiexp.values import parse_country

    for bloc in load_profile().blocs:
        for name in (bloc.id, *bloc.aliases):
            with pytest.raises(ValueError, match="not a country"):
                parse_country(name)
