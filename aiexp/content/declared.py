"""A declared U.S.-content percentage, and its agreement with the subtractive form (SPEC §3).

When a line gives both `non_us_unit_value` and `us_content_pct`, the percentage must be what the
subtractive form implies, at the decimals the cell shows: `(unit − non_us) × 100 / unit` rounded
to those places equals the declared figure. The comparison is exact and needs no division:
with the declared figure `s` at `p` places (an integer `S = s × 10^p`),

    (10·S − 5) × unit  ≤  (unit − non_us) × 100 × 10^(p+1)  ≤  (10·S + 5) × unit

— both ends inclusive, so a tie passes whether the sheet rounded half-up or half-even. The three
integers (`low`, `high`, `factor`) are worked out once per distinct percentage text.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any, NamedTuple

from aiexp.content.scaled import PCT_PLACES, scaled

_HUNDRED = Decimal(100)


class Declared(NamedTuple):
    """A declared percentage: its U.S. and non-U.S. factors, and how to check it against values.

    `us` and `non_us` are `pct × 10^PCT_PLACES` and `(100 − pct) × 10^PCT_PLACES` (ints, or exact
    Decimals for a percentage with more places): a line value times them is its U.S. and non-U.S.
    share at SHARE_SCALE.
    """

    us: int | Decimal
    non_us: int | Decimal
    low: int
    high: int
    factor: int


def declared(pct: Decimal, raw: Any, number_format: str | None, decimal_comma: bool) -> Declared:
    """The Declared of a parsed percentage, with the places its cell shows."""
    places = shown_places(raw, number_format, decimal_comma)
    # Text is compared as written; a number cell as Excel shows it (rounded half-up).
    shown = pct if isinstance(raw, str) else _round_half_up(pct, places)
    whole = int(shown.scaleb(places, Context(prec=100_000)))
    return Declared(
        scaled(pct, PCT_PLACES),
        scaled(_HUNDRED - pct, PCT_PLACES),
        10 * whole - 5,
        10 * whole + 5,
        100 * 10 ** (places + 1),
    )


def agrees(unit: int | Decimal, non_us: int | Decimal, pct: Declared) -> bool:
    """True when the declared percentage is what `unit` and `non_us` (same scale) imply."""
    if not unit:
        return True  # a zero-value line implies no percentage
    implied = (unit - non_us) * pct.factor
    return bool(pct.low * unit <= implied <= pct.high * unit)


def implied_pct(unit: Decimal, non_us: Decimal) -> Decimal:
    """The percentage the subtractive form implies, to 12 digits (for the error message)."""
    with localcontext(Context(prec=12)):
        return (unit - non_us) * _HUNDRED / unit


def shown_places(raw: Any, number_format: str | None, decimal_comma: bool = False) -> int:
    """How many decimal places a percent cell shows: as written (text), or by its number format."""
    if isinstance(raw, str):
        text = raw.strip().rstrip("%").strip()
        if decimal_comma:
            text = text.replace(".", "").replace(",", ".")
        try:
            exponent = Decimal(text.replace(",", "")).as_tuple().exponent
        except ArithmeticError:
            return 0
        return max(0, -exponent) if isinstance(exponent, int) else 0
    fmt = (number_format or "General").split(";")[0]
    if fmt.strip().lower() != "general" and any(ch in fmt for ch in "0#?"):
        if "." not in fmt:
            return 0
        decimals = fmt.split(".", 1)[1]
        return sum(1 for ch in decimals if ch in "0#?") if "E" not in fmt.upper() else 0
    # General: Excel shows up to about ten significant digits of the stored value.
    value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    exponent = value.as_tuple().exponent
    written = max(0, -exponent) if isinstance(exponent, int) else 0
    digits_before = len(str(abs(int(value)))) if abs(value) >= 1 else 0
    return min(written, max(0, 10 - digits_before))


def _round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=Context(prec=1000)
    )
