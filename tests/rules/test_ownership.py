"""Ownership and control (IV.B, IV.D, VI.1) and the shared "linked to a country of concern"."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from aiexp.findings import Severity
from aiexp.ownership import linked_to_coc
from aiexp.profile import load_profile
from tests.rules.helpers import findings, of, where
from tests.workbook_edit import set_cells

LINDENAU = {"name": "Lindenau Sprachdaten GmbH"}


def test_linked_to_coc_gives_every_reason() -> None:
    profile = load_profile()
    assert linked_to_coc(profile, country="US", principal_place_of_business="US") == []
    links = linked_to_coc(
        profile,
        country="HK",
        principal_place_of_business="MO",
        parent_country="CN",
        parent_principal_place_of_business="RU",
        coc_ownership_pct=Decimal("50.5"),
        coc_controlled=True,
    )
    assert [link.field for link in links] == [
        "country_of_incorporation",
        "principal_place_of_business",
        "ultimate_parent_country",
        "ultimate_parent_principal_place_of_business",
        "coc_ownership_pct",
        "coc_controlled",
    ]
    # Exactly 50 % is not a majority.
    assert linked_to_coc(profile, coc_ownership_pct=Decimal(50)) == []
    (venezuela,) = linked_to_coc(profile, country="VE")
    assert "under the regime of Nicolás Maduro Moros" in venezuela.reason


def test_a_member_incorporated_in_a_country_of_concern(sample: Path) -> None:
    set_cells(sample, "Members", LINDENAU, {"country_of_incorporation": "Russia"})
    assert where(findings(sample), "members.coc") == ["Members!D7"]


def test_a_member_with_a_majority_coc_interest(sample: Path) -> None:
    set_cells(sample, "Members", LINDENAU, {"coc_ownership_pct": 51})
    assert where(findings(sample), "members.coc") == ["Members!I7"]


def test_a_member_whose_parent_is_based_in_a_country_of_concern(sample: Path) -> None:
    set_cells(
        sample,
        "Members",
        {"name": "Hoshizora Photonics K.K."},
        {"ultimate_parent_principal_place_of_business": "Hong Kong"},
    )
    assert where(findings(sample), "members.coc") == ["Members!H4"]


def test_a_member_with_unknown_coc_ownership(sample: Path) -> None:
    set_cells(sample, "Members", LINDENAU, {"coc_ownership_pct": None})
    (finding,) = of(findings(sample), "members.ownership-unknown")
    assert finding.severity is Severity.WARNING
    assert str(finding.location) == "Members!I7"


def test_a_member_parent_without_its_country(sample: Path) -> None:
    set_cells(sample, "Members", LINDENAU, {"ultimate_parent": "Lindenau Holding AG"})
    assert where(findings(sample), "members.ownership-unknown") == ["Members!G7"]


def test_a_subcontractor_in_a_country_of_concern(sample: Path) -> None:
    set_cells(
        sample, "Providers", {"provider": "Pecos River Critical Facilities, LLC"}, {"country": "CN"}
    )
    assert where(findings(sample), "partners.coc") == ["Providers!D12"]


def test_a_local_partner_based_in_a_country_of_concern(sample: Path) -> None:
    set_cells(
        sample,
        "Providers",
        {"provider": "Sahil Data Centre Services L.L.C."},
        {"principal_place_of_business": "Iran"},
    )
    assert where(findings(sample), "partners.coc") == ["Providers!E13"]


def test_a_vendor_linked_to_a_country_of_concern_is_a_warning(sample: Path) -> None:
    set_cells(
        sample,
        "Providers",
        {"provider": "Seorak Memory Solutions Co., Ltd."},
        {"coc_controlled": "yes"},
    )
    found = findings(sample)
    assert where(found, "partners.coc") == []
    (finding,) = of(found, "partners.coc-vendor")
    assert str(finding.location) == "Providers!G11"
    assert "section 7" in finding.message
    # A Layer 1 provider so linked is disclosed (info).
    assert where(found, "hardware.coc-disclosure") == ["Providers!G11"]
