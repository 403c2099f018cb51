"""The hardware valuation and U.S. content (IV.A): section 2's paragraph and Appendix B.

The public version (Section VII) shows a BOM's figures only when no shown figure minus other
shown figures equals the value of a confidential line. The total and the U.S. value are sums of
every line; the lines whose value is shown are the top lines listed and the lines disclosed in
section 7. When the lines not shown are two or more, the total minus the shown values is the sum
of several values, never one of them (values are never negative), so the figures are shown and
say how many confidential lines they include; when a single line is not shown and it is
confidential, the total would give its value away, so the total, the U.S. value, the
percentages and the margin or shortfall are all withheld (each gives the others back). The
confidential lines are never listed among the top lines (their place in an order by value would
bound them): the public list is the largest lines that are not confidential.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiexp.content.format import money_str, pct_display
from aiexp.content.result import TopLine
from aiexp.document.context.shaper import Shaper, usd
from aiexp.document.redact import Fixed, Redactor, redacted_lines, redaction
from aiexp.valuation import hardware_summary

if TYPE_CHECKING:
    from aiexp.content import ContentResult


@dataclass(frozen=True)
class Disclosure:
    """What a version of the proposal shows of a BOM."""

    #: The top lines listed (the largest lines by non-U.S. value that may be shown).
    top_lines: list[TopLine]
    #: Whether the total, U.S. value, percentages and margin are shown.
    figures_shown: bool
    #: How many confidential lines the figures include (0 in the full version).
    withheld: int


def disclosure(content: ContentResult, redactor: Redactor) -> Disclosure:
    """What the proposal shows of a BOM (all of it, in the full version)."""
    if not redactor.public:
        return Disclosure(list(content.top_non_us), True, 0)
    withheld = redactor.bom_withheld
    count = len(content.top_non_us)
    ranked = content.ranked_non_us or content.top_non_us
    top_lines = [line for line in ranked if not withheld(line.line_id)][:count]
    confidential = len(redactor.bom_lines)
    if not confidential:
        return Disclosure(top_lines, True, 0)
    shown_values = {line.line_id for line in top_lines}
    shown_values.update(line.line_id for line in content.coc_lines if not withheld(line.line_id))
    hidden = content.line_count - len(shown_values)
    return Disclosure(top_lines, hidden >= 2, confidential)


def hardware(s: Shaper) -> dict[str, Any]:
    """The Layer 1 valuation and U.S.-content percentage (IV.A), from the BOM or the summary."""
    content = s.content
    info = s.consortium.info
    threshold = s.profile.thresholds.hardware_us_content_pct
    if content is not None:
        shown = disclosure(content, s.redactor)
        top = [
            {
                "line_id": s.bom_id(line.line_id),
                "description": line.description,
                "line_value": usd(line.line_value),
                "non_us_value": usd(line.non_us_value),
            }
            for line in shown.top_lines
        ]
        figures = {
            "total_value": usd(content.total_value),
            "us_value": usd(content.us_value),
            "us_content_pct": pct_display(content.us_content_pct, 2),
            "us_content_pct_exact": pct_display(content.us_content_pct, 4),
            "without_assumptions": pct_display(content.us_content_pct_without_assumptions, 4),
            "shortfall": usd(content.shortfall_value),
            "margin": usd(content.margin_value),
        }
        if not shown.figures_shown:
            figures = dict.fromkeys(figures, redaction())
        return {
            "basis": Fixed("bom"),
            **figures,
            "threshold": pct_display(content.threshold_pct, 0),
            "meets": content.meets_threshold,
            "line_count": content.line_count,
            "withheld": shown.withheld,
            "undeclared": _ids(s, content.undeclared_lines),
            "assumed": _ids(s, content.assumed_lines),
            "rates": [
                {"currency": code, "usd_per_unit": f"{rate:f}"}
                for code, rate in sorted(content.rates.items())
                if code != "USD"
            ],
            "top_non_us": top,
            "source": content.source,
        }
    # Without a BOM, the Consortium sheet's summary figures; a zero total has no percentage.
    summary = hardware_summary(info, threshold)
    if summary is not None:
        return {
            "basis": Fixed("summary"),
            "total_value": usd(summary.total_value),
            "us_value": usd(summary.us_value),
            "us_content_pct": pct_display(summary.us_content_pct, 2),
            "us_content_pct_exact": pct_display(summary.us_content_pct, 4),
            "threshold": pct_display(threshold, 0),
            "meets": summary.meets_threshold,
            "shortfall": usd(summary.shortfall_value),
            "summary_basis": info.hardware_basis or "",
            "withheld": 0,
        }
    return {"basis": Fixed("none"), "threshold": pct_display(threshold, 0), "withheld": 0}


def _ids(s: Shaper, ids: Sequence[str]) -> list[Any]:
    """Line ids as listed: a confidential one marked (full) or counted in one mark (public)."""
    if not s.public:
        return [s.bom_id(line_id) for line_id in ids]
    shown: list[Any] = [line_id for line_id in ids if not s.bom_withheld(line_id)]
    hidden = len(ids) - len(shown)
    if hidden:
        shown.append(redacted_lines(hidden))
    return shown


_FIGURES = (
    "total_value",
    "us_value",
    "us_content_pct",
    "shortfall_value",
    "us_content_pct_without_assumptions",
    "us_value_without_assumptions",
    "margin_value",
)


def hardware_json(content: ContentResult, redactor: Redactor) -> dict[str, Any]:
    """The manifest's hardware figures (SPEC §3 keys): all of them, or the public version's.

    The public manifest lists no confidential line (its id, text or amount): the lists hold the
    other lines, `withheld_lines` counts them, and the figures are null when the document
    withholds them.
    """
    document = content.to_json_dict()
    if not redactor.public:
        return document
    withheld = redactor.bom_withheld
    shown = disclosure(content, redactor)
    for key in (
        "undeclared_lines",
        "assumed_lines",
        "coc_lines",
        "supplier_unknown_lines",
        "sensitivity",
    ):
        document[key] = [line_id for line_id in document[key] if not withheld(line_id)]
    document["confidential_lines"] = []
    document["withheld_lines"] = shown.withheld
    document["top_non_us"] = [line.to_json_dict() for line in shown.top_lines]
    if not shown.figures_shown:
        for key in _FIGURES:
            document[key] = None
    return document


__all__ = ["Disclosure", "disclosure", "hardware", "hardware_json", "money_str"]
