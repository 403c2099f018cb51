"""The hardware U.S. content before and after (IV.A): each workbook with its own BOM.

The figures are `aiexp.valuation.HardwareFigures`, computed exactly by the content-calc core from
the BOM, or from the summary figures of the Consortium sheet when there is no BOM.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from aiexp.content.format import money_str, pct_str, usd_display
from aiexp.diff.describe import pct_text
from aiexp.diff.model import HARDWARE_KEY, HARDWARE_SHEET, Change, field_changed
from aiexp.figures import HardwareFigures
from aiexp.valuation import hardware_summary

if TYPE_CHECKING:
    from aiexp.content import ContentResult
    from aiexp.profile import Profile
    from aiexp.workbook.reader import WorkbookRead


def hardware_figures(
    read: WorkbookRead, result: ContentResult | None, *, profile: Profile
) -> HardwareFigures | None:
    """The workbook's hardware figures: its BOM's content result, else its summary figures."""
    if result is not None:
        return HardwareFigures(
            result.total_value, result.us_value, result.threshold_pct, "bom", result.line_count
        )
    # IV.A without a BOM: the summary figures of the Consortium sheet (none for a zero total).
    return hardware_summary(read.consortium.info, profile.thresholds.hardware_us_content_pct)


def hardware_change(before: HardwareFigures | None, after: HardwareFigures | None) -> Change | None:
    """The hardware U.S. content before and after, with the change in points (IV.A)."""
    if before is None and after is None:
        return None
    if before is not None and after is not None:
        same = (
            before.us_content_pct == after.us_content_pct
            and money_str(before.total_value) == money_str(after.total_value)
            and money_str(before.us_value) == money_str(after.us_value)
        )
        if same:
            return None
    return field_changed(
        HARDWARE_SHEET,
        HARDWARE_KEY,
        "Hardware U.S. content",
        hardware_detail(before, after),
        True,
        "us_content_pct",
        pct_str(before.us_content_pct) if before is not None else None,
        pct_str(after.us_content_pct) if after is not None else None,
    )


def points_change(before: Decimal, after: Decimal) -> str:
    """The exact change in percentage points, truncated to 4 places, with its sign."""
    points = after - before
    text = pct_text(abs(points))
    if text == "0":
        return "0"  # less than 0.0001 points either way
    return f"+{text}" if points > 0 else f"−{text}"


def hardware_detail(before: HardwareFigures | None, after: HardwareFigures | None) -> str:
    """`62.5 % of USD 1,000.00 → 48.1 % of USD 1,200.00 (−14.4 points); …`."""
    detail = f"{_figures_text(before)} → {_figures_text(after)}"
    if before is not None and after is not None:
        detail += f" ({points_change(before.us_content_pct, after.us_content_pct)} points)"
        if before.meets_threshold and not after.meets_threshold:
            detail += f"; the {pct_text(after.threshold_pct)} % threshold is no longer met"
        elif after.meets_threshold and not before.meets_threshold:
            detail += f"; the {pct_text(after.threshold_pct)} % threshold is now met"
    return detail


def _figures_text(figures: HardwareFigures | None) -> str:
    if figures is None:
        return "not shown (no BOM or hardware figures)"
    return f"{pct_text(figures.us_content_pct)} % of {usd_display(figures.total_value)}"


def figures_sentence(figures: HardwareFigures | None) -> str:
    """The figures in a sentence: percentage, values, where they come from, the verdict."""
    if figures is None:
        return "not shown (the workbook has no BOM and no hardware summary figures)."
    source = (
        f"{figures.line_count} BOM lines"
        if figures.basis == "bom"
        else "the hardware summary figures of the Consortium sheet"
    )
    verdict = "meets" if figures.meets_threshold else "does not meet"
    return (
        f"{pct_text(figures.us_content_pct)} % U.S. content "
        f"({usd_display(figures.us_value)} of "
        f"{usd_display(figures.total_value)}, from {source}); "
        f"{verdict} the {pct_text(figures.threshold_pct)} % threshold."
    )
