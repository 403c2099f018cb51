"""Reading a bill of materials or a rates table, row by row, from `.csv` or `.xlsx` (SPEC §3).

The CSV path imports neither pydantic nor openpyxl: the columns come from `aiexp.bom.columns`
(proved equal to the models by a test), the values from `aiexp.values`.
"""

from __future__ import annotations

from aiexp.bom.columns import BOM, RATES, Column, TableSpec
from aiexp.bom.files import has_lines, is_xlsx, open_sheet, open_table
from aiexp.bom.rates import parse_rate_option, read_rates, read_rates_table, read_sheet_rates
from aiexp.bom.table import Table

__all__ = [
    "BOM",
    "RATES",
    "Column",
    "Table",
    "TableSpec",
    "has_lines",
    "is_xlsx",
    "open_sheet",
    "open_table",
    "parse_rate_option",
    "read_rates",
    "read_rates_table",
    "read_sheet_rates",
]
