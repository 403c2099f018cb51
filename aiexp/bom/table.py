"""An open BOM or rates table: where its columns are, its rows as a stream, and located errors.

A table is streamed: the caller iterates `records` — `(number, values, formats)` where `number`
is the CSV physical line (or the worksheet row), `values` the raw cells padded to the header's
width, and `formats` the cells' number formats (xlsx) or None (CSV) — or, in a hot loop, `chunks`
of raw rows. Nothing is kept in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MIN_EMIN, Context, localcontext
from itertools import islice
from typing import Any, Protocol

from aiexp.bom.cells import parse_by_kind
from aiexp.bom.columns import Column, TableSpec
from aiexp.errors import BomError
from aiexp.values import is_blank, parse_text

Record = tuple[int, list[Any], list[str | None] | None]


class Sources(Protocol):
    """The original values and number formats of the k-th row of a chunk given as text."""

    def __getitem__(self, k: int, /) -> tuple[list[Any], list[str | None]]:
        """The k-th row's values and formats."""


# (rows, line(k), number formats or None, the separator when every row was split on it, and for
# a sheet's plain rows read as text, each row's original values and formats).
Chunk = tuple[
    list[list[Any]],
    Callable[[int], int],
    list[list[str | None]] | None,
    str | None,
    Sources | None,
]
#: The value rules whose text may hold a thousands (or decimal) separator.
NUMBER_KINDS = frozenset({"money", "number", "percent"})
# The parsers may quantize an exact value (51.000 → 51), which signals Rounded; a caller summing
# in a context that traps it parses in this one, as wide but not trapping it.
_PARSE = Context(prec=100_000, Emax=MAX_EMAX, Emin=MIN_EMIN)


@dataclass
class Table:
    """An open BOM or rates table: where its columns are, and its rows as a stream.

    `rows` yields the raw cells of each data row (a CSV row may be shorter or longer than the
    header; `records` pads it). `line_of(row)` is the CSV physical line where the row starts
    (or the worksheet row), `formats()` the number formats of the current row (xlsx; None for
    CSV). Errors while reading (`UnicodeDecodeError`, `csv.Error`) go through `read_error`,
    which names the true line and cause.

    `comma` says how a comma in a number is read: `group` (a thousands separator, in groups of
    three only), `decimal` (a decimal point: `--decimal-comma`), or `refuse` (a semicolon-
    separated file, where a comma may be either).
    """

    label: str
    sheet: str | None
    spec: TableSpec
    positions: dict[str, int]
    width: int
    header_row: int
    rows: Iterator[list[Any]]
    line_of: Callable[[list[Any]], int]
    formats: Callable[[], list[str | None]] | None = None
    size: int = 0
    done: Callable[[], int] = field(default=lambda: 0)
    locate: Callable[[Exception], BomError] | None = None
    comma: str = "group"
    chunker: Callable[[int], Iterator[Chunk]] | None = None
    columns: dict[str, Column] = field(init=False)

    def __post_init__(self) -> None:
        self.columns = self.spec.by_key()

    @property
    def records(self) -> Iterator[Record]:
        """`(number, values padded to the header's width, formats)` for each data row."""
        width = self.width
        try:
            for row in self.rows:
                if len(row) != width:
                    if len(row) < width:
                        row.extend([""] * (width - len(row)))
                    else:
                        del row[width:]
                yield self.line_of(row), row, self.formats() if self.formats else None
        except (UnicodeDecodeError, csv.Error) as exc:
            raise self.read_error(exc) from None

    def chunks(self, size: int) -> Iterator[Chunk]:
        """The rows in lists of up to `size`, each with `line(k)` (the line or row number of its
        k-th row), the rows' number formats (xlsx) or None (CSV), the separator when every
        row was split on it (so no cell holds it), else None, and — for a sheet's rows given as
        the text the CSV path reads — each row's original values and formats, else None."""
        if self.chunker is not None:
            yield from self.chunker(size)
            return
        rows = self.rows
        if self.formats is None:  # CSV: line numbers are worked out only when an error needs one
            while True:
                base = int(getattr(rows, "line_num", 0))
                chunk = list(islice(rows, size))
                if not chunk:
                    return
                yield chunk, csv_chunk_lines(base, chunk), None, None, None
        formats = self.formats
        for row in rows:  # a row with number formats is parsed cell by cell: one a chunk
            number = self.line_of(row)
            yield [row], [number].__getitem__, [formats()], None, None

    def read_error(self, exc: Exception) -> BomError:
        """A decoding or CSV syntax error met while reading, as one line at its true place."""
        if self.locate is not None:
            return self.locate(exc)
        return BomError(f"{self.label}: cannot be read ({exc})")

    def where(self, number: int, key: str | None = None) -> str:
        """`bom.csv: line 7, column unit_value` or `Book.xlsx: BOM!F7 (unit_value)`."""
        if self.sheet is None:
            column = f", column {key}" if key else ""
            return f"{self.label}: line {number}{column}"
        if key is not None and key in self.positions:
            return f"{self.label}: {self.sheet}!{letter(self.positions[key])}{number} ({key})"
        column = f" ({key})" if key else ""
        return f"{self.label}: {self.sheet} row {number}{column}"

    def header_where(self, key: str) -> str:
        """Where a missing column should be: the header line or row."""
        if self.sheet is None:
            return f"{self.label}: line {self.header_row}, column {key}"
        return f"{self.label}: {self.sheet} row {self.header_row} (column {key})"

    def fail(self, number: int | Callable[[], int], key: str, message: str) -> BomError:
        """One located error line (`number` may be a function that finds it)."""
        line = number if isinstance(number, int) else number()
        return BomError(f"{self.where(line, key)}: {message}")

    def cell(
        self,
        number: int | Callable[[], int],
        key: str,
        raw: Any,
        number_format: str | None = None,
    ) -> Any:
        """A cell by its column's value rule (blank → None); BomError naming the cell.

        `number` is the line or row, or a function that finds it (called only for an error).
        """
        column = self.columns[key]
        if is_blank(raw):
            if column.required:
                raise self.fail(number, key, f"{key} is required (the cell is blank)")
            return None
        if self.comma == "refuse" and column.kind in NUMBER_KINDS and "," in str(raw):
            raise self.fail(number, key, self.comma_refusal(raw))
        try:
            with localcontext(_PARSE):
                return parse_by_kind(
                    raw, number_format, column.kind, column.choices, self.comma == "decimal"
                )
        except ValueError as exc:
            raise self.fail(number, key, str(exc)) from None
        except ArithmeticError:
            raise self.fail(number, key, f"{parse_text(raw)!r} is not a usable number") from None

    def comma_refusal(self, raw: Any) -> str:
        """Why a number holding a comma is refused in a semicolon-separated file."""
        text = " ".join(str(raw).split())[:40]
        where = "a semicolon-separated file, where a comma may be a decimal point"
        if self.spec.sheet != "BOM":
            return f"{text!r} holds a comma in {where}; write it with a decimal point (1.0832)"
        return (
            f"{text!r} holds a comma in {where}; write it without commas (1500.00), or give "
            "content-calc --decimal-comma if commas are decimal points in this file"
        )


def csv_chunk_lines(base: int, chunk: list[list[Any]]) -> Callable[[int], int]:
    """Line numbers of a chunk of CSV rows read after line `base` (counted when asked)."""

    starts: list[int] = []

    def line(k: int) -> int:
        if not starts:  # once per chunk, and only when a line number is asked for
            number = base + 1
            for row in chunk:
                starts.append(number)
                number += 1 + breaks(row)
        return starts[k]

    return line


def breaks(row: list[Any]) -> int:
    """The line breaks inside the quoted cells of a CSV row (a CRLF counts once)."""
    return sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row if c)


def letter(index: int) -> str:
    """The column letter of a 0-based column index (`A` for 0); only sheets need it."""
    from aiexp.workbook.sheet import column_letters

    return column_letters(index + 1)
