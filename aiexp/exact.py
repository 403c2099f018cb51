"""Exact decimal arithmetic for the figures the notice compares (SPEC §3).

Sums and products of the hardware figures are computed in `EXACT`, a context with a precision no
real proposal reaches and a trap on any rounding: a result is either exact or an error, never
silently rounded. Percentages for display are `percent()`, rounded down so that 50.99999… is never
shown as 51 (the threshold itself is always compared exactly, without dividing).
"""

from __future__ import annotations

from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_DOWN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    localcontext,
)

#: Digits of the exact context (libmpdec is markedly slower with a far larger precision).
EXACT_DIGITS = 1000
EXACT = Context(
    prec=EXACT_DIGITS,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact, Rounded],
)
# A percentage is exact when it terminates within this many digits, else rounded down.
_PERCENT = Context(prec=60, rounding=ROUND_DOWN, Emax=MAX_EMAX, Emin=MIN_EMIN)
_HUNDRED = Decimal(100)


def percent(part: Decimal, total: Decimal) -> Decimal:
    """`part / total × 100`, exact when it terminates within 60 digits, else rounded down."""
    with localcontext(_PERCENT):
        return part * _HUNDRED / total


def reaches(part: Decimal, total: Decimal, threshold_pct: Decimal) -> bool:
    """`part × 100 ≥ threshold × total`, compared exactly (no division, no rounding)."""
    with localcontext(EXACT):
        return part * _HUNDRED >= threshold_pct * total


def share_of(total: Decimal, threshold_pct: Decimal) -> Decimal:
    """`threshold / 100 × total`, exact (moving the decimal point never rounds)."""
    with localcontext(EXACT):
        return threshold_pct.scaleb(-2) * total
