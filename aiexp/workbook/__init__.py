"""Reading and writing the consortium workbook.

The names below are imported on first use, so that `aiexp.workbook.xlsx` (the package reader,
which the BOM reader uses too) can be imported without the model and pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiexp.workbook.reader import SheetLayout, WorkbookRead, parse_value, read_workbook

__all__ = ["SheetLayout", "WorkbookRead", "parse_value", "read_workbook"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from aiexp.workbook import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
