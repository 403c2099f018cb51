"""Exact U.S. hardware content of a bill of materials (SPEC §3; notice IV.A and footnotes 1–2)."""

from aiexp.content.calc import calculate
from aiexp.content.format import money_display, money_str, pct_display, pct_str
from aiexp.content.inputs import content_calc_inputs
from aiexp.content.rates import RateBook, RatesLayer, read_rates_layer
from aiexp.content.resolve import (
    WorkbookFigures,
    content_for_workbook,
    files_read,
    resolve_bom,
    workbook_figures,
)
from aiexp.content.result import BomSource, CocLine, CocLines, ContentResult, TopLine

__all__ = [
    "BomSource",
    "CocLine",
    "CocLines",
    "ContentResult",
    "RateBook",
    "RatesLayer",
    "TopLine",
    "WorkbookFigures",
    "calculate",
    "content_calc_inputs",
    "content_for_workbook",
    "files_read",
    "money_display",
    "money_str",
    "pct_display",
    "pct_str",
    "read_rates_layer",
    "resolve_bom",
    "workbook_figures",
]
