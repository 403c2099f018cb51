"""Write small BOMs (CSV and .xlsx) for the content tests: one dict per line, canonical keys."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from aiexp.content import ContentResult, calculate, content_calc_inputs
from aiexp.model import BomLine, columns
from aiexp.profile import load_profile

# The BOM columns as the model defines them (bom.csv's header), without the confidentiality pair.
COLUMNS = [c.key for c in columns(BomLine) if c.key not in ("confidential", "confidential_basis")]


def line(line_id: str, unit_value: Any, **values: Any) -> dict[str, Any]:
    """A valid BOM line (supplier in the U.S., USD) with the given changes."""
    row: dict[str, Any] = {
        "line_id": line_id,
        "description": f"item {line_id}",
        "supplier": "Acme Inc.",
        "supplier_country": "US",
        "unit_value": unit_value,
    }
    row.update(values)
    return row


def write_csv(
    path: Path,
    lines: Sequence[Mapping[str, Any]],
    *,
    columns: Sequence[str] = COLUMNS,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """A bom.csv with a header of `columns` and one row per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(columns)
        for values in lines:
            writer.writerow(["" if values.get(c) is None else values.get(c) for c in columns])
    return path


def write_xlsx(
    path: Path,
    lines: Sequence[Mapping[str, Any]],
    *,
    rates: Mapping[str, Any] | None = None,
    formats: Mapping[str, str] | None = None,
) -> Path:
    """A workbook with a BOM sheet (and a Rates sheet when `rates` is given)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "BOM"
    sheet.append(COLUMNS)
    for values in lines:
        sheet.append([values.get(c) for c in COLUMNS])
        for key, number_format in (formats or {}).items():
            cell = sheet.cell(sheet.max_row, COLUMNS.index(key) + 1)
            cell.number_format = number_format
    if rates is not None:
        rates_sheet = book.create_sheet("Rates")
        rates_sheet.append(["currency", "usd_per_unit", "as_of", "source"])
        for code, rate in rates.items():
            rates_sheet.append([code, rate, None, "test"])
    book.save(path)
    return path


def calc(
    bom: Path,
    *,
    rates: Mapping[str, Any] | None = None,
    rates_file: Path | None = None,
    decimal_comma: bool = False,
    **options: Any,
) -> ContentResult:
    """`aiexp content-calc BOM` as the command runs it: its inputs in SPEC §1 order, then the
    calculation with the default profile (`options`: threshold, top, assume_us_origin…)."""
    source, book = content_calc_inputs(
        bom, rates=rates, rates_file=rates_file, decimal_comma=decimal_comma
    )
    return calculate(source, book, profile=load_profile(None), **options)
