"""Exact U.S. hardware content of a bill of materials (SPEC §3; notice IV.A and footnotes 1–2)."""

from aiexp.content.calc import calculate
from aiexp.content.format import money_display, money_str, pct_display, pct_str
from aiexp.content.resolve import content_for_workbook, resolve_bom
from aiexp.content.result import BomSource, CocLine, ContentResult, TopLine

__all__ = [
    "BomSource",
    "CocLine",
    "ContentResult",
    "TopLine",
    "calculate",
    "content_for_workbook",
    "money_display",
    "money_str",
    "pct_display",
    "pct_str",
    "resolve_bom",
]
