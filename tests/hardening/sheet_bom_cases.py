"""A BOM on a workbook's sheet, read once (issue 16): the cells the reader kept, still checked.

`validate` and `render` no longer read a workbook's BOM sheet a second time for the content
calculation: it takes the rows the workbook reader kept, and `content-calc Book.xlsx` reads the
sheet with the same one-pass reader. Each bad cell is still one located line, exit 2.
`tests/hardening/cases.py` adds SHEET_BOM_CASES to its CASES (the catalogue and the tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.hardening import bad_files
from tests.hardening.cases import Case, append_row, copy_sample

SHEET_BOM = "bill of materials on a sheet"
COLUMNS = ["line_id", "description", "supplier", "supplier_country", "unit_value", "quantity"]


def _line(line_id: Any, **values: Any) -> dict[str, Any]:
    return {
        "line_id": line_id,
        "description": "GPU server",
        "supplier": "Acme Compute Inc.",
        "supplier_country": "US",
        "unit_value": 1000.5,
        **values,
    }


def _workbook_bom(*lines: dict[str, Any]) -> Callable[[Path], Path]:
    """The sample without its bom.csv, its BOM sheet holding `lines`."""

    def build(folder: Path) -> Path:
        path = copy_sample(folder, with_bom=False)
        for values in lines:
            append_row(path, "BOM", values)
        return path

    return build


def _validate(build: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    def run(folder: Path) -> list[str]:
        build(folder)
        return ["validate", "consortium.xlsx", "--json"]

    return run


def _sheet_formula(folder: Path) -> list[str]:
    path = _workbook_bom(_line("S1"), _line("S2"))(folder)
    # The BOM sheet's header is row 1: S2 is row 3; unit_value is the template's column J.
    bad_files.with_formula(path, "BOM", "J3", "=2*500")
    return ["validate", "consortium.xlsx", "--json"]


def _book(folder: Path, rows: list[list[Any]]) -> list[str]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "BOM"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    book.save(folder / "Book.xlsx")
    return ["content-calc", "Book.xlsx", "--json"]


def _file_formula(folder: Path) -> list[str]:
    args = _book(folder, [["L1", "GPU", "Acme", "US", 100, 1], ["L2", "GPU", "Acme", "US"]])
    bad_files.with_formula(folder / "Book.xlsx", "BOM", "E3", "=SUM(E2:E2)")
    return args


SHEET_BOM_CASES: tuple[Case, ...] = (
    Case(
        "bom-sheet-formula-no-cache",
        SHEET_BOM,
        "a BOM sheet's unit value is a formula saved without its value",
        "validate",
        _sheet_formula,
        (2,),
        "BOM!J3 holds a formula with no saved value",
    ),
    Case(
        "bom-sheet-date-as-money",
        SHEET_BOM,
        "a BOM sheet's unit value is a date",
        "validate",
        _validate(_workbook_bom(_line("S1"), _line("S2", unit_value=dt.datetime(2026, 3, 1)))),
        (2,),
        "BOM!J3 (unit_value)",
    ),
    Case(
        "bom-sheet-number-as-country",
        SHEET_BOM,
        "a BOM sheet's supplier country is a number",
        "validate",
        _validate(_workbook_bom(_line("S1"), _line("S2", supplier_country=1.5))),
        (2,),
        "is not a country",
    ),
    Case(
        "bom-sheet-repeated-id",
        SHEET_BOM,
        "a BOM sheet repeats a line id (a number and the same text)",
        "validate",
        _validate(_workbook_bom(_line("7"), _line(7))),
        (2,),
        "line_id '7' is repeated",
    ),
    Case(
        "bom-xlsx-formula-no-cache",
        SHEET_BOM,
        "a BOM workbook's unit value is a formula saved without its value",
        "content-calc",
        _file_formula,
        (2,),
        "Book.xlsx: BOM!E3 holds a formula with no saved value",
    ),
    Case(
        "bom-xlsx-boolean-quantity",
        SHEET_BOM,
        "a BOM workbook's quantity is TRUE",
        "content-calc",
        lambda folder: _book(
            folder, [["L1", "GPU", "Acme", "US", 100, 1], ["L2", "GPU", "Acme", "US", 5, True]]
        ),
        (2,),
        "BOM!F3 (quantity)",
    ),
)
