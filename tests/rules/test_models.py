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


def test_open_weight_support_provider_must_be_a_member(sample: Path) -> None:
    set_cells(sample, "Models", NOORDLICHT, {"us_support_provider": "Some Integrator LLC"})
    found = findings(sample)
    assert where(found, "models.open-weight-support") == ["Models!N4"]
    assert where(found, "input.unknown-entity") == ["Models!N4"]


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
