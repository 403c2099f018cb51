"""A BOM or rates table from a CSV file (SPEC §3), every read error at its true line and cause.

CSV files are read as UTF-8 (with or without a byte-order mark), or as UTF-16 when they start with
a UTF-16 byte-order mark (Excel's "Unicode text"); anything else is refused with "save it as
UTF-8". The separator — comma, semicolon (European Excel) or tab — is sniffed from the header line.
Quotes are read strictly: a quote left open, which would swallow the rest of the file into one
cell, is an error at the line where its row starts.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from aiexp.bom.columns import TableSpec
from aiexp.bom.table import Chunk, Table, breaks, csv_chunk_lines
from aiexp.errors import BomError
from aiexp.files import regular_file
from aiexp.values import normalise_header

HEADER_SEARCH_ROWS = 10
_SNIFF_CHARS = 64 * 1024
_BLOCK = 1 << 16
_DELIMITERS = (",", ";", "\t")


@contextmanager
def open_csv(path: Path, spec: TableSpec, *, decimal_comma: bool = False) -> Iterator[Table]:
    """Open a CSV table; BomError (one line naming the file and line) when it cannot be read."""
    label = os.fspath(path)
    regular_file(path, BomError, noun="a CSV file", advice="give a CSV file")
    try:
        handle: IO[bytes] = path.open("rb")
    except OSError as exc:
        raise BomError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    with handle:
        head = handle.read(_BLOCK)
        if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise BomError(f"{label}: a spreadsheet, not a CSV file; name it .xlsx or save as CSV")
        encoding = _encoding(head)
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding=encoding, newline="")

        def locate(exc: Exception) -> BomError:
            return locate_error(path, label, encoding, delimiter, exc)

        delimiter = ","
        try:
            sample = text.read(_SNIFF_CHARS)
        except UnicodeDecodeError as exc:
            raise locate(exc) from None
        if "\0" in sample:
            raise _nul(label, sample, encoding)
        names = spec.header_names()
        delimiter = _sniff(sample, names, spec.key)
        text.seek(0)
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        header_row, headers = _find_header(reader, label, names, spec.key, locate)
        comma = "decimal" if decimal_comma else "refuse" if delimiter == ";" else "group"
        yield Table(
            label=label,
            sheet=None,
            spec=spec,
            positions=positions(headers, names),
            width=len(headers),
            header_row=header_row,
            rows=reader,
            line_of=_line_of(reader),
            size=path.stat().st_size,
            done=handle.tell,
            locate=locate,
            comma=comma,
            chunker=lambda size: csv_chunks(text, reader, delimiter, size),
        )


def csv_chunks(text: Iterator[str], reader: Any, delimiter: str, size: int) -> Iterator[Chunk]:
    """The data rows after the header, `size` lines at a time, each with its lines' numbers
    (and the separator, for a chunk whose rows were split on it: no cell holds it).

    The rows are exactly those `csv.reader` gives (a test compares them on random text), read
    faster: a chunk of lines without a quote — almost every line of a BOM — is split on the
    separator (Python's csv module would give the same cells, and spends most of a large BOM's
    read time finding that out); a chunk with a quote, or a line too long to be one CSV record,
    is read by `csv.reader` itself (which may read on past the chunk to close a quoted cell, and
    raises for what is not valid CSV).
    """
    base = int(reader.line_num)
    limit = csv.field_size_limit()
    while True:
        lines = list(islice(text, size))
        if not lines:
            return
        joined = "".join(lines)
        if '"' not in joined and max(map(len, lines)) <= limit:
            rows = [line.rstrip("\r\n").split(delimiter) for line in lines]
            if [""] in rows:  # an empty line: csv reads it as no cells
                rows = [row if row != [""] else [] for row in rows]
            read, separator = len(lines), delimiter
        else:
            quoted = csv.reader(chain(lines, text), delimiter=delimiter, strict=True)
            rows = []
            while quoted.line_num < len(lines):
                rows.append(next(quoted))
            read, separator = int(quoted.line_num), None
        yield rows, csv_chunk_lines(base, rows), None, separator, None
        base += read


def positions(headers: list[str], names: dict[str, str]) -> dict[str, int]:
    """Column key → index, for the headers that name a known column (the first one wins)."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = names.get(header)
        if key is not None and key not in found:
            found[key] = index
    return found


def locate_error(path: Path, label: str, encoding: str, delimiter: str, exc: Exception) -> BomError:
    """The true line and cause of a read error, found by reading the file again up to it.

    The CSV reader reports the line it had reached, which for a long or multi-line row is not
    where the row starts; a decoding error deep in the file has no line at all.
    """
    if isinstance(exc, UnicodeDecodeError):
        return _bad_encoding(label, encoding, _decode_error_line(path, encoding), exc)
    start = 1
    try:
        with path.open("rb") as handle:
            text = io.TextIOWrapper(handle, encoding=encoding, newline="")
            reader = csv.reader(text, delimiter=delimiter, strict=True)
            for _ in reader:
                start = reader.line_num + 1
    except csv.Error as error:
        return BomError(f"{label}: line {start}: {_csv_cause(error)}")
    except UnicodeDecodeError as error:
        return _bad_encoding(label, encoding, _decode_error_line(path, encoding), error)
    return BomError(f"{label}: line {start}: {_csv_cause(exc)}")


def _csv_cause(exc: Exception) -> str:
    """What a csv.Error means, for the person who wrote the file."""
    message = str(exc)
    if "field larger than field limit" in message:
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters (a quote left open, or "
            "not a CSV file)"
        )
    if "unexpected end of data" in message:
        return "a quote opened in this row is never closed; close it, or remove the quote"
    if "expected after" in message:
        return (
            "a closing quote must be followed by the separator; write a quote inside a quoted "
            'cell as two quotes ("")'
        )
    return f"not readable CSV ({message})"


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _decode_error_line(path: Path, encoding: str) -> int:
    """The physical line where the file stops being valid text in its encoding."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with path.open("rb") as handle:
        counting = "utf-8"
        if encoding == "utf-16":
            big = handle.read(2) == codecs.BOM_UTF16_BE
            counting = "utf-16-be" if big else "utf-16-le"
            handle.seek(0)
        while True:
            block = handle.read(_BLOCK)
            try:
                line += decoder.decode(block, final=not block).count("\n")
            except UnicodeDecodeError as exc:
                valid = exc.object[: exc.start]
                return line + bytes(valid).decode(counting, errors="ignore").count("\n")
            if not block:
                return line


def _bad_encoding(label: str, encoding: str, line: int, exc: UnicodeDecodeError) -> BomError:
    if encoding.startswith("utf-16"):
        return BomError(
            f"{label}: line {line}: the file is not valid UTF-16 text ({exc.reason}); save it as "
            "UTF-8 (Excel: CSV UTF-8)"
        )
    return BomError(
        f"{label}: line {line}: the file is not UTF-8 text; save it as UTF-8 "
        "(Excel: CSV UTF-8) — UTF-8 with or without a byte-order mark, or UTF-16 with a "
        "byte-order mark, is read"
    )


def _nul(label: str, sample: str, encoding: str) -> BomError:
    line = sample[: sample.index("\0")].count("\n") + 1
    if encoding == "utf-8":
        return BomError(
            f"{label}: line {line}: holds a NUL character, so it is not CSV text (UTF-16 without "
            "a byte-order mark?); save it as UTF-8 (Excel: CSV UTF-8)"
        )
    return BomError(f"{label}: line {line}: holds a NUL character, which CSV text cannot hold")


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


def _find_header(
    reader: Any,
    label: str,
    names: dict[str, str],
    key: str,
    locate: Callable[[Exception], BomError],
) -> tuple[int, list[str]]:
    try:
        for row in reader:
            headers = [normalise_header(c) for c in row]
            if key in [names.get(h, h) for h in headers]:
                return reader.line_num, headers
            if reader.line_num >= HEADER_SEARCH_ROWS:
                break
    except (UnicodeDecodeError, csv.Error) as exc:
        raise locate(exc) from None
    if reader.line_num == 0:
        raise BomError(f"{label}: the file is empty (it needs a header row and one row per line)")
    raise BomError(
        f"{label}: line 1, column {key}: no header row with a {key} column in the first "
        f"{HEADER_SEARCH_ROWS} lines"
    )


def _line_of(reader: Any) -> Callable[[list[Any]], int]:
    """The physical line where the row just read starts (counted only when an error needs it)."""

    def line_of(row: list[Any]) -> int:
        # The reader's line, less the line breaks inside quoted cells of this row.
        return int(reader.line_num) - breaks(row)

    return line_of
