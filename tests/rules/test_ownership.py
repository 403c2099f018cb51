"""Ownership and control (IV.B, IV.D, VI.1) and the shared "linked to a country of concern"."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from aiexp.findings import Severity
from aiexp.ownership import coc_status, linked_to_coc
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
    assert where(findings(sample), "members.coc") == ["Members!J7"]


def test_a_member_whose_parent_is_based_in_a_country_of_concern(sample: Path) -> None:
    set_cells(
        sample,
        "Members",
        {"name": "Hoshizora Photonics K.K."},
        {"ultimate_parent_principal_place_of_business": "Hong Kong"},
    )
    assert where(findings(sample), "members.coc") == ["Members!I4"]


def test_a_member_with_unknown_coc_ownership(sample: Path) -> None:
    set_cells(sample, "Members", LINDENAU, {"coc_ownership_pct": None})
    (finding,) = of(findings(sample), "members.ownership-unknown")
    # An error now (0.1.0: a warning): VI.1 asks for ownership and control information
    # "sufficient to determine compliance with Section IV".
    assert finding.severity is Severity.ERROR
    assert finding.section == "VI.1, IV"
    assert str(finding.location) == "Members!J7"


def test_a_member_parent_without_its_country(sample: Path) -> None:
    set_cells(sample, "Members", LINDENAU, {"ultimate_parent": "Lindenau Holding AG"})
    assert where(findings(sample), "members.ownership-unknown") == ["Members!H7"]


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


def test_the_test_has_three_values() -> None:
    profile = load_profile()
    clear = coc_status(
        profile,
        country="US",
        principal_place_of_business="US",
        coc_ownership_pct=Decimal(0),
        coc_controlled=False,
    )
    assert clear.clear
    assert not clear.linked
    assert not clear.undetermined
    # A blank is unknown, never "no": 0.1.0 took a blank coc_controlled for "no".
    unknown = coc_status(
        profile,
        country="US",
        principal_place_of_business="US",
        coc_ownership_pct=None,
        coc_controlled=None,
    )
    assert not unknown.clear
    assert not unknown.linked
    assert unknown.unknown == ("coc_ownership_pct", "coc_controlled")
    # A known link wins over a blank fact.
    linked = coc_status(
        profile,
        country="CN",
        principal_place_of_business=None,
        coc_ownership_pct=None,
        coc_controlled=None,
    )
    assert linked.linked
    assert not linked.clear
    # A column the entity's sheet does not have is no fact (a BOM line has no ownership %).
    bom = coc_status(profile, country="US", principal_place_of_business="US", coc_controlled=False)
    assert bom.clear


def test_venezuela_is_conditional_with_the_statutes_words() -> None:
    profile = load_profile()
    (entry,) = [c for c in profile.countries_of_concern if c.code == "VE"]
    assert entry.condition == "under the regime of Nicolás Maduro Moros"
    status = coc_status(
        profile,
        country="VE",
        principal_place_of_business="VE",
        coc_ownership_pct=Decimal(0),
        coc_controlled=False,
    )
    assert status.conditional
    assert not status.linked
    assert not status.clear
    assert all("Nicolás Maduro Moros" in link.reason for link in status.links)


def test_a_member_with_blank_control_is_unknown_not_clear(sample: Path) -> None:
    set_cells(sample, "Members", LINDENAU, {"coc_controlled": None})
    found = findings(sample)
    (finding,) = of(found, "members.ownership-unknown")
    assert finding.severity is Severity.ERROR
    assert str(finding.location) == "Members!K7"
    assert "coc_controlled" in finding.message


def test_a_local_partner_with_blank_ownership(sample: Path) -> None:
    # 0.1.0: no finding, and section 7 said no Layer 1 provider was linked.
    set_cells(
        sample,
        "Providers",
        {"provider": "Sahil Data Centre Services L.L.C."},
        {"coc_ownership_pct": None, "coc_controlled": None},
    )
    found = findings(sample)
    (finding,) = of(found, "partners.ownership-unknown")
    assert finding.severity is Severity.WARNING
    assert str(finding.location) == "Providers!F13"
    assert "local implementation partner" in finding.message
    assert "coc_ownership_pct or coc_controlled" in finding.message
    # It is a Layer 1 provider: section 7 cannot say it is clear.
    assert where(found, "hardware.supplier-unknown") == ["Providers!F13"]


def test_a_subcontractor_in_venezuela_is_for_counsel(sample: Path) -> None:
    set_cells(
        sample,
        "Providers",
        {"provider": "Luzon Data Annotation Corp."},
        {"principal_place_of_business": "Venezuela"},
    )
    found = findings(sample)
    assert where(found, "partners.coc") == []
    (finding,) = of(found, "coc.conditional")
    assert finding.severity is Severity.WARNING
    assert finding.location.sheet == "Providers"
    assert "Nicolás Maduro Moros" in finding.message


MERIDIAN = {"provider": "Meridian Compute Systems, Inc."}
HOSHIZORA = {"provider": "Hoshizora Photonics K.K."}


def test_a_members_providers_row_that_links_it_is_judged(sample: Path) -> None:
    # The Members row says Japan; the member's own Providers row says China. 0.1.0 judged the
    # Members row only and the proposal printed both ("not linked" and "China").
    set_cells(sample, "Providers", HOSHIZORA, {"country": "China"})
    found = findings(sample)
    assert where(found, "members.coc") == ["Providers!D5"]
    (coc,) = of(found, "members.coc")
    assert "by its Providers row (layer 1): incorporated in China" in coc.message
    assert where(found, "members.facts-mismatch") == ["Providers!D5"]


def test_the_anchors_providers_row_that_links_it_is_judged(sample: Path) -> None:
    set_cells(sample, "Providers", MERIDIAN, {"coc_controlled": "yes"})
    found = findings(sample)
    assert where(found, "anchor.coc") == ["Providers!G3"]
    assert where(found, "members.coc") == []
    (mismatch,) = of(found, "members.facts-mismatch")
    assert "gives coc_controlled yes, its Members row coc_controlled no" in mismatch.message


def test_a_members_providers_row_stating_another_country(sample: Path) -> None:
    # Not a country of concern, but the proposal would state two countries of incorporation.
    set_cells(sample, "Providers", HOSHIZORA, {"country": "Korea, Republic of"})
    found = findings(sample)
    assert where(found, "members.facts-mismatch") == ["Providers!D5"]
    assert of(found, "members.coc") == []
    (mismatch,) = of(found, "members.facts-mismatch")
    assert mismatch.severity is Severity.WARNING
    assert "gives country South Korea, its Members row country_of_incorporation Japan" in (
        mismatch.message
    )


def test_a_blank_providers_cell_of_a_member_is_no_statement(sample: Path) -> None:
    set_cells(sample, "Providers", HOSHIZORA, {"coc_ownership_pct": None, "coc_controlled": None})
    found = findings(sample)
    assert of(found, "members.facts-mismatch") == []
    assert of(found, "members.coc") == []
