"""AI model ownership and control (III, IV.C), with the NCE exception model by model."""

from __future__ import annotations

from pathlib import Path

from aiexp.findings import Severity
from tests.rules.helpers import findings, of, where
from tests.workbook_edit import set_cells

L2_70B = {"model": "Larkspur L2-70B"}
NOORDLICHT = {"model": "Noordlicht-13B"}
HOSHIZORA = {"name": "Hoshizora Photonics K.K."}


def test_no_layer_3_model(sample: Path) -> None:
    set_cells(sample, "Models", {"layer": 3}, {"layer": 5})
    (finding,) = of(findings(sample), "models.none")
    assert finding.location.sheet == "Models"


def test_ip_owner_controlled_by_a_country_of_concern(sample: Path) -> None:
    set_cells(sample, "Models", L2_70B, {"ip_owner_coc_controlled": "yes"})
    assert where(findings(sample), "models.coc-owner") == ["Models!G2"]


def test_ip_owner_half_owned_from_a_country_of_concern(sample: Path) -> None:
    set_cells(sample, "Models", L2_70B, {"ip_owner_coc_ownership_pct": 50})
    found = findings(sample)
    assert where(found, "models.coc-owner") == ["Models!F2"]
    assert where(found, "models.coc-interest") == []


def test_a_small_coc_interest_is_a_warning_without_majority_qualifier(sample: Path) -> None:
    set_cells(sample, "Models", L2_70B, {"ip_owner_coc_ownership_pct": 5})
    found = findings(sample)
    assert where(found, "models.coc-owner") == []
    (finding,) = of(found, "models.coc-interest")
    assert finding.severity is Severity.WARNING
    assert str(finding.location) == "Models!F2"
    assert "majority" in finding.message


def test_closed_model_owner_not_us_owned(sample: Path) -> None:
    set_cells(sample, "Models", L2_70B, {"ip_owner_us_ownership_pct": 50.9})
    (finding,) = of(findings(sample), "models.us-owned")
    assert finding.severity is Severity.ERROR
    assert str(finding.location) == "Models!E2"


def test_nce_exception_applies_model_by_model(sample: Path) -> None:
    # Hoshizora (JP) asks to be an NCE and owns L2-Mini: that model relies on the exception...
    set_cells(sample, "Members", HOSHIZORA, {"nce_requested": "yes"})
    set_cells(
        sample,
        "Models",
        {"model": "Larkspur L2-Mini"},
        {
            "ip_owner": "Hoshizora Photonics K.K.",
            "ip_owner_country": "JP",
            "ip_owner_us_ownership_pct": 6.2,
        },
    )
    # ...but L2-70B, whose owner is not an NCE, does not.
    set_cells(sample, "Models", L2_70B, {"ip_owner_us_ownership_pct": 40})
    found = of(findings(sample), "models.us-owned")
    by_cell = {str(f.location): f for f in found}
    assert by_cell["Models!E3"].severity is Severity.WARNING
    assert "NCE exception" in by_cell["Models!E3"].message
    assert by_cell["Models!E2"].severity is Severity.ERROR


def test_nce_does_not_excuse_coc_ownership(sample: Path) -> None:
    set_cells(sample, "Members", HOSHIZORA, {"nce_requested": "yes"})
    set_cells(
        sample,
        "Models",
        {"model": "Larkspur L2-Mini"},
        {"ip_owner": "Hoshizora Photonics K.K.", "ip_owner_coc_controlled": "yes"},
    )
    (finding,) = of(findings(sample), "models.coc-owner")
    assert finding.severity is Severity.ERROR


def test_open_weight_support_must_cover_every_function(sample: Path) -> None:
    set_cells(
        sample,
        "Models",
        NOORDLICHT,
        {"support_functions": "deployment, integration, fine-tuning, support"},
    )
    found = findings(sample)
    assert where(found, "models.open-weight-support") == ["Models!O4"]
    assert "security" in of(found, "models.open-weight-support")[0].message


def test_open_weight_support_provider_must_meet_iv_c(sample: Path) -> None:
    # Lindenau is a member but 0 % U.S.-owned: it does not itself meet IV.C(2).
    set_cells(sample, "Models", NOORDLICHT, {"us_support_provider": "Lindenau Sprachdaten GmbH"})
    assert where(findings(sample), "models.open-weight-support") == ["Models!N4"]


def test_open_weight_support_provider_must_be_named_somewhere(sample: Path) -> None:
    # Neither a member nor a Providers row: its ownership is stated nowhere.
    set_cells(sample, "Models", NOORDLICHT, {"us_support_provider": "Some Integrator LLC"})
    found = findings(sample)
    assert where(found, "models.open-weight-support") == ["Models!N4"]
    assert (
        "neither a member nor a Providers row" in of(found, "models.open-weight-support")[0].message
    )
    assert where(found, "input.unknown-entity") == ["Models!N4"]


def _non_member_supporter(sample: Path, **facts: object) -> None:
    """Noordlicht supported by a non-member listed in Providers (layer 3) with these facts."""
    from tests.workbook_edit import append_row

    row: dict[str, object] = {
        "layer": 3,
        "provider": "Keystone Model Services, Inc.",
        "provider_type": "subcontractor",
        "country": "US",
        "principal_place_of_business": "US",
        "coc_ownership_pct": 0,
        "coc_controlled": "no",
        "us_ownership_pct": 100,
        "value": 100000,
        "description": "Deployment, integration, fine-tuning, security and support of Noordlicht",
    }
    row.update(facts)
    append_row(sample, "Providers", row)
    set_cells(
        sample, "Models", NOORDLICHT, {"us_support_provider": "Keystone Model Services, Inc."}
    )


def test_a_non_member_support_provider_with_its_ownership_stated_qualifies(sample: Path) -> None:
    # IV.C: "an entity meeting requirements (1) and (2)" — membership is not required (0.1.0
    # required a member).
    _non_member_supporter(sample)
    found = findings(sample)
    assert where(found, "models.open-weight-support") == []
    assert where(found, "input.unknown-entity") == []


def test_a_non_member_support_provider_without_its_ownership_does_not(sample: Path) -> None:
    _non_member_supporter(sample, coc_controlled=None)
    found = findings(sample)
    (finding,) = of(found, "models.open-weight-support")
    assert "coc_controlled" in finding.message
    assert where(found, "input.unknown-entity") == []


def test_a_non_member_support_provider_needs_us_ownership(sample: Path) -> None:
    _non_member_supporter(sample, us_ownership_pct=None)
    (finding,) = of(findings(sample), "models.open-weight-support")
    assert "us_ownership_pct not given" in finding.message


def test_support_provider_and_ip_owner_get_the_same_two_level_test(sample: Path) -> None:
    # A 7.5 % interest: a warning for the IP owner's own model (0.1.0 too) ...
    set_cells(sample, "Models", L2_70B, {"ip_owner_coc_ownership_pct": 7.5})
    found = findings(sample)
    assert [f.severity for f in of(found, "models.coc-interest")] == [Severity.WARNING]
    assert where(found, "models.open-weight-support") == []
    # ... and the same warning, not an error, when that entity supports an open-weight model
    # (0.1.0: models.open-weight-support, an error).
    set_cells(sample, "Models", L2_70B, {"ip_owner_coc_ownership_pct": 0})
    set_cells(
        sample, "Members", {"name": "Larkspur Reasoning Labs, Inc."}, {"coc_ownership_pct": 7.5}
    )
    found = findings(sample)
    assert where(found, "models.open-weight-support") == []
    interest = [f for f in of(found, "models.coc-interest") if "support provider" in f.message]
    assert [str(f.location) for f in interest] == ["Models!N4"]
    assert interest[0].severity is Severity.WARNING
    # At the error level it fails IV.C(1) for both.
    set_cells(
        sample, "Members", {"name": "Larkspur Reasoning Labs, Inc."}, {"coc_ownership_pct": 50}
    )
    found = findings(sample)
    assert where(found, "models.open-weight-support") == ["Models!N4"]
    assert "Models!F2" in where(found, "models.coc-owner")


def test_an_ip_owner_with_blank_control_is_not_stated(sample: Path) -> None:
    # Noordlicht's owner is no member: its control is known only from the Models row.
    set_cells(sample, "Models", NOORDLICHT, {"ip_owner_coc_controlled": None})
    found = findings(sample)
    (finding,) = [f for f in of(found, "models.ownership-unknown") if "IP owner" in f.message]
    assert str(finding.location) == "Models!G4"
    assert finding.severity is Severity.WARNING


def test_an_open_weight_developer_with_blank_facts_is_not_stated(sample: Path) -> None:
    set_cells(sample, "Models", NOORDLICHT, {"developer_coc_controlled": None})
    found = findings(sample)
    (finding,) = of(found, "models.ownership-unknown")
    assert str(finding.location) == "Models!M4"
    assert "developer" in finding.message
    assert where(found, "models.coc-open-weight") == []


def test_a_model_owner_in_venezuela_is_for_counsel(sample: Path) -> None:
    set_cells(sample, "Models", NOORDLICHT, {"ip_owner_country": "VE"})
    found = findings(sample)
    assert where(found, "models.coc-owner") == []
    assert "Models!D4" in where(found, "coc.conditional")


def test_open_weight_model_of_a_us_owned_owner_needs_no_support(sample: Path) -> None:
    set_cells(
        sample,
        "Models",
        NOORDLICHT,
        {"ip_owner_us_ownership_pct": 75, "us_support_provider": None, "support_functions": None},
    )
    assert where(findings(sample), "models.open-weight-support") == []


def test_open_weight_model_developed_in_a_country_of_concern(sample: Path) -> None:
    set_cells(sample, "Models", NOORDLICHT, {"developer_country": "China"})
    (finding,) = of(findings(sample), "models.coc-open-weight")
    assert str(finding.location) == "Models!J4"
    assert finding.severity is Severity.ERROR


def test_closed_model_developed_in_a_country_of_concern_is_not_the_open_weight_ban(
    sample: Path,
) -> None:
    set_cells(sample, "Models", L2_70B, {"developer": "Other Lab", "developer_country": "CN"})
    assert where(findings(sample), "models.coc-open-weight") == []
