"""Hardware rules (IV.A): from the content-calc result, or from the summary figures."""

from __future__ import annotations

from pathlib import Path

from aiexp.findings import Severity
from tests.rules.helpers import bom_line, findings, of, where, write_bom
from tests.workbook_edit import set_field


def _summary(path: Path, total: object, us_value: object) -> None:
    (path.parent / "bom.csv").unlink()
    set_field(path, "hardware_total_value", total)
    set_field(path, "hardware_us_value", us_value)
    set_field(path, "hardware_basis", "supplier declarations")


def test_no_bom_and_no_summary(sample: Path) -> None:
    (sample.parent / "bom.csv").unlink()
    (finding,) = of(findings(sample), "hardware.no-bom")
    assert finding.severity is Severity.ERROR
    assert str(finding.location) == "Consortium!B12"


def test_summary_figures_without_a_bom(sample: Path) -> None:
    _summary(sample, 1000, 600)
    found = findings(sample)
    assert where(found, "hardware.no-bom") == []
    assert where(found, "hardware.summary-only") == ["Consortium!B12"]
    assert where(found, "hardware.us-content") == []


def test_summary_below_the_threshold_is_exact(sample: Path) -> None:
    # 1/6 = 16.6666… %: truncated (not rounded) to four places.
    _summary(sample, 6, 1)
    (finding,) = of(findings(sample), "hardware.us-content")
    assert finding.severity is Severity.WARNING
    assert str(finding.location) == "Consortium!B13"
    assert "16.6666 %" in finding.message
    assert "shortfall USD 2.06" in finding.message


def test_summary_exactly_at_the_threshold_meets_it(sample: Path) -> None:
    _summary(sample, "10000", "5100")
    assert where(findings(sample), "hardware.us-content") == []
    # A hair below: 50.9999 % does not meet 51 %.
    set_field(sample, "hardware_us_value", "5099.99")
    (finding,) = of(findings(sample), "hardware.us-content")
    assert "50.9999 %" in finding.message


def test_bom_below_the_threshold(sample: Path, tmp_path: Path) -> None:
    bom = write_bom(
        tmp_path,
        [bom_line("A", us_content_pct=40), bom_line("B", us_content_pct=60, unit_value=50)],
    )
    (finding,) = of(findings(sample, bom=bom), "hardware.us-content")
    # (40 + 30) / 150 = 46.6666… %; shortfall 0.51 × 150 − 70 = 6.50.
    assert "46.6666 %" in finding.message
    assert "USD 6.50" in finding.message
    assert finding.location.file == str(bom)


def test_bom_lines_without_us_content(sample: Path, tmp_path: Path) -> None:
    bom = write_bom(tmp_path, [bom_line("A"), bom_line("B", us_content_pct="")])
    (finding,) = of(findings(sample, bom=bom), "hardware.undeclared")
    assert finding.severity is Severity.WARNING
    assert "B" in finding.message
    assert finding.location.file == str(bom)


def test_bom_lines_from_a_country_of_concern_supplier(sample: Path, tmp_path: Path) -> None:
    bom = write_bom(
        tmp_path,
        [bom_line("A"), bom_line("CN-1", supplier="Shenzhen Cables", supplier_country="CN")],
    )
    found = findings(sample, bom=bom)
    (finding,) = of(found, "hardware.coc-disclosure")
    assert finding.severity is Severity.INFO
    assert "CN-1" in finding.message
    assert "Shenzhen Cables" in finding.message


def test_the_sample_bom_meets_the_threshold(sample: Path) -> None:
    found = findings(sample)
    for code in ("hardware.no-bom", "hardware.us-content", "hardware.undeclared"):
        assert where(found, code) == []


def test_a_layer_1_member_linked_to_a_country_of_concern_is_disclosed(sample: Path) -> None:
    from tests.workbook_edit import set_cells

    set_cells(sample, "Members", {"name": "Hoshizora Photonics K.K."}, {"coc_controlled": "yes"})
    found = findings(sample)
    assert where(found, "members.coc") == ["Members!J4"]
    assert where(found, "hardware.coc-disclosure") == ["Members!J4"]
