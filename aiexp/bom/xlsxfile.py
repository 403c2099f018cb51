"""A BOM or rates table from a sheet of an .xlsx workbook (SPEC §3): cells with their formats.

The sheet is read in one streaming pass by the workbook's own reader (`aiexp.workbook.xlsx`),
or — for a consortium workbook's BOM sheet — taken from the rows the workbook reader has read
already (`SheetCells`), so that `validate` and `render` parse that sheet once.

The rows are given to the content calculation in chunks (`Table.chunks`): a row whose cells are
plain — text, whole numbers, finite numbers in number columns, a percentage cell keyed with its
type and number format — is handed over as the text the CSV path reads (so it takes the same
fast path and caches), with its original cells beside it for anything that must be parsed or
reported; any other row is handed over as it is, to be parsed cell by cell.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp.bom.columns import TableSpec
from aiexp.bom.csvfile import HEADER_SEARCH_ROWS, positions
from aiexp.bom.table import Chunk, Table, letter
from aiexp.errors import BomError, WorkbookError
from aiexp.values import is_blank, normalise_header

if TYPE_CHECKING:
    from aiexp.workbook.sheet import Cell, SheetRows
    from aiexp.workbook.sheet import SheetCells as SheetCells

# How a column's cell becomes the text of the CSV path (see `_plain`): by the column's value rule.
_TEXT, _NUMBER, _PERCENT = 1, 2, 3
_KIND_CLASS = {"money": _NUMBER, "number": _NUMBER, "percent": _PERCENT}
#: Rows per chunk handed to the content calculation.
CHUNK_ROWS = 256


@contextmanager
def open_xlsx(
    path: Path, spec: TableSpec, *, required: bool, decimal_comma: bool = False
) -> Iterator[Table | None]:
    """Open the `spec.sheet` sheet of a workbook (None when it has none and it is not required)."""
    from aiexp.workbook.xlsx import open_xlsx as open_package
    from aiexp.workbook.xlsx import worksheet_for

    label = os.fspath(path)
    try:
        package = open_package(path)
    except WorkbookError as exc:
        raise BomError(str(exc)) from None
    with package:
        entry = worksheet_for(package.sheets, spec.sheet)
        if entry is None:
            if required:
                raise BomError(f"{label}: the workbook has no {spec.sheet} sheet")
            yield None
            return
        try:
            rows = package.rows(entry.name)
        except WorkbookError as exc:
            raise BomError(str(exc)) from None
        try:
            yield sheet_table(
                label,
                entry.name,
                rows,
                spec,
                decimal_comma=decimal_comma,
                size=package.part_size(entry.name),
                stream=rows,
            )
        finally:
            rows.close()


def cells_table(cells: SheetCells, spec: TableSpec, *, decimal_comma: bool = False) -> Table:
    """A table over a sheet's rows as the workbook reader kept them (read once, not again)."""
    return sheet_table(
        cells.label, cells.title, iter(cells.rows), spec, decimal_comma=decimal_comma
    )


def sheet_table(
    label: str,
    title: str,
    rows: Iterator[tuple[int, list[Cell]]],
    spec: TableSpec,
    *,
    decimal_comma: bool = False,
    size: int = 0,
    stream: SheetRows | None = None,
) -> Table:
    """The table of a sheet's rows: the header found in its first rows, then the data rows.

    `stream`: the sheet's reader, when `rows` is one (its width is set once the header is found,
    and its position in the part gives the progress out of `size` bytes).
    """
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
    width = len(headers)
    if stream is not None:
        # Cells right of the header are not read (a stray cell at XFD costs nothing); a row with
        # content there alone still reads as not blank.
        stream.width = width
    state: dict[str, Any] = {"row": header_row, "formats": []}
    table = Table(
        label=label,
        sheet=title,
        spec=spec,
        positions=positions(headers, names),
        width=width,
        header_row=header_row,
        rows=_rows(rows, label, title, width, state),
        line_of=lambda _row: int(state["row"]),
        formats=lambda: state["formats"],
        size=size,
        done=stream.position if stream is not None else (lambda: 0),
        comma="decimal" if decimal_comma else "group",
    )
    table.chunker = lambda count: _chunks(table, rows, state, count)
    return table


def _rows(
    rows: Iterator[tuple[int, list[Cell]]],
    label: str,
    title: str,
    width: int,
    state: dict[str, Any],
) -> Iterator[list[Any]]:
    """Each data row's values padded to `width`; its number and formats go to `state`."""
    try:
        for number, cells in rows:
            state["row"] = number
            values, formats = _cells(cells, width, label, title, number)
            state["formats"] = formats
            yield values
    except WorkbookError as exc:
        raise BomError(str(exc)) from None


def _cells(
    cells: list[Cell], width: int, label: str, title: str, number: int
) -> tuple[list[Any], list[str | None]]:
    """A row's values and number formats, cut or padded to `width`; BomError for a formula
    without a saved value."""
    if len(cells) > width:
        cells = cells[:width]
    _check_cached(cells, label, title, number)
    values = [value for value, _, _ in cells]
    formats = [number_format for _, number_format, _ in cells]
    if len(values) < width:
        values.extend([None] * (width - len(values)))
        formats.extend([None] * (width - len(formats)))
    return values, formats


def _check_cached(cells: list[Cell], label: str, title: str, number: int) -> None:
    """BomError naming the first cell that holds a formula without a saved value."""
    if any(map(_UNCACHED, cells)):
        index = next(k for k, cell in enumerate(cells) if cell[2])
        raise BomError(
            f"{label}: {title}!{letter(index)}{number} holds a formula with no "
            "saved value; open the file in Excel and save it, or type the value"
        )


_UNCACHED = itemgetter(2)
_VALUE = itemgetter(0)


class _Originals:
    """The original values and formats of a chunk's rows, made from their cells when asked
    (only a cell to be parsed or reported needs them)."""

    __slots__ = ("cells", "width")

    def __init__(self, width: int) -> None:
        self.cells: list[list[Cell]] = []
        self.width = width

    def __getitem__(self, k: int) -> tuple[list[Any], list[str | None]]:
        values = [value for value, _, _ in self.cells[k]]
        formats = [number_format for _, number_format, _ in self.cells[k]]
        if len(values) < self.width:
            values.extend([None] * (self.width - len(values)))
            formats.extend([None] * (self.width - len(formats)))
        return values, formats


def _chunks(
    table: Table, rows: Iterator[tuple[int, list[Cell]]], state: dict[str, Any], count: int
) -> Iterator[Chunk]:
    """The data rows in chunks for the content calculation (see the module's docstring).

    A chunk of plain rows comes with their originals (`_Originals`); a row that is not plain
    is a chunk of its own, with its formats and no text.
    """
    width, label, title = table.width, table.label, table.sheet or ""
    point = "," if table.comma == "decimal" else "."
    plan = [
        (index, _KIND_CLASS.get(table.columns[key].kind, _TEXT))
        for key, index in table.positions.items()
    ]
    texts: list[list[Any]] = []
    numbers: list[int] = []
    originals = _Originals(width)
    try:
        for number, cells in rows:
            state["row"] = number
            if len(cells) > width:
                cells = cells[:width]
            _check_cached(cells, label, title, number)
            text = list(map(_VALUE, cells))
            if len(text) < width:
                text.extend([None] * (width - len(text)))
            if not _plain(text, cells, plan, point):
                if texts:
                    yield texts, numbers.__getitem__, None, None, originals
                    texts, numbers, originals = [], [], _Originals(width)
                values, formats = _cells(cells, width, label, title, number)
                yield [values], [number].__getitem__, [formats], None, None
                continue
            texts.append(text)
            numbers.append(number)
            originals.cells.append(cells)
            if len(texts) >= count:
                yield texts, numbers.__getitem__, None, None, originals
                texts, numbers, originals = [], [], _Originals(width)
    except WorkbookError as exc:
        raise BomError(str(exc)) from None
    if texts:
        yield texts, numbers.__getitem__, None, None, originals


def _plain(text: list[Any], cells: list[Cell], plan: list[tuple[int, int]], point: str) -> bool:
    """Turn a row's values (`text`, a copy) into the text the CSV path reads; False when a cell
    is not plain.

    The text of a cell parses, by its column's value rule, to exactly what the cell itself
    does, so rows share the CSV path's caches: text as it is; a blank as ""; a whole number as
    its digits (`parse_text` and the number rules read 7 and "7" alike); a finite float in a
    number column as its shortest repr, the point as the table reads it (`to_decimal` reads a
    float through that repr). A number in a percentage column depends on its cell's type and
    number format (51 % of a `0%` cell, the places it shows), so its key holds them; text does
    not (a text cell shows as written). Anything else — a date, a
    boolean, a float in a text column, an infinite number — is not plain.
    """
    for index, kind in plan:
        value = text[index]
        if value is None:
            text[index] = ""
            continue
        cls = value.__class__
        if cls is str:
            continue  # text reads as written, whatever its format (a percentage too)
        if cls is int:
            if kind == _PERCENT:
                text[index] = (cls, value, cells[index][1])
            else:
                text[index] = str(value)
            continue
        if cls is float and kind != _TEXT and math.isfinite(value):
            if kind == _PERCENT:
                text[index] = (cls, value, cells[index][1])
            else:
                text[index] = repr(value).replace(".", point)
            continue
        return False
    return True
