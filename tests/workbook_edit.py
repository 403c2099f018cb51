"""Change one thing in a real workbook with openpyxl: how tests build their cases from the sample.

Rows are addressed by the value of one column (`match={"name": "Acme"}`), columns by their
canonical key; headers are found the way the reader finds them (normalised, first ten rows).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from aiexp.model import ConsortiumInfo, columns, sheet
from aiexp.values import normalise_header

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SAMPLE_WORKBOOK = SAMPLES / "consortium.xlsx"
SAMPLE_BOM = SAMPLES / "bom.csv"
SAMPLE_RATES = SAMPLES / "rates.csv"


def copy_sample(folder: Path, *, with_bom: bool = True) -> Path:
    """Copy the sample workbook (and its bom.csv and rates.csv) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "consortium.xlsx"
    shutil.copyfile(SAMPLE_WORKBOOK, target)
    if with_bom:
        shutil.copyfile(SAMPLE_BOM, folder / "bom.csv")
    shutil.copyfile(SAMPLE_RATES, folder / "rates.csv")
    return target


def _worksheet(book: Any, name: str) -> Worksheet:
    for title in book.sheetnames:
        if title.casefold() == name.casefold():
            return book[title]  # type: ignore[no-any-return]
    raise KeyError(f"no sheet {name}")


def _header(ws: Worksheet, sheet_name: str) -> tuple[int, dict[str, int]]:
    spec = sheet(sheet_name)
    labels = {normalise_header(c.label): c.key for c in columns(spec.row_model)}
    for row in range(1, 11):
        keys: dict[str, int] = {}
        for col in range(1, ws.max_column + 1):
            value = ws.cell(row, col).value
            if value is None:
                continue
            norm = normalise_header(str(value))
            keys[labels.get(norm, norm)] = col
        if spec.key in keys:
            return row, keys
    raise KeyError(f"no header row in {sheet_name}")


def _rows(
    ws: Worksheet, header_row: int, keys: dict[str, int], match: Mapping[str, Any]
) -> list[int]:
    found = []
    for row in range(header_row + 1, ws.max_row + 1):
        if all(
            str(ws.cell(row, keys[key]).value or "").strip().casefold()
            == str(value).strip().casefold()
            for key, value in match.items()
        ):
            found.append(row)
    return found


def set_cells(
    path: Path, sheet_name: str, match: Mapping[str, Any], values: Mapping[str, Any]
) -> int:
    """Set columns of every row matching `match`; returns how many rows changed (at least 1)."""
    book = load_workbook(path)
    ws = _worksheet(book, sheet_name)
    header_row, keys = _header(ws, sheet_name)
    rows = _rows(ws, header_row, keys, match)
    if not rows:
        raise KeyError(f"no row of {sheet_name} matches {dict(match)}")
    for row in rows:
        for key, value in values.items():
            if key not in keys:
                keys[key] = ws.max_column + 1
                ws.cell(header_row, keys[key]).value = key
            ws.cell(row, keys[key]).value = value
    book.save(path)
    return len(rows)


def delete_rows(path: Path, sheet_name: str, match: Mapping[str, Any]) -> int:
    """Delete every row matching `match`; returns how many (at least 1)."""
    book = load_workbook(path)
    ws = _worksheet(book, sheet_name)
    header_row, keys = _header(ws, sheet_name)
    rows = _rows(ws, header_row, keys, match)
    if not rows:
        raise KeyError(f"no row of {sheet_name} matches {dict(match)}")
    for row in reversed(rows):
        ws.delete_rows(row)
    book.save(path)
    return len(rows)


def clear_sheet(path: Path, sheet_name: str) -> None:
    """Delete every data row of a sheet, keeping its header."""
    book = load_workbook(path)
    ws = _worksheet(book, sheet_name)
    header_row, _ = _header(ws, sheet_name)
    if ws.max_row > header_row:
        ws.delete_rows(header_row + 1, ws.max_row - header_row)
    book.save(path)


def append_row(path: Path, sheet_name: str, values: Mapping[str, Any]) -> int:
    """Add a row after the last one; returns its row number."""
    book = load_workbook(path)
    ws = _worksheet(book, sheet_name)
    header_row, keys = _header(ws, sheet_name)
    row = max(ws.max_row, header_row) + 1
    for key, value in values.items():
        if key not in keys:
            keys[key] = ws.max_column + 1
            ws.cell(header_row, keys[key]).value = key
        ws.cell(row, keys[key]).value = value
    book.save(path)
    return row


def set_field(path: Path, field: str, value: Any) -> None:
    """Set (or add) a field of the Consortium sheet; None blanks it."""
    assert field in ConsortiumInfo.model_fields, field
    book = load_workbook(path)
    ws = _worksheet(book, "Consortium")
    for row in range(1, ws.max_row + 1):
        if normalise_header(str(ws.cell(row, 1).value or "")) == field:
            ws.cell(row, 2).value = value
            break
    else:
        ws.append([field, value])
    book.save(path)


def delete_sheet(path: Path, sheet_name: str) -> None:
    """Remove a sheet entirely."""
    book = load_workbook(path)
    del book[_worksheet(book, sheet_name).title]
    book.save(path)
