"""Opening a BOM or rates table: a CSV file, or a sheet of an .xlsx workbook."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiexp.bom.columns import BOM, TableSpec
from aiexp.bom.table import Table
from aiexp.errors import BomError
from aiexp.values import is_blank


def is_xlsx(path: Path) -> bool:
    """True for a workbook path (`.xlsx`/`.xlsm`), judged by its name."""
    return path.suffix.lower() in {".xlsx", ".xlsm"}


@contextmanager
def open_table(path: Path, spec: TableSpec, *, decimal_comma: bool = False) -> Iterator[Table]:
    """Open a BOM (`spec=BOM`) or rates table (`RATES`): a CSV file, or a workbook's sheet.

    `decimal_comma` reads commas in the table's numbers as decimal points (`--decimal-comma`).
    """
    if is_xlsx(path):
        from aiexp.bom.xlsxfile import open_xlsx

        with open_xlsx(path, spec, required=True, decimal_comma=decimal_comma) as table:
            assert table is not None
            yield table
    else:
        from aiexp.bom.csvfile import open_csv

        with open_csv(path, spec, decimal_comma=decimal_comma) as table:
            yield table


@contextmanager
def open_sheet(path: Path, spec: TableSpec) -> Iterator[Table | None]:
    """Open a sheet of a workbook if it exists (None when the workbook has no such sheet)."""
    from aiexp.bom.xlsxfile import open_xlsx

    with open_xlsx(path, spec, required=False) as table:
        yield table


def has_lines(path: Path) -> bool:
    """True when a BOM file found beside a workbook has at least one non-blank row below its header.

    A file without a recognisable header but with content counts as having lines, so that the
    calculation reports what is wrong with it.
    """
    try:
        with open_table(path, BOM) as table:
            return any(not all(is_blank(v) for v in values) for _, values, _ in table.records)
    except BomError as exc:
        return "the file is empty" not in str(exc)
