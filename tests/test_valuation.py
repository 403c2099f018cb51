"""`aiexp.valuation`: the rates, provider values and hardware figures that validate, render and
diff share — computed once, so the three agree on the same workbook."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from aiexp.check import check_workbook
from aiexp.content import WorkbookFigures, money_str, workbook_figures
from aiexp.content.format import usd_display
from aiexp.content.rates import RateBook, RatesLayer
from aiexp.diff import diff_workbooks
from aiexp.errors import AiexpError
from aiexp.model import ConsortiumInfo
from aiexp.profile import load_profile
from aiexp.valuation import hardware_summary, layer_valuations, sheet_rates
from aiexp.workbook.reader import read_workbook
from tests.document.dump import text_dump
from tests.hardening.runner import run_main
from tests.rules.helpers import findings, of
from tests.workbook_edit import clear_sheet, copy_sample, set_cells, set_field

PROFILE = load_profile()

# Ironbark Hardware Security, Inc. provides USD 620,000 in layer 4 of the sample.
IRONBARK = "Ironbark Hardware Security, Inc."


def _add_rate(folder: Path, currency: str, rate: str) -> None:
    with (folder / "rates.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{currency},{rate},2026-05-29,test\n")


# -- the exchange rates -------------------------------------------------------------------------
def _figures(workbook: Path, bom: Path | None = None) -> WorkbookFigures:
    return workbook_figures(workbook, read_workbook(workbook), profile=PROFILE, bom=bom)


def test_the_rates_sheet_comes_first(sample: Path) -> None:
    # rates.csv beside the workbook says otherwise for EUR; the workbook's own sheet wins.
    (sample.parent / "rates.csv").write_text(
        "currency,usd_per_unit\nEUR,9\nCHF,1.25\n", encoding="utf-8"
    )
    figures = _figures(sample)
    consortium = read_workbook(sample).consortium
    assert figures.rates.rate("EUR") == Decimal("1.142") == sheet_rates(consortium)["EUR"]
    assert figures.rates.rate("CHF") == Decimal("1.25")
    assert figures.rates.rate("USD") == 1


def test_the_boms_rates_come_before_rates_csv_beside_the_workbook(sample: Path) -> None:
    # A BOM named with --bom in another folder is converted with the rates.csv beside it; a
    # Providers value in the same currency is converted at that same rate, not at the one of
    # the rates.csv beside the workbook: one rate book per workbook.
    clear_sheet(sample, "Rates")
    elsewhere = sample.parent.parent / "bom"
    elsewhere.mkdir()
    bom = Path(shutil.copyfile(sample.parent / "bom.csv", elsewhere / "bom.csv"))
    (elsewhere / "rates.csv").write_text(
        "currency,usd_per_unit\nEUR,1.5\nGBP,1.3\nJPY,0.007\n", encoding="utf-8"
    )
    (sample.parent / "rates.csv").write_text(
        "currency,usd_per_unit\nEUR,9\nCHF,1.25\n", encoding="utf-8"
    )
    figures = _figures(sample, bom)
    assert figures.content is not None
    assert figures.content.rates["EUR"] == figures.provider_rates["EUR"] == Decimal("1.5")
    assert figures.rates.rate("CHF") == Decimal("1.25")  # from beside the workbook
    assert figures.rates_files == [elsewhere / "rates.csv", sample.parent / "rates.csv"]
    # Without that BOM, the rates.csv beside the workbook is the one.
    (sample.parent / "bom.csv").unlink()
    assert _figures(sample).provider_rates["EUR"] == 9


def test_usd_is_always_one() -> None:
    book = RateBook([RatesLayer("odd", {"USD": Decimal(2), "SEK": Decimal("0.1")})])
    assert book.rate("USD") == 1
    assert book.rate("SEK") == Decimal("0.1")


def test_a_bad_rates_csv_matters_only_when_a_value_needs_it(sample: Path) -> None:
    (sample.parent / "rates.csv").write_text(
        "currency,usd_per_unit\nCHF,1.25\nSEK,not a number\n", encoding="utf-8"
    )
    # Every currency of the sample is on its Rates sheet: the broken file is never consulted.
    assert check_workbook(sample).rates_files == []
    # A Providers value in CHF needs it: the file is reported, with its line (exit 2), rather
    # than the value being left without a rate.
    set_cells(sample, "Providers", {"provider": IRONBARK}, {"currency": "CHF"})
    with pytest.raises(AiexpError, match=r"rates\.csv: line 3"):
        check_workbook(sample)


# -- validate and render agree ------------------------------------------------------------------
def test_render_converts_providers_with_the_rates_validate_uses(sample: Path) -> None:
    # CHF is on neither the Rates sheet nor the BOM: only rates.csv beside the workbook has it.
    set_cells(sample, "Providers", {"provider": IRONBARK}, {"currency": "CHF"})
    _add_rate(sample.parent, "CHF", "1.25")
    assert of(findings(sample), "layers.top-provider") == []
    out = sample.parent / "proposal.docx"
    run = run_main(["render", str(sample), "--out", str(out), "--date", "2026-05-01"])
    assert run.exit_code == 0, run.stdout + run.stderr
    text = text_dump(out.read_bytes())
    ironbark = next(line for line in text.splitlines() if IRONBARK in line and "|" in line)
    assert "$775,000.00" in ironbark
    assert "no rate" not in text
    manifest = json.loads(out.with_suffix(".manifest.json").read_text(encoding="utf-8"))
    assert [e["path"] for e in manifest["inputs"] if e["role"] == "rates"] == [
        str(sample.parent / "rates.csv")
    ]


# -- the providers of each layer ------------------------------------------------------------------
def test_layer_valuations_group_convert_and_mark_members(sample: Path) -> None:
    set_cells(
        sample,
        "Providers",
        {"provider": "Tamarack Silicon Devices, Inc."},
        {"provider": "ASHGROVE  networks, inc."},
    )
    # Pennine (row 14) becomes a third Ashgrove row, in a currency without a rate.
    set_cells(
        sample,
        "Providers",
        {"provider": "Pennine Rack & Enclosure Ltd"},
        {"provider": "Ashgrove Networks, Inc.", "currency": "SEK"},
    )
    set_cells(
        sample, "Providers", {"provider": "Skagerrak Thermal Systems A/S"}, {"currency": "CHF"}
    )
    consortium = read_workbook(sample).consortium
    layers = layer_valuations(consortium, sheet_rates(consortium), PROFILE.layers)
    assert sorted(layers) == [1, 2, 3, 4, 5]
    layer1 = layers[1]
    ashgrove = next(p for p in layer1.providers if p.key == "ashgrove networks, inc.")
    assert [row.row for row in ashgrove.rows] == [4, 6, 14]
    assert ashgrove.value == Decimal(6_155_755 + 5_230_840)  # the SEK row is left out
    assert ashgrove.usd is None
    assert ashgrove.by_currency() == {"USD": Decimal(6_155_755 + 5_230_840), "SEK": 433_144}
    assert not ashgrove.member
    hoshizora = next(p for p in layer1.providers if p.name == "Hoshizora Photonics K.K.")
    assert hoshizora.member
    assert hoshizora.usd == Decimal(790_425_600) * Decimal("0.00692")
    # The rows without a rate in sheet order (the first is the one a finding points at), though
    # Ashgrove's first row comes before Skagerrak's.
    assert [row.row for row in layer1.unconverted] == [9, 14]
    assert [p.name for p in layer1.top()] == ["Cobalt Ridge Semiconductor Corp."]
    assert [p.name for p in layers[5].non_members()] == [
        "Wadi Health Informatics FZ-LLC",
        "Bayanihan Systems Integration Corp.",
        "Saltmarsh Geospatial, Inc.",
    ]


def test_the_document_values_providers_as_the_rules_do(sample: Path) -> None:
    # The rules count it as a non-member (and say so); the document now agrees.
    wadi = "Wadi Health Informatics FZ-LLC"
    set_cells(sample, "Providers", {"provider": wadi}, {"provider_type": "member"})
    # A blank value adds nothing (the reader reports it), as in the rules: it is not a "no rate".
    set_cells(sample, "Providers", {"provider": "Saltmarsh Geospatial, Inc."}, {"value": None})
    assert [f.code for f in findings(sample) if wadi in f.message] == ["input.unknown-entity"]
    out = sample.parent / "proposal.docx"
    run = run_main(["render", str(sample), "--out", str(out), "--date", "2026-05-01", "--draft"])
    assert run.exit_code == 0, run.stdout + run.stderr
    text = text_dump(out.read_bytes())
    assert f"after the consortium members are {wadi} (member, United Arab Emirates" in text
    assert "no rate" not in text
    assert "without an exchange rate" not in text


def test_diff_values_layers_as_the_rules_do(tmp_path: Path) -> None:
    old, new = copy_sample(tmp_path / "old"), copy_sample(tmp_path / "new")
    set_cells(new, "Providers", {"provider": IRONBARK}, {"currency": "CHF"})
    _add_rate(new.parent, "CHF", "1.25")
    change = next(
        c
        for c in diff_workbooks(old, new).material
        if c.sheet == "Providers" and c.key == "layer 4"
    )
    consortium = read_workbook(new).consortium
    layer4 = layer_valuations(consortium, _figures(new).provider_rates, PROFILE.layers)[4]
    assert change.after == {"USD": money_str(sum((p.value for p in layer4.providers), Decimal(0)))}
    # USD 7.4 M + 2.3 M, CHF 620,000 × 1.25, EUR 260,000 × 1.142
    assert change.after == {"USD": "10771920.00"}


# -- the hardware summary figures -----------------------------------------------------------------
def _info(total: str | None, us_value: str | None) -> ConsortiumInfo:
    return ConsortiumInfo(
        hardware_total_value=None if total is None else Decimal(total),
        hardware_us_value=None if us_value is None else Decimal(us_value),
    )


def test_hardware_summary_is_exact_at_the_threshold() -> None:
    at = hardware_summary(_info("10000", "5100"), Decimal(51))
    assert at is not None
    assert (at.us_content_pct, at.meets_threshold, at.shortfall_value) == (51, True, 0)
    below = hardware_summary(_info("10000", "5099.99"), Decimal(51))
    assert below is not None
    assert below.us_content_pct == Decimal("50.9999")
    assert not below.meets_threshold
    assert below.shortfall_value == Decimal("0.01")


def test_hardware_summary_is_exact_beyond_28_digits() -> None:
    # 51 × 10^28 of 10^30 + 1 is 50.99999…%: the default 28-digit context rounds it to 51 and
    # would call the threshold met.
    total = "1" + "0" * 29 + "1"
    figures = hardware_summary(_info(total, "51" + "0" * 28), Decimal(51))
    assert figures is not None
    assert not figures.meets_threshold
    assert figures.us_content_pct < 51
    assert str(figures.us_content_pct).startswith("50." + "9" * 28 + "49")
    assert figures.shortfall_value == Decimal("0.51")
    assert figures.margin_value == Decimal("-0.51")


def test_hardware_summary_needs_both_figures_and_a_total() -> None:
    assert hardware_summary(_info(None, "5"), Decimal(51)) is None
    assert hardware_summary(_info("10", None), Decimal(51)) is None
    # No percentage of a zero total: no division, in any command.
    assert hardware_summary(_info("0", "0"), Decimal(51)) is None


def _without_bom(path: Path, total: object, us_value: object) -> None:
    (path.parent / "bom.csv").unlink()
    set_field(path, "hardware_total_value", total)
    set_field(path, "hardware_us_value", us_value)
    set_field(path, "hardware_basis", "supplier declarations")


def test_validate_render_and_diff_agree_on_the_summary_figures(tmp_path: Path) -> None:
    old, new = copy_sample(tmp_path / "old"), copy_sample(tmp_path / "new")
    _without_bom(new, 6, 1)  # 1/6 = 16.6666… %, shortfall 51 % × 6 − 1 = 2.06
    (finding,) = of(findings(new), "hardware.us-content")
    assert "16.6666 % of USD 6.00" in finding.message
    assert "shortfall USD 2.06" in finding.message
    out = new.parent / "proposal.docx"
    run = run_main(["render", str(new), "--out", str(out), "--date", "2026-05-01"])
    assert run.exit_code == 0, run.stdout + run.stderr
    text = text_dump(out.read_bytes())
    assert "valued at $6.00, of which $1.00 is U.S. content: 16.66 %" in text
    assert "below the 51 % presumption of Section IV.A by $2.06 of value" in text
    after = diff_workbooks(old, new).hardware_after
    assert after is not None
    assert (after.basis, after.us_content_pct, after.meets_threshold) == (
        "summary",
        Decimal("16." + "6" * 58),  # 60 digits, rounded down (never up), as content-calc does
        False,
    )


def test_a_zero_total_has_no_percentage_anywhere(tmp_path: Path) -> None:
    old, new = copy_sample(tmp_path / "old"), copy_sample(tmp_path / "new")
    _without_bom(new, 0, 0)
    (finding,) = of(findings(new), "hardware.us-content")
    assert "hardware_total_value is 0" in finding.message
    out = new.parent / "proposal.docx"
    run = run_main(["render", str(new), "--out", str(out), "--date", "2026-05-01"])
    assert run.exit_code == 0, run.stdout + run.stderr
    text = text_dump(out.read_bytes())
    # Not "0.00 % … meets the 51 % presumption", as the document said before.
    assert "have not been established yet" in text
    assert diff_workbooks(old, new).hardware_after is None


# -- report rounding: one format module -----------------------------------------------------------
def test_usd_display_rounds_half_even_with_separators() -> None:
    assert usd_display(Decimal("1234567.125")) == "USD 1,234,567.12"
    assert usd_display(Decimal("0.135")) == "USD 0.14"
    assert usd_display(Decimal("-0.001")) == "USD 0.00"  # never "-0.00"


def test_findings_and_the_diff_print_money_and_percentages_alike(tmp_path: Path) -> None:
    # 1/3 = 33.3333… % (truncated, not rounded) of USD 1,234.565 (half-even: 1,234.56).
    old, new = copy_sample(tmp_path / "old"), copy_sample(tmp_path / "new")
    _without_bom(new, "1234.565", "411.5216666")
    (finding,) = of(findings(new), "hardware.us-content")
    assert "33.3333 % of USD 1,234.56" in finding.message
    change = next(c for c in diff_workbooks(old, new).material if c.key == "hardware U.S. content")
    assert "33.3333 % of USD 1,234.56" in change.summary
