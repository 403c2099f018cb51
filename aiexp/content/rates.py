"""Exchange rates for the content calculation: ordered layers, the first that has a currency wins.

SPEC §1: rates come, in order, from `--rate` flags, `--rates FILE`, the workbook's own Rates
sheet, else `rates.csv` beside the BOM (or beside the workbook). Rates are never fetched. USD is
always 1. A `rates.csv` that was found but cannot be read is an error only when a currency
needs it: its layer keeps the error and raises it when a lookup reaches it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from aiexp.errors import AiexpError

_USD = Decimal(1)


@dataclass(frozen=True)
class RatesLayer:
    """One source of rates: where it came from, its rates, its file, and why it could not be read.

    `origin` names the source for people (`--rate`, `--rates FILE`, `the BOM workbook's Rates
    sheet`, `rates.csv beside the BOM`). A layer with an `error` has no rates; the error is
    raised when a lookup reaches the layer.
    """

    origin: str
    rates: Mapping[str, Decimal]
    path: Path | None = None
    error: AiexpError | None = None


@dataclass
class RateBook:
    """U.S. dollars per unit of each currency, looked up through ordered layers.

    `used` records every non-USD rate a lookup returned; `consulted` the layers with a file that
    a lookup reached (the files whose content decided a figure or was looked through).
    """

    layers: Sequence[RatesLayer] = ()
    used: dict[str, Decimal] = field(default_factory=dict)
    consulted: list[RatesLayer] = field(default_factory=list)

    def rate(self, currency: str) -> Decimal | None:
        """U.S. dollars per unit of `currency` (upper case), or None when no layer has it."""
        code = currency.upper()
        if code == "USD":
            return _USD
        for layer in self.layers:
            if layer.path is not None and layer not in self.consulted:
                self.consulted.append(layer)
            if layer.error is not None:
                raise layer.error
            rate = layer.rates.get(code)
            if rate is not None:
                self.used[code] = rate
                return rate
        return None


def read_rates_layer(path: Path, origin: str, deferred: bool = False) -> RatesLayer:
    """A rates file (CSV, or an .xlsx's Rates sheet) as a layer.

    With `deferred`, a file that cannot be read gives a layer that keeps the error (raised when a
    lookup reaches it) instead of raising now: a broken `rates.csv` found beside the BOM only
    matters if a currency needs it.
    """
    from aiexp.bom import read_rates

    try:
        rates = read_rates(path)
    except AiexpError as exc:
        if not deferred:
            raise
        return RatesLayer(origin, {}, path, exc)
    return RatesLayer(origin, {code.upper(): rate for code, rate in rates.items()}, path)
