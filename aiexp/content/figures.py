"""The report of a pass: exact totals, the threshold test, the top lines and the sensitivity.

The threshold is met when `Σ us_value × 100 ≥ threshold × Σ line_value`, compared exactly
(SPEC §3). The sensitivity is the smallest set of top lines whose change alone flips the result.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from aiexp.content.result import ContentResult, TopLine
from aiexp.content.rows import HeapEntry, RowPass
from aiexp.content.scaled import share_usd, value_usd
from aiexp.errors import BomError
from aiexp.exact import EXACT
from aiexp.figures import HardwareFigures

_ZERO = Decimal(0)
_CENTI = Decimal("0.01")


def build_result(rows: RowPass, threshold: Decimal, label: str, top: int) -> ContentResult:
    """The report's figures, exact, from a finished pass."""
    with localcontext(EXACT):
        total = value_usd(rows.total)
        declared = share_usd(rows.us)
        assumed = value_usd(rows.assumed)
        us = declared + assumed
        if not total:
            raise BomError(
                f"{rows.table.label}: the BOM's lines total 0 USD; there is no value to "
                "calculate the U.S. content of"
            )
    figures = HardwareFigures(total, us, threshold, "bom", rows.count)
    meets, margin, shortfall = (
        figures.meets_threshold,
        figures.margin_value,
        figures.shortfall_value,
    )
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
        figures=figures,
        declared=HardwareFigures(total, declared, threshold, "bom", rows.count),
        line_count=rows.count,
        undeclared_lines=rows.undeclared,
        assumed_lines=rows.assumed_ids,
        coc_lines=rows.coc,
        unknown_lines=rows.unknown,
        top_non_us=top_lines,
        sensitivity=[line.line_id for line in sensitivity],
        rates=dict(rows.rates),
        source=label,
        sensitivity_lines=sensitivity,
        confidential_lines=rows.confidential,
        ranked_non_us=[line for share, line in non_sorted if share > 0],
    )


def _top(entry: HeapEntry, non_us: bool) -> tuple[Decimal, TopLine]:
    """A heap entry (non-U.S. or U.S. share) as (the share in USD, its line as a TopLine)."""
    share, _, line_id, description, value = entry
    line_value, exact = value_usd(value), share_usd(share)
    return exact, TopLine(line_id, description, line_value, exact if non_us else line_value - exact)
