"""A BOM or rates table from a sheet of an .xlsx workbook (SPEC §3): cells with their formats."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiexp.bom.columns import TableSpec
from aiexp.bom.csvfile import HEADER_SEARCH_ROWS, positions
from aiexp.bom.table import Table, letter
from aiexp.errors import BomError, WorkbookError
from aiexp.values import is_blank, normalise_header


@contextmanager
def open_xlsx(
    path: Path, spec: TableSpec, *, required: bool, decimal_comma: bool = False
) -> Iterator[Table | None]:
    """Open the `spec.sheet` sheet of a workbook (None when it has none and it is not required)."""
    from aiexp.workbook.xlsx import check_xlsx, iter_sheet_rows, load

    label = os.fspath(path)
    try:
        check_xlsx(path)
        formulas = load(path, values=False)
    except WorkbookError as exc:
        raise BomError(str(exc)) from None
    values = None
    try:
        values = load(path, values=True)
        title = next(
            (t for t in formulas.sheetnames if _sheet_key(t) == _sheet_key(spec.sheet)),
            None,
        )
        if title is None:
            if required:
                raise BomError(f"{label}: the workbook has no {spec.sheet} sheet")
            yield None
            return
        formula_ws = formulas[title]
        size = int(getattr(formula_ws, "max_row", 0) or 0)
        rows = iter_sheet_rows(path, formula_ws, values[title])
        names = spec.header_names()
        key = spec.key
        header_row = 0
        headers: list[str] = []
        try:
            for number, cells in rows:
                found = ["" if is_blank(v) else normalise_header(str(v)) for v, _, _ in cells]
                if key in [names.get(h, h) for h in found]:
                    header_row, headers = number, found
                    break
                if number >= HEADER_SEARCH_ROWS:
                    break
        except WorkbookError as exc:
            raise BomError(str(exc)) from None
        if not header_row:
            raise BomError(
                f"{label}: {title} sheet: no header row with a {key} column in the first "
                f"{HEADER_SEARCH_ROWS} rows"
            )
        state: dict[str, Any] = {"row": header_row, "formats": []}
        yield Table(
            label=label,
            sheet=title,
            spec=spec,
            positions=positions(headers, names),
            width=len(headers),
            header_row=header_row,
            rows=_rows(rows, label, title, len(headers), state),
            line_of=lambda _row: int(state["row"]),
            formats=lambda: state["formats"],
            size=size,
            done=lambda: int(state["row"]),
            comma="decimal" if decimal_comma else "group",
        )
    finally:
        formulas.close()
        if values is not None:
            values.close()


def _rows(
    rows: Iterator[tuple[int, list[tuple[Any, str | None, bool]]]],
    label: str,
    title: str,
    width: int,
    state: dict[str, Any],
) -> Iterator[list[Any]]:
    try:
        for number, cells in rows:
            state["row"] = number
            cells = cells[:width]
            for index, (_, _, uncached) in enumerate(cells):
                if uncached:
                    raise BomError(
                        f"{label}: {title}!{letter(index)}{number} holds a formula with no "
                        "saved value; open the file in Excel and save it, or type the value"
                    )
            values = [v for v, _, _ in cells]
            formats = [f for _, f, _ in cells]
            if len(values) < width:
                values.extend([None] * (width - len(values)))
                formats.extend([None] * (width - len(formats)))
            state["formats"] = formats
            yield values
    except WorkbookError as exc:
        raise BomError(str(exc)) from None


def _sheet_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())
