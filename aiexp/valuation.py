"""The valuations that the rules, the proposal document and the diff share.

Each is computed here once, so that `validate`, `render` and `diff` agree about one workbook:

- the exchange rates that convert its Providers values to U.S. dollars (SPEC §1 "Exchange
  rates"), looked up in the rates resolved for the workbook: `provider_rates`;
- the value of each provider in each layer (Section II, VI.2; SPEC §2 Providers): the sum of its
  rows in USD, names compared after normalising case and spaces, member or not as the Members
  sheet says: `layer_valuations`, `provider_values`;
- the hardware figures, one exact shape for a BOM's and for the Consortium sheet's summary figures
  (IV.A): `HardwareFigures`, `hardware_summary`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from aiexp.figures import HardwareFigures
from aiexp.model import Consortium, ConsortiumInfo, Provider
from aiexp.values import normalise_name

_ONE = Decimal(1)
_ZERO = Decimal(0)


def sheet_rates(consortium: Consortium) -> dict[str, Decimal]:
    """The workbook's own Rates sheet: currency → U.S. dollars per unit."""
    return {
        rate.currency.upper(): rate.usd_per_unit
        for rate in consortium.rates
        if rate.currency and rate.usd_per_unit is not None
    }


def provider_rates(
    consortium: Consortium, rate: Callable[[str], Decimal | None]
) -> dict[str, Decimal]:
    """USD per unit of each currency the Providers sheet's values are in (USD is 1).

    `rate` looks a currency up in the rates resolved for the workbook (`aiexp.content.RateBook`:
    its Rates sheet, an .xlsx BOM's Rates sheet, then rates.csv beside the BOM, then beside the
    workbook), once per currency; a currency no source has is left out (the rules report it).
    """
    rates = {"USD": _ONE}
    for row in consortium.providers:
        if row.value is None:
            continue
        code = _currency(row)
        if code not in rates:
            found = rate(code)
            if found is not None:
                rates[code] = found
    return rates


# -- the providers of each layer ------------------------------------------------------------------
@dataclass
class ProviderValue:
    """One provider in one layer: its Providers rows and their sum in USD (SPEC §2).

    `member` is what the Members sheet says (Section II): a row typed `member` whose name is not
    in Members counts as a non-member (the rules report it as `input.unknown-entity`). `value`
    sums the rows that have a value and a rate; the rows whose currency has no rate are
    `unconverted`, and a blank value adds nothing.
    """

    layer: int
    name: str
    key: str
    member: bool
    rows: list[Provider] = field(default_factory=list)
    value: Decimal = Decimal(0)
    unconverted: list[Provider] = field(default_factory=list)

    @property
    def usd(self) -> Decimal | None:
        """The value in USD, or None when a row's currency has no rate."""
        return None if self.unconverted else self.value

    def by_currency(self) -> dict[str, Decimal]:
        """The rows' values summed per currency, unconverted (blank values left out)."""
        sums: dict[str, Decimal] = {}
        for row in self.rows:
            if row.value is not None:
                currency = _currency(row)
                sums[currency] = sums.get(currency, Decimal(0)) + row.value
        return sums


@dataclass
class LayerValuation:
    """The providers of one layer, in the order of their first row, and the rows without a rate."""

    layer: int
    providers: list[ProviderValue] = field(default_factory=list)
    unconverted: list[Provider] = field(default_factory=list)

    def top(self) -> list[ProviderValue]:
        """The providers with the greatest value (more than one on a tie)."""
        if not self.providers:
            return []
        best = max(p.value for p in self.providers)
        return [p for p in self.providers if p.value == best]

    def non_members(self) -> list[ProviderValue]:
        """The providers that are not consortium members (VI.2's providers "after" them)."""
        return [p for p in self.providers if not p.member]


def member_keys(consortium: Consortium) -> set[str]:
    """The normalised names of the consortium's members (the Members sheet)."""
    return {normalise_name(m.name) for m in consortium.members if m.name}


def provider_values(
    consortium: Consortium, rates: Mapping[str, Decimal] | None = None
) -> dict[tuple[int, str], ProviderValue]:
    """Every provider of every layer by `(layer, normalised name)`, in the order of its first row.

    Values are converted with `rates` (USD per unit; see `provider_rates`); without them only
    USD values are. Rows without a layer or a provider name belong to no provider.
    """
    members = member_keys(consortium)
    known = {**(rates or {}), "USD": _ONE}
    values: dict[tuple[int, str], ProviderValue] = {}
    for row in consortium.providers:
        if row.layer is None or not row.provider or not row.provider.strip():
            continue
        key = normalise_name(row.provider)
        entry = values.get((row.layer, key))
        if entry is None:
            entry = values[row.layer, key] = ProviderValue(
                row.layer, row.provider, key, key in members
            )
        entry.rows.append(row)
        if row.value is None:
            continue
        rate = known.get(_currency(row))
        if rate is None:
            entry.unconverted.append(row)
        else:
            entry.value += row.value * rate
    return values


def layer_valuations(
    consortium: Consortium, rates: Mapping[str, Decimal] | None, layers: Iterable[int]
) -> dict[int, LayerValuation]:
    """The providers of each layer (the profile's five) summed by name in USD (Section II; SPEC §2
    Providers)."""
    valuations = {number: LayerValuation(number) for number in sorted(layers)}
    for entry in provider_values(consortium, rates).values():
        if entry.layer in valuations:
            valuations[entry.layer].providers.append(entry)
    # The rows without a rate in sheet order: the first one is the one a finding points at.
    position = {id(row): index for index, row in enumerate(consortium.providers)}
    for layer in valuations.values():
        rows = [row for entry in layer.providers for row in entry.unconverted]
        layer.unconverted = sorted(rows, key=lambda row: position[id(row)])
    return valuations


def _currency(row: Provider) -> str:
    return (row.currency or "USD").upper()


# -- the hardware figures -------------------------------------------------------------------------
def hardware_summary(info: ConsortiumInfo, threshold_pct: Decimal) -> HardwareFigures | None:
    """The summary figures of the Consortium sheet (IV.A without a BOM); None when a figure is
    blank or the total is 0 (a zero total has no percentage: the rules report it)."""
    total, us_value = info.hardware_total_value, info.hardware_us_value
    if total is None or us_value is None or total == 0:
        return None
    return HardwareFigures(total, us_value, threshold_pct, "summary")
