"""Hardware rules (IV.A): from the content-calc result, or from the summary figures."""

from __future__ import annotations

from pathlib import Path

from aiexp.findings import Severity
from tests.rules.helpers import bom_line, findings, of, where, write_bom
from tests.workbook_edit import set_cells, set_field


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
    set_cells(sample, "Members", {"name": "Hoshizora Photonics K.K."}, {"coc_controlled": "yes"})
    found = findings(sample)
    assert where(found, "members.coc") == ["Members!K4"]
    assert where(found, "hardware.coc-disclosure") == ["Members!K4"]


def _bom_sheet(sample: Path, rows: list[dict[str, object]]) -> Path:
    """The sample with its BOM in the workbook's BOM sheet instead of bom.csv."""
    from tests.workbook_edit import append_row

    (sample.parent / "bom.csv").unlink()
    for row in rows:
        append_row(sample, "BOM", row)
    return sample


def test_a_bom_line_with_blank_supplier_status_is_unknown_not_no(sample: Path) -> None:
    # SPEC §3: supplier_coc_controlled blank = unknown, never "no" (0.1.0 defaulted it to "no").
    _bom_sheet(
        sample,
        [
            bom_line("A", supplier_principal_place_of_business="US", supplier_coc_controlled="no"),
            bom_line("B", supplier_principal_place_of_business="US"),
        ],
    )
    found = findings(sample)
    (finding,) = of(found, "hardware.supplier-unknown")
    assert finding.severity is Severity.WARNING
    assert finding.location.sheet == "BOM"
    assert finding.message.endswith(": B")


def test_a_bom_file_line_with_blank_supplier_status_is_unknown_too(sample: Path) -> None:
    # The same rule for bom.csv: the content calculation lists the lines (it used to read a
    # blank as "no").
    import csv

    bom = sample.parent / "bom.csv"
    with bom.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[3]["supplier_coc_controlled"] = ""
    with bom.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    found = findings(sample)
    (finding,) = of(found, "hardware.supplier-unknown")
    assert finding.message.endswith(f": {rows[3]['line_id']}")
    assert finding.location.file == str(bom)
    from aiexp.check import check_workbook

    content = check_workbook(sample).content
    assert content is not None
    assert content.to_json_dict()["supplier_unknown_lines"] == [rows[3]["line_id"]]
    assert rows[3]["line_id"] not in content.to_json_dict()["coc_lines"]


def test_a_bom_line_stated_clear_is_fine(sample: Path) -> None:
    _bom_sheet(
        sample,
        [bom_line("A", supplier_principal_place_of_business="US", supplier_coc_controlled="no")],
    )
    assert where(findings(sample), "hardware.supplier-unknown") == []


def test_a_layer_1_vendor_with_blank_ownership_is_unknown(sample: Path) -> None:
    set_cells(
        sample,
        "Providers",
        {"provider": "Seorak Memory Solutions Co., Ltd."},
        {"coc_controlled": None},
    )
    found = findings(sample)
    assert where(found, "hardware.supplier-unknown") == ["Providers!G11"]
    assert "coc_controlled" in of(found, "hardware.supplier-unknown")[0].message


def test_providers_layer_1_total_and_the_bom_total_must_agree(sample: Path) -> None:
    # The sample's Layer 1 Providers rows add up to the BOM total exactly.
    assert where(findings(sample), "hardware.valuation-mismatch") == []
    # Cobalt Ridge's $54.9M row raised by $2M: 1.7 % of the $117.7M BOM total.
    set_cells(
        sample,
        "Providers",
        {"provider": "Cobalt Ridge Semiconductor Corp."},
        {"value": "56891776.00"},
    )
    (finding,) = of(findings(sample), "hardware.valuation-mismatch")
    assert finding.severity is Severity.WARNING
    assert "USD 117,740,780.98" in finding.message
    assert "USD 119,740,780.98" in finding.message


def test_a_difference_within_the_tolerance_is_rounding(sample: Path) -> None:
    # $1M more: 0.85 % of the BOM total, within the profile's 1 %.
    set_cells(
        sample,
        "Providers",
        {"provider": "Cobalt Ridge Semiconductor Corp."},
        {"value": "55891776.00"},
    )
    assert where(findings(sample), "hardware.valuation-mismatch") == []


def test_summary_figures_and_providers_must_agree(sample: Path) -> None:
    _summary(sample, 1000, 600)
    (finding,) = of(findings(sample), "hardware.valuation-mismatch")
    assert str(finding.location) == "Consortium!B12"
