"""Reading a bill of materials or a rates table, row by row, from `.csv` or `.xlsx` (SPEC §3).

A table is streamed: the caller iterates `records` — `(number, values, formats)` where `number`
is the CSV physical line (or the worksheet row), `values` the raw cells padded to the header's
width, and `formats` the cells' number formats (xlsx) or None (CSV) — or, in a hot loop, `rows`
itself. Nothing is kept in memory.

CSV files are read as UTF-8 (with or without a byte-order mark), or as UTF-16 when they start with
a UTF-16 byte-order mark (Excel's "Unicode text"); anything else is refused with "save it as
UTF-8". The separator — comma, semicolon (European Excel) or tab — is sniffed from the header line.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import IO, Any

from aiexp.errors import AiexpError, BomError, WorkbookError
from aiexp.model import BomLine, ColumnSpec, Rate, Row, columns
from aiexp.values import is_blank, normalise_header

HEADER_SEARCH_ROWS = 10
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = (",", ";", "\t")
_RATE_OPTION = re.compile(r"^\s*([A-Za-z]{3})\s*=\s*(.+?)\s*$")

Record = tuple[int, list[Any], list[str | None] | None]
Chunk = tuple[list[list[Any]], Callable[[int], int], list[list[str | None]] | None]


@dataclass
class Table:
    """An open BOM or rates table: where its columns are, and its rows as a stream.

    `rows` yields the raw cells of each data row (a CSV row may be shorter or longer than the
    header; `records` pads it). `line_of(row)` is the CSV physical line where the row starts
    (or the worksheet row), `formats()` the number formats of the current row (xlsx; None for
    CSV). Errors while reading (`UnicodeDecodeError`, `csv.Error`) go through `read_error`.
    """

    label: str
    sheet: str | None
    positions: dict[str, int]
    width: int
    header_row: int
    rows: Iterator[list[Any]]
    line_of: Callable[[list[Any]], int]
    formats: Callable[[], list[str | None]] | None = None
    size: int = 0
    done: Callable[[], int] = field(default=lambda: 0)

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
        k-th row) and the rows' number formats (xlsx) or None (CSV)."""
        rows = self.rows
        if self.formats is None:  # CSV: line numbers are worked out only when an error needs one
            reader = rows
            while True:
                base = int(getattr(reader, "line_num", 0))
                chunk = list(islice(rows, size))
                if not chunk:
                    return
                yield chunk, _csv_chunk_lines(base, chunk), None
        formats = self.formats
        while True:
            chunk, numbers, shapes = [], [], []
            for row in islice(rows, size):
                chunk.append(row)
                numbers.append(self.line_of(row))
                shapes.append(formats())
            if not chunk:
                return
            yield chunk, numbers.__getitem__, shapes

    def read_error(self, exc: Exception) -> BomError:
        """A decoding or CSV syntax error met while reading, as one located line."""
        line = getattr(self.rows, "line_num", 0) + 1
        if isinstance(exc, UnicodeDecodeError):
            return _not_utf8(self.label, line)
        return BomError(f"{self.label}: line {line}: not readable CSV ({exc})")

    def where(self, number: int, key: str | None = None) -> str:
        """`bom.csv: line 7, column unit_value` or `Book.xlsx: BOM!F7 (unit_value)`."""
        if self.sheet is None:
            column = f", column {key}" if key else ""
            return f"{self.label}: line {number}{column}"
        if key is not None and key in self.positions:
            return f"{self.label}: {self.sheet}!{_letter(self.positions[key])}{number} ({key})"
        column = f" ({key})" if key else ""
        return f"{self.label}: {self.sheet} row {number}{column}"

    def header_where(self, key: str) -> str:
        """Where a missing column should be: the header line or row."""
        if self.sheet is None:
            return f"{self.label}: line {self.header_row}, column {key}"
        return f"{self.label}: {self.sheet} row {self.header_row} (column {key})"


def header_names(row_model: type[Row]) -> dict[str, str]:
    """Normalised header text → canonical key: each column's key and its label."""
    names: dict[str, str] = {}
    for spec in columns(row_model):
        names[spec.key] = spec.key
        names.setdefault(normalise_header(spec.label), spec.key)
    return names


def column_specs(row_model: type[Row]) -> dict[str, ColumnSpec]:
    """The columns of a row model by key."""
    return {spec.key: spec for spec in columns(row_model)}


def is_xlsx(path: Path) -> bool:
    """True for a workbook path (`.xlsx`/`.xlsm`), judged by its name."""
    return path.suffix.lower() in {".xlsx", ".xlsm"}


@contextmanager
def open_table(path: Path, row_model: type[Row], sheet: str) -> Iterator[Table]:
    """Open a BOM (`row_model=BomLine`, sheet `BOM`) or rates table (`Rate`, `Rates`)."""
    if is_xlsx(path):
        with _open_xlsx(path, row_model, sheet, required=True) as table:
            assert table is not None
            yield table
    else:
        with _open_csv(path, row_model) as table:
            yield table


@contextmanager
def open_sheet(path: Path, row_model: type[Row], sheet: str) -> Iterator[Table | None]:
    """Open a sheet of a workbook if it exists (None when the workbook has no such sheet)."""
    with _open_xlsx(path, row_model, sheet, required=False) as table:
        yield table


# -- CSV ------------------------------------------------------------------------------------------
def _encoding(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _not_utf8(label: str, line: int | str) -> BomError:
    return BomError(
        f"{label}: line {line}: the file is not UTF-8 text; save it as UTF-8 "
        "(Excel: CSV UTF-8) — UTF-8 with or without a byte-order mark, or UTF-16 with a "
        "byte-order mark, is read"
    )


@contextmanager
def _open_csv(path: Path, row_model: type[Row]) -> Iterator[Table]:
    label = os.fspath(path)
    if not path.exists():
        raise BomError(f"{label}: no such file")
    if path.is_dir():
        raise BomError(f"{label}: is a folder, not a CSV file")
    try:
        handle: IO[bytes] = path.open("rb")
    except OSError as exc:
        raise BomError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    with handle:
        head = handle.read(_SNIFF_BYTES)
        if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise BomError(f"{label}: a spreadsheet, not a CSV file; name it .xlsx or save as CSV")
        encoding = _encoding(path, head)
        size = path.stat().st_size
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding=encoding, newline="")
        try:
            sample = text.read(_SNIFF_BYTES)
        except UnicodeDecodeError:
            raise _not_utf8(label, "1 or near it") from None
        if "\0" in sample:
            raise _not_utf8(label, 1)
        names = header_names(row_model)
        key = columns(row_model)[0].key
        delimiter = _sniff(sample, names, key)
        text.seek(0)
        reader = csv.reader(text, delimiter=delimiter)
        header_row, headers = _find_csv_header(reader, label, names, key)
        positions = _positions(headers, names)
        table = Table(
            label=label,
            sheet=None,
            positions=positions,
            width=len(headers),
            header_row=header_row,
            rows=reader,
            line_of=_csv_line_of(reader),
            size=size,
            done=handle.tell,
        )
        yield table


def _sniff(sample: str, names: dict[str, str], key: str) -> str:
    """The separator that splits the header line into the most known columns."""
    lines = sample.splitlines()[:HEADER_SEARCH_ROWS]
    best, best_count = ",", 0
    for delimiter in _DELIMITERS:
        for cells in csv.reader(lines, delimiter=delimiter):
            keys = [names.get(normalise_header(c)) for c in cells]
            if key in keys:
                count = sum(1 for k in keys if k)
                if count > best_count:
                    best, best_count = delimiter, count
                break
    return best


def _find_csv_header(
    reader: Any, label: str, names: dict[str, str], key: str
) -> tuple[int, list[str]]:
    try:
        for row in reader:
            headers = [normalise_header(c) for c in row]
            if key in [names.get(h, h) for h in headers]:
                return reader.line_num, headers
            if reader.line_num >= HEADER_SEARCH_ROWS:
                break
    except UnicodeDecodeError:
        raise _not_utf8(label, reader.line_num + 1) from None
    except csv.Error as exc:
        raise BomError(
            f"{label}: line {reader.line_num}: not a readable CSV file ({exc})"
        ) from None
    if reader.line_num == 0:
        raise BomError(f"{label}: the file is empty (it needs a header row and one row per line)")
    raise BomError(
        f"{label}: line 1, column {key}: no header row with a {key} column in the first "
        f"{HEADER_SEARCH_ROWS} lines"
    )


def _csv_chunk_lines(base: int, chunk: list[list[Any]]) -> Callable[[int], int]:
    """Line numbers of a chunk of CSV rows read after line `base` (counted when asked)."""

    starts: list[int] = []

    def line(k: int) -> int:
        if not starts:  # once per chunk, and only when a line number is asked for
            number = base + 1
            for row in chunk:
                starts.append(number)
                number += 1 + _breaks(row)
        return starts[k]

    return line


def _breaks(row: list[Any]) -> int:
    # The line breaks inside the quoted cells of a row (a CRLF counts once).
    return sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row if c)


def _csv_line_of(reader: Any) -> Callable[[list[Any]], int]:
    """The physical line where the row just read starts (counted only when an error needs it)."""

    def line_of(row: list[Any]) -> int:
        # The reader's line, less the line breaks inside quoted cells of this row.
        return int(reader.line_num) - _breaks(row)

    return line_of


def _positions(headers: list[str], names: dict[str, str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = names.get(header)
        if key is not None and key not in positions:
            positions[key] = index
    return positions


# -- xlsx -----------------------------------------------------------------------------------------
@contextmanager
def _open_xlsx(
    path: Path, row_model: type[Row], sheet: str, *, required: bool
) -> Iterator[Table | None]:
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
            (t for t in formulas.sheetnames if _sheet_key(t) == _sheet_key(sheet)),
            None,
        )
        if title is None:
            if required:
                raise BomError(f"{label}: the workbook has no {sheet} sheet")
            yield None
            return
        formula_ws = formulas[title]
        size = int(getattr(formula_ws, "max_row", 0) or 0)
        rows = iter_sheet_rows(path, formula_ws, values[title])
        names = header_names(row_model)
        key = columns(row_model)[0].key
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
            positions=_positions(headers, names),
            width=len(headers),
            header_row=header_row,
            rows=_xlsx_rows(rows, label, title, len(headers), state),
            line_of=lambda _row: int(state["row"]),
            formats=lambda: state["formats"],
            size=size,
            done=lambda: int(state["row"]),
        )
    finally:
        formulas.close()
        if values is not None:
            values.close()


def _xlsx_rows(
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
                        f"{label}: {title}!{_letter(index)}{number} holds a formula with no "
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


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _sheet_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


# -- rates ----------------------------------------------------------------------------------------
def parse_rate_option(text: str) -> tuple[str, Decimal]:
    """`--rate EUR=1.0832` → ("EUR", Decimal("1.0832")): U.S. dollars for one unit."""
    from aiexp.values import to_decimal

    match = _RATE_OPTION.match(text)
    if match is None:
        raise AiexpError(f"--rate {text!r}: expected CUR=USD_PER_UNIT, such as EUR=1.0832")
    try:
        rate = to_decimal(match.group(2))
    except ValueError:
        raise AiexpError(
            f"--rate {text!r}: {match.group(2)!r} is not a number of U.S. dollars per unit"
        ) from None
    if rate <= 0:
        raise AiexpError(f"--rate {text!r}: a rate must be a positive number")
    return match.group(1).upper(), rate


def read_rates_table(table: Table) -> dict[str, Decimal]:
    """The rates of an open Rates table: currency → U.S. dollars per unit."""
    from aiexp.workbook.reader import parse_value

    specs = column_specs(Rate)
    for key in ("currency", "usd_per_unit"):
        if key not in table.positions:
            raise BomError(f"{table.header_where(key)}: the rates table has no {key} column")
    rates: dict[str, Decimal] = {}
    seen: dict[str, int] = {}
    for number, values, formats in table.records:
        if all(is_blank(v) for v in values):
            continue
        parsed: dict[str, Any] = {}
        for key in ("currency", "usd_per_unit"):
            index = table.positions[key]
            raw = values[index]
            if is_blank(raw):
                raise BomError(f"{table.where(number, key)}: {key} is required")
            try:
                parsed[key] = parse_value(raw, formats[index] if formats else None, specs[key])
            except ValueError as exc:
                raise BomError(f"{table.where(number, key)}: {exc}") from None
        currency, rate = parsed["currency"], parsed["usd_per_unit"]
        if currency == "USD" and rate != 1:
            raise BomError(f"{table.where(number, 'usd_per_unit')}: USD is 1 U.S. dollar per unit")
        if currency in rates and rates[currency] != rate:
            raise BomError(
                f"{table.where(number, 'currency')}: {currency} is given twice with different "
                f"rates (also line/row {seen[currency]})"
            )
        rates[currency] = rate
        seen.setdefault(currency, number)
    return rates


def read_rates(path: Path) -> dict[str, Decimal]:
    """Rates from a CSV (`currency,usd_per_unit,as_of,source`) or an .xlsx's Rates sheet."""
    with open_table(path, Rate, "Rates") as table:
        return read_rates_table(table)


def read_sheet_rates(path: Path) -> dict[str, Decimal]:
    """The rates of a workbook's own Rates sheet (empty when it has none)."""
    with open_sheet(path, Rate, "Rates") as table:
        return read_rates_table(table) if table is not None else {}


def has_lines(path: Path) -> bool:
    """True when a BOM file found beside a workbook has at least one non-blank row below its header.

    A file without a recognisable header but with content counts as having lines, so that the
    calculation reports what is wrong with it.
    """
    try:
        with open_table(path, BomLine, "BOM") as table:
            return any(not all(is_blank(v) for v in values) for _, values, _ in table.records)
    except BomError as exc:
        return "the file is empty" not in str(exc)
