"""The valuations that the rules, the proposal document and the diff share.

Each is computed here once, so that `validate`, `render` and `diff` agree about one workbook:

- the exchange rates that convert its Providers values to U.S. dollars (SPEC §1 "Exchange
  rates"): `workbook_rates`;
- the value of each provider in each layer (Section II, VI.2; SPEC §2 Providers): the sum of its
  rows in USD, names compared after normalising case and spaces, member or not as the Members
  sheet says: `layer_valuations`, `provider_values`;
- the hardware figures, one exact shape for a BOM's and for the Consortium sheet's summary figures
  (IV.A): `HardwareFigures`, `hardware_summary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from aiexp.exact import EXACT, percent, reaches, share_of
from aiexp.model import Consortium, ConsortiumInfo, Provider
from aiexp.values import normalise_name

if TYPE_CHECKING:
    from aiexp.content import ContentResult

RATES_BESIDE = "rates.csv"
_ONE = Decimal(1)
_ZERO = Decimal(0)


def sheet_rates(consortium: Consortium) -> dict[str, Decimal]:
    """The workbook's own Rates sheet: currency → U.S. dollars per unit."""
    return {
        rate.currency.upper(): rate.usd_per_unit
        for rate in consortium.rates
        if rate.currency and rate.usd_per_unit is not None
    }


def workbook_rates(
    workbook: Path, consortium: Consortium, content: ContentResult | None = None
) -> dict[str, Decimal]:
    """U.S. dollars per unit of each currency, for the workbook's Providers values (SPEC §1).

    Per currency, the first of these that has a rate wins:

    1. the workbook's own Rates sheet;
    2. the rates the content calculation used for the BOM (`content.rates`): where the sheet has
       none, they came from `rates.csv` beside the BOM, else beside the workbook (SPEC §1), so a
       currency in both the BOM and the Providers sheet is converted at one rate;
    3. `rates.csv` beside the workbook (read by `aiexp.bom.read_rates`). A file that cannot be
       read is skipped, never fatal to validate, render or diff: the content calculation reports
       it when the BOM needs it, and a Providers value it leaves without a rate is reported per
       currency.

    USD is always 1. (validate, render and diff pass no `--rate` flags to the content
    calculation, so for a currency on the Rates sheet 1 and 2 give the same rate.)
    """
    rates: dict[str, Decimal] = {}
    beside = Path(workbook).parent / RATES_BESIDE
    if beside.is_file():
        from aiexp.bom import read_rates
        from aiexp.errors import AiexpError

        try:
            rates.update(read_rates(beside))
        except AiexpError:
            pass
    if content is not None:
        rates.update({code.upper(): rate for code, rate in content.rates.items()})
    rates.update(sheet_rates(consortium))
    rates["USD"] = _ONE
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

    Values are converted with `rates` (USD per unit; see `workbook_rates`); without them only
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
@dataclass(frozen=True)
class HardwareFigures:
    """The hardware U.S. content (IV.A): exact, unrounded USD figures and the verdict.

    The one shape of the figures, whether they come from a BOM (the content calculation) or from
    the Consortium sheet's summary figures. Derived figures are computed in the exact trapping
    context (`aiexp.exact`): "at least 51 percent" is `us × 100 ≥ threshold × total`, compared
    without dividing or rounding; `shortfall_value` is 0 when the threshold is met, and
    `margin_value` is negative below it.
    """

    total_value: Decimal
    us_value: Decimal
    threshold_pct: Decimal
    basis: Literal["bom", "summary"]
    line_count: int = 0

    @property
    def us_content_pct(self) -> Decimal:
        """`us / total × 100`, exact when it terminates within 60 digits, else rounded down."""
        return percent(self.us_value, self.total_value)

    @property
    def meets_threshold(self) -> bool:
        """IV.A: U.S. content is at least the threshold percentage, compared exactly."""
        return reaches(self.us_value, self.total_value, self.threshold_pct)

    @property
    def margin_value(self) -> Decimal:
        """`us − threshold × total / 100`: above the threshold by this much (negative: below)."""
        with localcontext(EXACT):
            return self.us_value - share_of(self.total_value, self.threshold_pct)

    @property
    def shortfall_value(self) -> Decimal:
        """The non-U.S. value that would have to become U.S. content to meet the threshold."""
        return max(_ZERO, -self.margin_value)


def hardware_summary(info: ConsortiumInfo, threshold_pct: Decimal) -> HardwareFigures | None:
    """The summary figures of the Consortium sheet (IV.A without a BOM); None when a figure is
    blank or the total is 0 (a zero total has no percentage: the rules report it)."""
    total, us_value = info.hardware_total_value, info.hardware_us_value
    if total is None or us_value is None or total == 0:
        return None
    return HardwareFigures(total, us_value, threshold_pct, "summary")
