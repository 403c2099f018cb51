"""The inputs of `aiexp content-calc`: the BOM it names and its rates, in SPEC §1 order."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from aiexp.bom import is_xlsx, read_sheet_rates
from aiexp.content.rates import RateBook, RatesLayer, read_rates_layer
from aiexp.content.result import BomSource

RATES_BESIDE = "rates.csv"


def content_calc_inputs(
    bom: Path,
    *,
    rates: Mapping[str, Decimal] | None = None,
    rates_file: Path | None = None,
    decimal_comma: bool = False,
) -> tuple[BomSource, RateBook]:
    """The BOM and its rates for content-calc: per currency, the first of these that has it.

    1. `rates` (the `--rate` flags); 2. `rates_file` (`--rates FILE`); 3. the BOM workbook's own
    Rates sheet, when the BOM is an .xlsx; 4. `rates.csv` beside the BOM, if present (an error in
    it matters only when a currency needs it). USD is always 1.
    """
    bom = Path(bom)
    layers: list[RatesLayer] = []
    if rates:
        layers.append(RatesLayer("--rate", {code.upper(): rate for code, rate in rates.items()}))
    if rates_file is not None:
        layers.append(read_rates_layer(Path(rates_file), f"--rates {rates_file}"))
    if is_xlsx(bom):
        layers.append(workbook_rates_layer(bom, "the BOM workbook's Rates sheet"))
    beside = bom.parent / RATES_BESIDE
    if beside.is_file():
        layers.append(read_rates_layer(beside, "rates.csv beside the BOM", deferred=True))
    return BomSource("file", bom, explicit=True, decimal_comma=decimal_comma), RateBook(layers)


def workbook_rates_layer(workbook: Path, origin: str) -> RatesLayer:
    """The Rates sheet of a workbook (empty when it has none); BomError when it is unreadable."""
    rates = read_sheet_rates(workbook)
    return RatesLayer(origin, {code.upper(): rate for code, rate in rates.items()}, workbook)
