"""Anchor member rules (Section II), each broken by one change to the sample."""

from __future__ import annotations

from pathlib import Path

from tests.rules.helpers import findings, of, where
from tests.workbook_edit import set_cells, set_field

ANCHOR = {"name": "Meridian Compute Systems, Inc."}


def test_two_anchors(sample: Path) -> None:
    set_cells(sample, "Members", {"name": "Cobalt Ridge Semiconductor Corp."}, {"role": "anchor"})
    assert where(findings(sample), "anchor.count") == ["Members!B3"]


def test_no_anchor(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"role": "member"})
    (finding,) = of(findings(sample), "anchor.count")
    assert finding.location.sheet == "Members"
    assert finding.location.column == "role"


def test_anchor_member_names_another_member(sample: Path) -> None:
    set_field(sample, "anchor_member", "Cobalt Ridge Semiconductor Corp.")
    assert where(findings(sample), "anchor.count") == ["Consortium!B4"]


def test_anchor_without_international_experience(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"international_experience": "no"})
    assert where(findings(sample), "anchor.experience") == ["Members!L2"]


def test_anchor_without_multi_country_capacity(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"multi_country_capacity": None})
    assert where(findings(sample), "anchor.experience") == ["Members!M2"]


def test_anchor_organized_abroad(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"country_of_incorporation": "Canada"})
    found = findings(sample)
    assert where(found, "anchor.us-organized") == ["Members!D2"]
    assert "Canada" in of(found, "anchor.us-organized")[0].message


def test_anchor_based_abroad(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"principal_place_of_business": "GB"})
    assert where(findings(sample), "anchor.us-organized") == ["Members!E2"]


def test_anchor_with_a_foreign_parent(sample: Path) -> None:
    set_cells(
        sample,
        "Members",
        ANCHOR,
        {
            "ultimate_parent": "Meridian Holdings plc",
            "ultimate_parent_country": "United Kingdom",
            "ultimate_parent_principal_place_of_business": "US",
        },
    )
    assert where(findings(sample), "anchor.foreign-parent") == ["Members!G2"]


def test_anchor_parent_without_its_countries(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"ultimate_parent": "Meridian Holdings Inc."})
    assert where(findings(sample), "anchor.foreign-parent") == ["Members!G2", "Members!H2"]


def test_anchor_with_a_us_parent_is_fine(sample: Path) -> None:
    set_cells(
        sample,
        "Members",
        ANCHOR,
        {
            "ultimate_parent": "Meridian Holdings Inc.",
            "ultimate_parent_country": "US",
            "ultimate_parent_principal_place_of_business": "USA",
        },
    )
    assert where(findings(sample), "anchor.foreign-parent") == []


def test_anchor_controlled_by_a_country_of_concern(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"coc_controlled": "yes"})
    found = findings(sample)
    assert where(found, "anchor.coc") == ["Members!J2"]
    # The anchor is reported once, by the anchor rule, not again as a member.
    assert where(found, "members.coc") == []


def test_anchor_parent_in_venezuela_states_the_condition(sample: Path) -> None:
    set_cells(
        sample,
        "Members",
        ANCHOR,
        {
            "ultimate_parent": "Caracas Holdings",
            "ultimate_parent_country": "Venezuela",
            "ultimate_parent_principal_place_of_business": "VE",
        },
    )
    found = findings(sample)
    (finding,) = of(found, "anchor.coc")
    assert finding.location.cell == "G2"
    assert "Nicolás Maduro Moros" in finding.message


def test_a_minority_interest_does_not_link_the_anchor(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"coc_ownership_pct": 50})
    assert where(findings(sample), "anchor.coc") == []
    set_cells(sample, "Members", ANCHOR, {"coc_ownership_pct": "50.01%"})
    assert where(findings(sample), "anchor.coc") == ["Members!I2"]
