"""How reported figures are rounded (SPEC §1): money half-even to cents, percent truncated."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Context, Decimal

_CENT = Decimal("0.01")
_PCT_PLACE = Decimal("0.0001")
# Enough digits for any amount a BOM can hold, so quantize never fails on a large total.
_REPORT = Context(prec=200)


def money_str(value: Decimal) -> str:
    """A money figure as a JSON string: rounded half-even to cents, plain notation (`1234.50`)."""
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_EVEN, context=_REPORT)
    if rounded.is_zero():
        rounded = abs(rounded)  # never "-0.00"
    return f"{rounded:f}"


def pct_str(value: Decimal) -> str:
    """A percentage as a JSON string: truncated (not rounded) to 4 places, so 50.99999 → 50.9999."""
    truncated = value.quantize(_PCT_PLACE, rounding=ROUND_DOWN, context=_REPORT)
    if truncated.is_zero():
        truncated = abs(truncated)
    return f"{truncated:f}"


def pct_display(value: Decimal, places: int = 2) -> str:
    """A percentage for people: truncated to `places` decimals, with a `%` sign."""
    step = Decimal(1).scaleb(-places)
    truncated = value.quantize(step, rounding=ROUND_DOWN, context=_REPORT)
    return f"{abs(truncated) if truncated.is_zero() else truncated:f} %"


def money_display(value: Decimal) -> str:
    """A money figure for people: half-even cents with thousands separators (`1,234.50`)."""
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_EVEN, context=_REPORT)
    if rounded.is_zero():
        rounded = abs(rounded)
    return f"{rounded:,f}"


def usd_display(value: Decimal) -> str:
    """A money figure for people with its currency: `USD 1,234.50` (findings and the diff)."""
    return f"USD {money_display(value)}"
