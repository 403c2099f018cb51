"""The report of a pass: exact totals, the threshold test, the top lines and the sensitivity.

The threshold is met when `Σ us_value × 100 ≥ threshold × Σ line_value`, compared exactly
(SPEC §3). The sensitivity is the smallest set of top lines whose change alone flips the result.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, ROUND_DOWN, Context, Decimal, localcontext

from aiexp.content.result import ContentResult, TopLine
from aiexp.content.rows import HeapEntry, RowPass
from aiexp.content.scaled import EXACT, share_of, value_of
from aiexp.errors import BomError

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_CENTI = Decimal("0.01")


def build_result(rows: RowPass, threshold: Decimal, label: str, top: int) -> ContentResult:
    """The report's figures, exact, from a finished pass."""
    with localcontext(EXACT):
        total = value_of(rows.total)
        declared = share_of(rows.us)
        assumed = value_of(rows.assumed)
        us = declared + assumed
        if not total:
            raise BomError(
                f"{rows.table.label}: the BOM's lines total 0 USD; there is no value to "
                "calculate the U.S. content of"
            )
        needed = threshold * _CENTI * total
        meets = us * _HUNDRED >= threshold * total
        margin = us - needed
        shortfall = max(_ZERO, needed - us)
        meets_declared = declared * _HUNDRED >= threshold * total
    sensitivity: list[TopLine] = []
    with localcontext(EXACT):
        non_sorted = [_top(entry, True) for entry in sorted(rows.non_us_heap, reverse=True)]
        us_sorted = [_top(entry, False) for entry in sorted(rows.us_heap, reverse=True)]
        top_lines = [line for share, line in non_sorted[:top] if share > 0]
        if not meets:
            gained = _ZERO
            for share, line in non_sorted:
                if share <= 0 or gained >= shortfall:
                    break
                sensitivity.append(line)
                gained += share
            if gained < shortfall:
                sensitivity = []
        else:
            lost = _ZERO
            for share, line in us_sorted:
                if share <= 0:
                    break
                sensitivity.append(line)
                lost += share
                if lost > margin:
                    break
            if lost <= margin:
                sensitivity = []
    return ContentResult(
        total_value=total,
        us_value=us,
        us_content_pct=_percent(us, total),
        threshold_pct=threshold,
        meets_threshold=meets,
        shortfall_value=shortfall,
        us_value_without_assumptions=declared,
        us_content_pct_without_assumptions=_percent(declared, total),
        line_count=rows.count,
        undeclared_lines=rows.undeclared,
        assumed_lines=rows.assumed_ids,
        coc_lines=rows.coc,
        top_non_us=top_lines,
        sensitivity=[line.line_id for line in sensitivity],
        rates=dict(rows.rates),
        source=label,
        margin_value=margin,
        meets_threshold_without_assumptions=meets_declared,
        sensitivity_lines=sensitivity,
    )


def _top(entry: HeapEntry, non_us: bool) -> tuple[Decimal, TopLine]:
    """A heap entry (non-U.S. or U.S. share) as (the share in USD, its line as a TopLine)."""
    share, _, line_id, description, value = entry
    line_value, exact = value_of(value), share_of(share)
    return exact, TopLine(line_id, description, line_value, exact if non_us else line_value - exact)


def _percent(part: Decimal, total: Decimal) -> Decimal:
    """`part / total × 100`, exact when it terminates within 60 digits, else rounded down.

    Rounding down (never up) keeps the reported, truncated percentage consistent with the exact
    threshold comparison: 50.99999… is never shown as 51.
    """
    with localcontext(Context(prec=60, rounding=ROUND_DOWN, Emax=MAX_EMAX, Emin=MIN_EMIN)):
        return part * 100 / total
