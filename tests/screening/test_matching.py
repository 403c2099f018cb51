"""Matching names against the test list: exact, reordered, suffix, accents, abbreviations,
misspellings, alternate names, and common words that must never match on their own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aiexp.screening import NameHit, NameIndex, load_list, name_score, normalise
from aiexp.screening.parties import Party
from aiexp.screening.screen import screen_parties

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "screening"


@pytest.fixture(scope="module")
def index() -> NameIndex:
    """The test list's index, built once for the module."""
    return NameIndex(load_list(FIXTURES / "consolidated.csv", today=dt.date(2026, 6, 15)).entries)


def hits(index: NameIndex, name: str, countries: tuple[str, ...] = ()) -> list[NameHit]:
    """The entries a party of this name (and these countries) scores 85 or more against."""
    return index.search(normalise(name), frozenset(countries), 85)


def best(index: NameIndex, name: str, countries: tuple[str, ...] = ()) -> tuple[str, int]:
    """The best entry's id and score."""
    found = hits(index, name, countries)
    assert found, f"{name!r} matched nothing"
    return found[0].entry.id, found[0].score


@pytest.mark.parametrize(
    "party",
    [
        "Zyphrax Quorvane Co., Ltd.",  # exact
        "Quorvane Zyphrax",  # reordered
        "ZYPHRAX QUORVANE GmbH",  # another legal form, other case
        "Zyphrax Quorvane Company Limited",  # the legal form written out
        "OOO Zyphrax Quorvane",  # a legal form first, as Russian names put it
    ],
)
def test_the_same_name_scores_100(index: NameIndex, party: str) -> None:
    assert best(index, party) == ("fx-0001", 100)


def test_accents_do_not_matter(index: NameIndex) -> None:
    assert best(index, "Societe Generale de Velorix") == ("fx-0002", 100)
    assert best(index, "SOCIÉTÉ GÉNÉRALE DE VÉLORIX S.A.R.L.") == ("fx-0002", 100)


def test_abbreviations_are_written_out(index: NameIndex) -> None:
    # The entry is "Tremolant International Technology Company".
    assert best(index, "Tremolant Intl. Tech. Co.") == ("fx-0003", 100)
    assert best(index, "Tremolant Int'l Technologies Corp") == ("fx-0003", 100)


def test_a_misspelt_name_is_a_possible_match_and_a_shared_country_raises_it(
    index: NameIndex,
) -> None:
    # The entry is "Kestrovian Dynamics LLC", Dubai (AE).
    entry, score = best(index, "Kestrovian Dynamix LLC")
    assert entry == "fx-0004"
    assert 85 <= score < 95
    assert best(index, "Kestrovian Dynamix LLC", ("AE",)) == ("fx-0004", score + 5)
    assert best(index, "Kestrovian Dynamix LLC", ("US",)) == ("fx-0004", score)
    # One letter doubled in one word of two.
    assert best(index, "Quorvanne Zyphrax")[0] == "fx-0001"


def test_a_party_whose_only_match_is_an_alternate_name(index: NameIndex) -> None:
    # "Varquint Systems Ltd" is an alternate name of "Nobrelle Holdings Limited" only.
    (hit,) = hits(index, "Varquint Systems")
    assert (hit.entry.id, hit.entry.name, hit.matched_name) == (
        "fx-0005",
        "Nobrelle Holdings Limited",
        "Varquint Systems Ltd",
    )
    assert hit.alternate
    assert hit.score == 100


@pytest.mark.parametrize(
    "party",
    [
        "Global Technologies Inc.",
        "Global Technologies",
        "Acme Global Technologies",
        "International Technologies Group",
        "Technologies International LLC",
        "Global",
        "Meridian Global Technologies International",
    ],
)
def test_common_words_never_match_on_their_own(index: NameIndex, party: str) -> None:
    # The list holds "Ostravel Global Technologies" and "Global Technologies International FZE".
    assert hits(index, party) == []


def test_a_generic_name_matches_only_the_same_generic_name(index: NameIndex) -> None:
    assert best(index, "Global Technologies International Ltd") == ("fx-0007", 100)


def test_real_world_spellings_of_listed_names(index: NameIndex) -> None:
    assert best(index, "HUAWEI TECHNOLOGIES CO LTD") == ("fx-0101", 100)
    (smic,) = hits(index, "SMIC")
    assert (smic.entry.id, smic.matched_name, smic.alternate) == ("fx-0102", "SMIC", True)
    assert best(index, "Rosoboronexport OAO") == ("fx-0105", 100)
    assert best(index, "Mahan Airlines") == ("fx-0106", 100)
    assert best(index, "Korea Mining Development Trading Corp.") == ("fx-0107", 100)
    # A listed company's name inside a party's name is a possible match.
    entry, score = best(index, "Hikvision USA Inc.")
    assert entry == "fx-0103"
    assert 85 <= score < 95


def test_an_individual_in_another_order(index: NameIndex) -> None:
    # "VELMORA, Anton Petrovich"; alternate name "WELMORA, Anton".
    entry, score = best(index, "Anton Velmora", ("RU",))
    assert entry == "fx-0009"
    assert score >= 90


def test_names_that_only_look_alike_do_not_match(index: NameIndex) -> None:
    assert hits(index, "Meridian Compute Systems, Inc.") == []
    assert hits(index, "Zyphrax Star Shipping") == []  # the vessel ZYPHRAX STAR is not screened
    assert hits(index, "Quorvane Holdings") == []


def test_scores_stay_within_0_and_100_and_100_means_the_same_name() -> None:
    same = name_score(normalise("Acme Zyphrax Inc."), normalise("ACME ZYPHRAX, LTD"))
    assert same == 100
    near = name_score(normalise("Acme Zyphrax"), normalise("Acme Zyphrex"))
    assert 0 < near < 100


def test_screening_reports_every_party_once_with_its_places(tmp_path: Path) -> None:
    listed = load_list(FIXTURES / "consolidated.csv", today=dt.date(2026, 6, 15))
    party = Party("Huawei Technologies Co Ltd", normalise("Huawei Technologies Co Ltd"))
    party.add_role("provider")
    party.countries.add("CN")
    result = screen_parties([party], listed)
    (match,) = result.matches
    assert match.code == "screening.match"
    (finding,) = result.findings()
    assert finding.code == "screening.match"
    assert "Huawei Technologies Co., Ltd." in finding.message
    assert "Entity List (EL) - Bureau of Industry and Security" in finding.message
    assert "programs: EAR" in finding.message
    assert "id fx-0101" in finding.message
    assert "score 100" in finding.message
    assert result.summary_json()["newest_start_date"] == "2026-03-17"
