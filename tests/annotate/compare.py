"""Read two workbooks back with openpyxl and say what differs between them, sheet by sheet."""

from __future__ import annotations

import datetime as dt
import warnings
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from aiexp.check import check_workbook

SUBMISSION = dt.date(2026, 6, 15)


def load(path: Path, **options: Any) -> Any:
    """A workbook in openpyxl's full mode (rich text kept), its warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(path, rich_text=True, **options)


def cells(ws: Any) -> dict[str, tuple[str, str]]:
    """Every stored cell of a sheet: A1 → (value as text, data type)."""
    return {c.coordinate: (str(c.value), c.data_type) for c in ws._cells.values()}


def cached(ws: Any) -> dict[str, object]:
    """Every stored cell's saved value (a workbook loaded with data_only=True)."""
    return {c.coordinate: c.value for c in ws._cells.values() if c.value is not None}


def validations(ws: Any) -> list[tuple[object, ...]]:
    """A sheet's drop-downs and other data validations, comparable."""
    return sorted(
        (
            str(v.sqref),
            v.type,
            v.formula1,
            v.formula2,
            v.allow_blank,
            v.showDropDown,
            v.prompt,
            v.error,
        )
        for v in ws.data_validations.dataValidation
    )


def comments(ws: Any) -> dict[str, tuple[str, str]]:
    """A sheet's comments: A1 → (text, author)."""
    return {
        c.coordinate: (c.comment.text, c.comment.author)
        for c in ws._cells.values()
        if c.comment is not None
    }


def style(cell: Any, *, fill: bool = True) -> tuple[object, ...]:
    """What a cell looks like: font, border, alignment, protection, number format (and fill)."""
    # copy() takes the style objects out of openpyxl's proxies, which never compare equal.
    parts = (
        copy(cell.font),
        copy(cell.border),
        copy(cell.alignment),
        copy(cell.protection),
        cell.number_format,
    )
    return (*parts, copy(cell.fill)) if fill else parts


def fills(ws: Any) -> dict[str, object]:
    """Every stored cell's fill."""
    return {c.coordinate: copy(c.fill) for c in ws._cells.values()}


def layout(ws: Any) -> tuple[object, ...]:
    """A sheet's layout: merged cells, frozen panes, column widths, row heights, state."""
    return (
        sorted(str(r) for r in ws.merged_cells.ranges),
        ws.freeze_panes,
        {k: d.width for k, d in ws.column_dimensions.items() if d.width},
        {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        ws.sheet_state,
        len(ws.conditional_formatting),
        ws.auto_filter.ref,
    )


def findings_of(path: Path, **options: Any) -> list[tuple[object, ...]]:
    """What `validate` finds in a workbook, without the file's own name."""
    report = check_workbook(path, today=SUBMISSION, **options).report
    name = report.file
    return [
        (
            f.code,
            f.severity,
            f.section,
            f.location.sheet,
            f.location.cell,
            f.location.row,
            f.location.column,
            f.location.file if f.location.file != name else "<workbook>",
            f.message.replace(name, "<workbook>"),
            f.hint,
        )
        for f in report.findings
    ]
