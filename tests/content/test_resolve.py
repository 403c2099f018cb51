"""Which BOM a workbook uses (SPEC §1 order), and its rates, on copies of the sample."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from aiexp.content import BomSource, content_for_workbook, resolve_bom
from aiexp.errors import BomError
from aiexp.workbook import read_workbook
from tests.content.bomfiles import COLUMNS, calc, line, write_csv
from tests.workbook_edit import append_row, clear_sheet


def test_explicit_bom_wins(sample: Path, tmp_path: Path) -> None:
    other = write_csv(tmp_path / "other.csv", [line("Z", "10", us_content_pct=100)])
    wb = read_workbook(sample)
    assert resolve_bom(sample, wb, other) == BomSource("file", other, explicit=True)
    result = content_for_workbook(sample, wb, bom=other)
    assert result is not None
    assert result.total_value == 10
    assert result.source == str(other)


def test_bom_csv_beside_the_workbook(sample: Path) -> None:
    clear_sheet(sample, "BOM")
    wb = read_workbook(sample)
    beside = sample.parent / "bom.csv"
    assert resolve_bom(sample, wb, None) == BomSource("file", beside, explicit=False)
    result = content_for_workbook(sample, wb)
    assert result is not None
    alone = calc(beside)
    # The workbook's Rates sheet (numbers) comes before rates.csv (text): the same rates here.
    assert result.rates == alone.rates
    document, expected = result.to_json_dict(), alone.to_json_dict()
    del document["rates"], expected["rates"]
    assert document == expected


def test_header_only_bom_found_counts_as_none(sample: Path) -> None:
    clear_sheet(sample, "BOM")
    write_csv(sample.parent / "bom.csv", [], columns=COLUMNS)
    wb = read_workbook(sample)
    assert resolve_bom(sample, wb, None) is None
    assert content_for_workbook(sample, wb) is None
    (sample.parent / "bom.csv").unlink()
    assert resolve_bom(sample, wb, None) is None


def test_header_only_bom_named_is_an_error(sample: Path) -> None:
    empty = write_csv(sample.parent / "empty.csv", [], columns=COLUMNS)
    wb = read_workbook(sample)
    with pytest.raises(BomError, match="no lines"):
        content_for_workbook(sample, wb, bom=empty)


def test_bom_sheet_with_rows_and_rates_sheet(sample: Path) -> None:
    clear_sheet(sample, "BOM")
    append_row(sample, "BOM", line("S1", 100, currency="EUR", us_content_pct=100))
    append_row(sample, "BOM", line("S2", 100, us_content_pct=0))
    (sample.parent / "rates.csv").unlink()
    wb = read_workbook(sample)
    source = resolve_bom(sample, wb, None)
    assert source == BomSource("sheet", sample, explicit=False)
    rates = {r.currency: r.usd_per_unit for r in wb.consortium.rates}
    result = content_for_workbook(sample, wb)
    assert result is not None
    assert result.source == f"{sample}#BOM"
    if "EUR" in rates:  # the sample's own Rates sheet
        assert result.rates == {"EUR": rates["EUR"]}
        assert result.total_value == 100 * rates["EUR"] + 100


def test_rates_csv_beside_the_workbook_for_a_bom_elsewhere(sample: Path, tmp_path: Path) -> None:
    clear_sheet(sample, "Rates")
    elsewhere = write_csv(
        tmp_path / "boms" / "bom.csv", [line("E", "10", currency="JPY", us_content_pct=50)]
    )
    shutil.copyfile(sample.parent / "rates.csv", tmp_path / "rates-copy.csv")
    (sample.parent / "rates.csv").write_text("currency,usd_per_unit\nJPY,0.5\n")
    result = content_for_workbook(sample, read_workbook(sample), bom=elsewhere)
    assert result is not None
    assert result.rates == {"JPY": Decimal("0.5")}
    assert result.total_value == 5
