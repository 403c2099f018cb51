"""National Champion Enterprises (II.A)."""

from __future__ import annotations

from pathlib import Path

from aiexp.findings import Severity
from tests.rules.helpers import findings, of, where
from tests.workbook_edit import delete_rows, set_cells

HOSHIZORA = {"name": "Hoshizora Photonics K.K."}


def _hoshizora_leads_layer_1(path: Path) -> None:
    # 20 billion JPY is about 130 million USD at the sample's rate: the top Layer 1 provider.
    set_cells(path, "Providers", {"provider": "Hoshizora Photonics K.K."}, {"value": 2e10})


def test_a_foreign_top_layer_1_member_without_nce_request(sample: Path) -> None:
    _hoshizora_leads_layer_1(sample)
    found = findings(sample)
    assert where(found, "nce.not-requested") == ["Members!O4"]
    assert where(found, "layers.top-provider") == []


def test_a_foreign_top_layer_1_member_with_nce_request(sample: Path) -> None:
    _hoshizora_leads_layer_1(sample)
    set_cells(sample, "Members", HOSHIZORA, {"nce_requested": "yes"})
    found = findings(sample)
    assert where(found, "nce.not-requested") == []
    assert where(found, "nce.misapplied") == []
    # A package with an NCE may only target the NCE's home country (Japan): GCC, PH, PL fail.
    assert where(found, "nce.home-market") == ["Markets!A2", "Markets!A3", "Markets!A4"]
    assert where(found, "nce.justification") == ["Narratives"]


def test_nce_package_for_its_home_country(sample: Path) -> None:
    _hoshizora_leads_layer_1(sample)
    set_cells(sample, "Members", HOSHIZORA, {"nce_requested": "yes"})
    delete_rows(sample, "Markets", {"market": "GCC"})
    delete_rows(sample, "Markets", {"market": "Poland"})
    set_cells(sample, "Markets", {"market": "Philippines"}, {"market": "Japan"})
    assert where(findings(sample), "nce.home-market") == []


def test_nce_requested_on_a_us_member(sample: Path) -> None:
    set_cells(sample, "Members", {"name": "Halvorsen Data Works, Inc."}, {"nce_requested": "y"})
    (finding,) = of(findings(sample), "nce.misapplied")
    assert finding.severity is Severity.WARNING
    assert str(finding.location) == "Members!O6"


def test_nce_requested_on_a_foreign_member_that_leads_nothing(sample: Path) -> None:
    set_cells(sample, "Members", {"name": "Lindenau Sprachdaten GmbH"}, {"nce_requested": "yes"})
    found = findings(sample)
    assert where(found, "nce.misapplied") == ["Members!O7"]
    assert where(found, "nce.justification") == ["Narratives"]
