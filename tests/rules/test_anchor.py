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
    assert where(findings(sample), "anchor.experience") == ["Members!M2"]


def test_anchor_without_multi_country_capacity(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"multi_country_capacity": None})
    assert where(findings(sample), "anchor.experience") == ["Members!N2"]


def test_anchor_organized_abroad(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"country_of_incorporation": "Canada"})
    found = findings(sample)
    assert where(found, "anchor.us-organized") == ["Members!D2"]
    assert "Canada" in of(found, "anchor.us-organized")[0].message


def test_anchor_based_abroad(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"principal_place_of_business": "GB"})
    assert where(findings(sample), "anchor.us-organized") == ["Members!F2"]


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
    assert where(findings(sample), "anchor.foreign-parent") == ["Members!H2"]


def test_anchor_parent_without_its_countries(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"ultimate_parent": "Meridian Holdings Inc."})
    assert where(findings(sample), "anchor.foreign-parent") == ["Members!H2", "Members!I2"]


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
    assert where(found, "anchor.coc") == ["Members!K2"]
    # The anchor is reported once, by the anchor rule, not again as a member.
    assert where(found, "members.coc") == []


def test_anchor_parent_in_venezuela_is_for_counsel_with_the_condition(sample: Path) -> None:
    # Sec. 8521 lists Venezuela only "under the regime of Nicolás Maduro Moros": a link through
    # it alone is a coc.conditional warning for counsel, not the anchor.coc error (0.1.0 gave
    # the error, as if the condition always held).
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
    assert of(found, "anchor.coc") == []
    (finding,) = [f for f in of(found, "coc.conditional") if f.location.sheet == "Members"]
    assert finding.severity.value == "warning"
    assert finding.location.cell == "H2"
    assert "Nicolás Maduro Moros" in finding.message
    assert "the anchor" in finding.message


def test_a_parent_in_venezuela_and_one_in_china_is_still_an_error(sample: Path) -> None:
    set_cells(
        sample,
        "Members",
        ANCHOR,
        {
            "ultimate_parent": "Caracas Holdings",
            "ultimate_parent_country": "Venezuela",
            "ultimate_parent_principal_place_of_business": "CN",
        },
    )
    found = findings(sample)
    assert where(found, "anchor.coc") == ["Members!I2"]
    assert [f for f in of(found, "coc.conditional") if f.location.sheet == "Members"] == []


def test_anchor_parent_left_blank_is_unknown_not_none(sample: Path) -> None:
    # 0.1.0 read a blank ultimate_parent as "no parent" and attested II.2 on it.
    set_cells(sample, "Members", ANCHOR, {"ultimate_parent": None})
    found = findings(sample)
    assert where(found, "anchor.foreign-parent") == ["Members!G2"]
    assert "does not state its ultimate parent" in of(found, "anchor.foreign-parent")[0].message


def test_anchor_own_name_as_parent_is_its_own_parent(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"ultimate_parent": "Meridian Compute Systems, Inc."})
    assert where(findings(sample), "anchor.foreign-parent") == []


def test_anchor_state_of_organization_must_be_a_state(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"state_of_organization": "Ontario"})
    found = findings(sample)
    assert where(found, "anchor.us-organized") == ["Members!E2"]
    assert "not a State of the United States" in of(found, "anchor.us-organized")[0].message
    set_cells(sample, "Members", ANCHOR, {"state_of_organization": "DE"})
    assert where(findings(sample), "anchor.us-organized") == []


def test_a_minority_interest_does_not_link_the_anchor(sample: Path) -> None:
    set_cells(sample, "Members", ANCHOR, {"coc_ownership_pct": 50})
    assert where(findings(sample), "anchor.coc") == []
    set_cells(sample, "Members", ANCHOR, {"coc_ownership_pct": "50.01%"})
    assert where(findings(sample), "anchor.coc") == ["Members!J2"]
