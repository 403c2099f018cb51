"""Exact amounts as scaled integers: the content calculation's arithmetic (SPEC §3).

A BOM line's figures are held as Python integers counting a fixed fraction of a unit: money
(`unit_value`, `non_us_unit_value`) in 10^-4 units, rates in 10^-10 U.S. dollars, percentages in
10^-4 percent points. Products and sums of integers are exact and cost a fraction of Decimal's;
a line value `quantity × unit_value × rate` is then in 10^-14 dollars (`VALUE_SCALE`) and a U.S.
or non-U.S. share of it in 10^-20 dollars (`SHARE_SCALE`).

A number with more decimal places than its scale (a quantity of 2.5, a unit price of
0.000125) is kept as the exact Decimal of the same scaled quantity (`Decimal("25.0")` × …): the
arithmetic is the same code, and mixing int and Decimal is exact in the trapping context
`aiexp.exact.EXACT`, where any rounding is an error, never a silent change of a figure.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, InvalidOperation

MONEY_PLACES = 4
RATE_PLACES = 10
PCT_PLACES = 4
#: A line value `quantity × unit_value × rate` is in 10^-VALUE_SCALE U.S. dollars.
VALUE_SCALE = MONEY_PLACES + RATE_PLACES
#: A U.S. or non-U.S. share `line value × percent / 100` is in 10^-SHARE_SCALE U.S. dollars.
SHARE_SCALE = VALUE_SCALE + PCT_PLACES + 2
#: A line value times this is the same amount at SHARE_SCALE.
SHIFT = 10 ** (SHARE_SCALE - VALUE_SCALE)
#: The largest amount of money read (SPEC §2: above 10^15 is refused), at MONEY_PLACES.
LARGEST_MONEY = 10**15 * 10**MONEY_PLACES
#: 10^(MONEY_PLACES − k): the factor for money text with k decimal places (k ≤ MONEY_PLACES).
MONEY_POWERS = tuple(10 ** (MONEY_PLACES - k) for k in range(MONEY_PLACES + 1))

# Moving a decimal point and stripping zeros: wide enough never to round.
_WIDE = Context(prec=100_000, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation])
_ONE = Decimal(1)


def scaled(number: Decimal, places: int) -> int | Decimal:
    """`number × 10^places`: an int when that is whole, else the exact Decimal."""
    moved = number.scaleb(places, _WIDE)
    if moved == moved.to_integral_value(context=_WIDE):
        return int(moved)
    return moved


def unscale(amount: int | Decimal, scale: int) -> Decimal:
    """The Decimal `amount × 10^-scale`, exact, without trailing zeros (`12100`, `562.5`)."""
    number = (Decimal(amount) if isinstance(amount, int) else amount).scaleb(-scale, _WIDE)
    number = number.normalize(_WIDE)
    if number.as_tuple().exponent > 0:  # type: ignore[operator]
        number = number.quantize(_ONE, context=_WIDE)
    return number


def value_usd(amount: int | Decimal) -> Decimal:
    """A line value held at VALUE_SCALE, as a Decimal of U.S. dollars."""
    return unscale(amount, VALUE_SCALE)


def share_usd(amount: int | Decimal) -> Decimal:
    """A U.S. or non-U.S. share held at SHARE_SCALE, as a Decimal of U.S. dollars."""
    return unscale(amount, SHARE_SCALE)
