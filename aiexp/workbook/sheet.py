"""One worksheet in one streaming pass: per cell its value, number format and formula flag.

Every row present in the sheet's XML is read, whatever its `<dimension>` says, and time and
memory grow with the cells present, never with the declared area: a stray cell at XFD1048576
costs one cell. Values come out as openpyxl (the reader until 0.2) gave them: numbers as int or
float as written, date formats as datetimes (1900 or 1904 date system), booleans, errors as
their text (`#DIV/0!`), and a formula cell as the value Excel cached when it saved the file
(a formula that gave empty text, `t="str"` with an empty `<v></v>`, as "": a saved value).

Two parsers read the same XML. The fast one handles the shapes Excel, LibreOffice and openpyxl
write (`<c r="B7" s="3" t="s"><v>12</v></c>`, formulas, inline strings) with regular
expressions that must cover the sheet's rows without a gap; anything else (namespace prefixes,
cells without `r`, rich inline text, comments, CDATA, other encodings) makes it hand over to
lxml, which resumes after the rows already given. tests/workbook/test_sheet_parsers.py reads
every workbook of the corpus through both and requires the same cells.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import IO, Any, TypeAlias

from aiexp.errors import WorkbookError
from aiexp.workbook.numfmt import cast_number, from_excel, from_iso8601
from aiexp.workbook.parts import (
    MAIN_NS,
    NotSimple,
    Styles,
    damaged,
    declares_entities,
    describe,
    entities_error,
    main,
    text_content,
    utf8_declared,
    xml_text,
)

# (value, number format, formula without a cached value)
Cell: TypeAlias = tuple[Any, str | None, bool]
EMPTY: Cell = (None, None, False)

_BLOCK = 4 << 20  # decompressed bytes read at a time
_PROLOG_LIMIT = 1 << 20  # what may come before <sheetData> (views, columns) for the fast parser
# Text as XML allows it: no markup, and none of the characters XML 1.0 forbids (controls,
# U+FFFE, U+FFFF), which a parser refuses; a cell holding one does not match, so lxml reads the
# sheet and says it is damaged. With the rows' text covered without a gap (see _fast_chunk),
# no comment, CDATA section or instruction can hide anywhere in the rows either.
_TEXT = "[^<\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*"
_VALUE = '"[^"<&\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*"'
# One cell as Excel, LibreOffice and openpyxl write it. The attributes are checked where they are
# first met (`_meta`, once per distinct string); a self-closing cell (`<c r="A1" s="2"/>`)
# backtracks one character into the second branch.
_CELL = re.compile(
    r'<c r="([A-Z]{1,3})[0-9]+"([^>]*)'  # the column (the row comes from <row>); attributes
    r"(?:/>|>"
    rf"(<f(?: [a-zA-Z0-9]+={_VALUE})*>{_TEXT}</f>|<f(?: [a-zA-Z0-9]+={_VALUE})*/>)?"
    rf"(?:<v>({_TEXT})</v>)?"  # a formula above: only its presence matters
    rf'(?:<is><t(?: xml:space="preserve")?>({_TEXT})</t></is>)?'
    r"</c>)"
)
_ATTRIBUTES = re.compile(rf"(?: [a-zA-Z]+={_VALUE})*")
_ROW_ATTRIBUTES = rf"(?: [a-zA-Z0-9:]+={_VALUE})*"
_BETWEEN = re.compile(rf"(?:\s*(?:</row>|<row{_ROW_ATTRIBUTES}\s*/?>))*\s*")
_NEXT_ROW = re.compile(rf'</row><row r="([0-9]{{1,7}})"{_ROW_ATTRIBUTES}>')
_ROW_TAG = re.compile(rf"<row({_ROW_ATTRIBUTES})\s*(/?)>|</row>")
_ROW_NUMBER = re.compile(r' r="([^"]*)"')
_ATTRIBUTE = re.compile(r' ([a-zA-Z]+)="([^"]*)"')
_PROLOG = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml [^<>]*\?>)?\s*<worksheet\b([^<>]*)>")
_DEFAULT_NAMESPACE = re.compile(rb'\sxmlns\s*=\s*"' + re.escape(MAIN_NS.encode()) + rb'"')
_COORDINATE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
_ROW = main("row")
_C, _V, _F, _IS = main("c"), main("v"), main("f"), main("is")
_SHEET_ROOTS = {main(name) for name in ("worksheet", "dialogsheet", "macrosheet")}
_columns: dict[str, int] = {}
_KINDS = {kind: kind for kind in ("n", "s", "inlineStr", "str", "b", "e", "d")}


def column_index(letters: str) -> int:
    """The 0-based index of a column's letters (`A` → 0, `XFD` → 16383)."""
    index = _columns.get(letters)
    if index is None:
        number = 0
        for letter in letters.upper():
            number = number * 26 + ord(letter) - 64
        index = _columns[letters] = number - 1
    return index


@dataclass(frozen=True)
class SheetCells:
    """A sheet's rows as a reader kept them: the file, the sheet's title, (row number, cells).

    The workbook reader keeps its BOM sheet's rows so that the content calculation reads them
    without parsing the sheet again (`aiexp.bom.xlsxfile.cells_table`).
    """

    label: str
    title: str
    rows: list[tuple[int, list[Cell]]]


@dataclass(frozen=True)
class SheetSource:
    """What the cells of one sheet need from the package."""

    label: str  # the file, as findings and errors name it
    title: str
    open: Callable[[], IO[bytes]]
    strings: list[str]
    styles: Styles
    epoch: dt.datetime


class SheetRows:
    """The rows of one sheet in file order, as (row number, cells); rows without cells skipped.

    `cells[k]` is the cell of column k+1 (`EMPTY` where the row has none), up to the row's last
    cell. Set `width` (the header's width) once the header is found: a row's cells then stop at
    `width`, and a row with values further right gets one more entry, `cells[width]`, the first
    of them (enough to tell that the row is not blank), so a sheet's far columns cost nothing.
    """

    def __init__(self, source: SheetSource, *, fast: bool = True) -> None:
        self.source = source
        self.width: int | None = None
        self._done = 0  # row elements completely given by the fast parser
        self._stream: IO[bytes] | None = None
        self._rows = self._generate(fast)

    def __iter__(self) -> Iterator[tuple[int, list[Cell]]]:
        return self

    def __next__(self) -> tuple[int, list[Cell]]:
        return next(self._rows)

    def close(self) -> None:
        """Stop reading (closes the part's stream)."""
        self._rows.close()

    def position(self) -> int:
        """How many bytes of the sheet's XML have been read so far (for a progress bar)."""
        stream = self._stream
        if stream is None or stream.closed:
            return 0
        return stream.tell()

    # -- both parsers ---------------------------------------------------------------------------
    def _generate(self, fast: bool) -> Generator[tuple[int, list[Cell]], None, None]:
        try:
            if fast:
                try:
                    yield from self._fast()
                    return
                except NotSimple:
                    pass
            yield from self._lxml(skip=self._done)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            # A bad CRC or a truncated part shows only when the part is read.
            raise WorkbookError(
                f"{self.source.label}: the .xlsx package is damaged or truncated "
                f"({describe(exc)}); download or save it again"
            ) from None

    def _meta(self, attributes: str) -> tuple[str, str, str]:
        """(type, number format, format kind) of a cell's attributes."""
        if _ATTRIBUTES.fullmatch(attributes) is None or "xmlns" in attributes:
            raise NotSimple  # a namespace declared on a cell: lxml resolves it
        found = dict(_ATTRIBUTE.findall(attributes))
        style = found.get("s") or "0"
        if not style.isdigit():
            raise NotSimple
        known = self.source.styles.of(int(style))
        if known is None:
            raise NotSimple  # lxml names the cell
        kind = found.get("t") or "n"
        # the canonical string objects, so that the hot loop's comparisons are identity checks
        kind = _KINDS.get(kind, kind)
        return kind, known[0], known[1]

    def _value(self, kind: str, raw: str, fmt_kind: str) -> Any:
        """A cell's value from its type and text (not inline strings), as openpyxl gives it.

        Raises ValueError, IndexError or OverflowError for a value its type does not allow.
        """
        if kind == "n":
            number = cast_number(raw)
            if fmt_kind == "number":
                return number
            try:
                return from_excel(number, self.source.epoch, timedelta=fmt_kind == "timedelta")
            except (OverflowError, ValueError):
                return "#VALUE!"  # a date serial out of range reads as an error value
        if kind == "s":
            return self.source.strings[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            return from_iso8601(raw)
        return raw  # str (a formula's text), e (an error value) and anything else: the text

    def _place(self, cells: list[Cell], index: int, cell: Cell) -> None:
        width = self.width
        if width is not None and index >= width:
            _beyond(cells, width, cell)
            return
        size = len(cells)
        if index == size:
            cells.append(cell)
        elif index > size:
            cells.extend([EMPTY] * (index - size))
            cells.append(cell)
        else:
            cells[index] = cell  # the same cell twice: the last one, as openpyxl

    # -- the fast parser ------------------------------------------------------------------------
    def _fast(self) -> Iterator[tuple[int, list[Cell]]]:
        with self.source.open() as stream:
            self._stream = stream
            buffer = b""
            while True:
                block = stream.read(_BLOCK)
                buffer += block
                start = buffer.find(b"<sheetData")
                if start >= 0 or not block or len(buffer) > _PROLOG_LIMIT:
                    break
            if start < 0:
                raise NotSimple
            self._check_prolog(buffer[:start])
            if buffer.startswith(b"<sheetData/>", start):
                return
            if not buffer.startswith(b"<sheetData>", start):
                raise NotSimple
            buffer = buffer[start + len(b"<sheetData>") :]
            state = _FastState()
            while True:
                end = buffer.find(b"</sheetData>")
                if end >= 0:
                    yield from self._fast_chunk(buffer[:end], state)
                    if state.open_row:
                        raise NotSimple
                    while stream.read(_BLOCK):
                        pass  # to the end, so that the part's checksum is verified
                    return
                cut = buffer.rfind(b"</row>")
                if cut >= 0:
                    cut += len(b"</row>")
                    yield from self._fast_chunk(buffer[:cut], state)
                    buffer = buffer[cut:]
                block = stream.read(_BLOCK)
                if not block:
                    raise NotSimple  # no </sheetData>: lxml says what is wrong
                buffer += block

    def _check_prolog(self, prolog: bytes) -> None:
        if declares_entities(prolog):
            raise entities_error(self.source.label)
        match = _PROLOG.match(prolog)
        if (
            match is None
            or _DEFAULT_NAMESPACE.search(match.group(1)) is None
            or b"<!" in prolog
            or b"<?" in prolog[match.end() :]
        ):
            raise NotSimple  # a prefix, another namespace, comments: lxml reads it
        if not utf8_declared(prolog[: match.end()].decode("ascii", errors="replace")):
            raise NotSimple

    def _fast_chunk(self, data: bytes, state: _FastState) -> Iterator[tuple[int, list[Cell]]]:
        if b"]]>" in data:
            raise NotSimple  # not allowed in text: lxml says the sheet is damaged
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise NotSimple from None
        parts = _CELL.split(text)
        metas, strings, columns = state.metas, self.source.strings, _columns
        cells, width, open_row = state.cells, self.width, state.open_row
        items = iter(parts)
        # The hot loop: one pass of C-speed splitting, then a few dictionary lookups a cell.
        for between, letters, attributes, formula, raw, inline in zip(
            items, items, items, items, items, items, strict=False
        ):
            if between:
                step = _NEXT_ROW.fullmatch(between) if open_row else None
                if (
                    step is not None and "xmlns" not in between
                ):  # `</row><row r="8" ...>`: most rows, without a regex loop
                    self._done += 1
                    if cells:
                        yield state.number, cells
                    state.number = int(step.group(1))
                    cells = state.cells = []
                    width = self.width
                else:
                    yield from self._rows_between(between, state)
                    cells, width, open_row = state.cells, self.width, state.open_row
            if not open_row:
                raise NotSimple  # a cell outside a row
            meta = metas.get(attributes)
            if meta is None:
                meta = metas[attributes] = self._meta(attributes)
            kind, code, fmt_kind = meta
            if kind == "inlineStr":
                if inline is None:
                    value: Any = None
                else:
                    value = xml_text(inline) if "&" in inline or "\r" in inline else inline
            elif not raw:
                # `t="str"` with an empty `<v></v>`: a formula that gave empty text (saved).
                value = "" if raw == "" and kind == "str" and formula is not None else None
            else:
                if "&" in raw or "\r" in raw:
                    raw = xml_text(raw)
                try:
                    if kind == "s":
                        value = strings[int(raw)]
                    elif kind == "n" and fmt_kind == "number":
                        # cast_number, inline: the commonest cell of all
                        if "." in raw or "E" in raw or "e" in raw:
                            value = float(raw)
                        else:
                            value = int(raw)
                    else:
                        value = self._value(kind, raw, fmt_kind)
                except (ValueError, IndexError, OverflowError) as exc:
                    raise damaged(
                        self.source.label, f"cell {self.source.title}!{letters}{state.number}", exc
                    ) from None
            if value is None and formula is None:
                continue
            index = columns.get(letters)
            if index is None:
                index = column_index(letters)
            cell = (value, code, value is None)
            if width is not None and index >= width:
                _beyond(cells, width, cell)
                continue
            if index == len(cells):
                cells.append(cell)
            else:
                self._place(cells, index, cell)
        yield from self._rows_between(parts[-1], state)

    def _rows_between(self, between: str, state: _FastState) -> Iterator[tuple[int, list[Cell]]]:
        """Row tags between two cells: end the open row (give it), start the next."""
        if _BETWEEN.fullmatch(between) is None or "xmlns" in between:
            raise NotSimple  # anything but row tags, or a namespace declared on a row
        for match in _ROW_TAG.finditer(between):
            if match.group(0) == "</row>":
                if not state.open_row:
                    raise NotSimple
                state.open_row = False
                self._done += 1
                if state.cells:
                    yield state.number, state.cells
                continue
            if state.open_row:
                raise NotSimple  # a row inside a row
            number = _ROW_NUMBER.search(match.group(1))
            if number is None:
                state.number += 1
            elif number.group(1).isdigit():
                state.number = int(number.group(1))
            else:
                raise NotSimple
            state.cells = []
            if match.group(2):  # <row .../>: a row without cells
                self._done += 1
            else:
                state.open_row = True

    # -- the lxml parser ------------------------------------------------------------------------
    def _lxml(self, skip: int) -> Iterator[tuple[int, list[Cell]]]:
        from lxml import etree

        label, title = self.source.label, self.source.title
        with self.source.open() as stream:
            self._stream = stream
            events = etree.iterparse(
                stream,
                events=("end",),
                tag=_ROW,
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                remove_comments=True,
                remove_pis=True,
                huge_tree=False,
            )
            seen = number = 0
            try:
                for _, row in events:
                    if not seen and row.getroottree().docinfo.doctype:
                        raise entities_error(label)
                    seen += 1
                    number = self._row_number(row.get("r"), number)
                    if seen > skip:
                        cells = self._lxml_cells(row, number)
                        if cells:
                            yield number, cells
                    row.clear()
                    parent = row.getparent()
                    while row.getprevious() is not None:
                        del parent[0]
                root = events.root
            except etree.XMLSyntaxError as exc:
                if "amplification" in str(exc):
                    raise entities_error(label) from None
                raise damaged(label, f"the sheet {title!r}", exc) from None
        if root.getroottree().docinfo.doctype:
            raise entities_error(label)
        if root.tag not in _SHEET_ROOTS:
            raise damaged(label, f"the sheet {title!r} (not SpreadsheetML)")

    def _row_number(self, text: str | None, previous: int) -> int:
        if text is None:
            return previous + 1
        try:
            return int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                number = 0.5
            if not number.is_integer():
                raise damaged(
                    self.source.label, f"the sheet {self.source.title!r} (row {text!r})"
                ) from None
            return int(number)

    def _lxml_cells(self, row: Any, number: int) -> list[Cell]:
        cells: list[Cell] = []
        column = 0
        for cell in row:
            if cell.tag != _C:
                continue
            reference = cell.get("r")
            if reference:
                match = _COORDINATE.fullmatch(reference)
                if match is None:
                    raise damaged(
                        self.source.label,
                        f"the sheet {self.source.title!r} (cell reference {reference!r})",
                    )
                column = column_index(match.group(1)) + 1
            else:
                column += 1
            letters = column_letters(column)
            kind = cell.get("t") or "n"
            style = cell.get("s") or "0"
            known = self.source.styles.of(int(style)) if style.isdigit() else None
            if known is None:
                # Without its style the cell's number format is unknown: 0.51 could be 51 %.
                raise damaged(
                    self.source.label,
                    f"cell {self.source.title}!{letters}{number} (its style {style!r} is not "
                    "in the workbook's styles)",
                )
            code, fmt_kind = known
            value: Any = None
            if kind == "inlineStr":
                node = cell.find(_IS)
                value = text_content(node) if node is not None else None
            else:
                raw = cell.findtext(_V)
                if raw == "" and kind == "str" and cell.find(_F) is not None:
                    value = ""  # a formula that gave empty text, as in the fast parser
                elif raw:
                    try:
                        value = self._value(kind, raw, fmt_kind)
                    except (ValueError, IndexError, OverflowError) as exc:
                        raise damaged(
                            self.source.label, f"cell {self.source.title}!{letters}{number}", exc
                        ) from None
            formula = cell.find(_F) is not None
            if value is None and not formula:
                continue
            self._place(cells, column - 1, (value, code, value is None))
        return cells


class _FastState:
    """Where the fast parser is between chunks: the open row, its cells, the cell styles seen."""

    __slots__ = ("cells", "metas", "number", "open_row")

    def __init__(self) -> None:
        self.number = 0
        self.open_row = False
        self.cells: list[Cell] = []
        self.metas: dict[str, tuple[str, str, str]] = {}


def _beyond(cells: list[Cell], width: int, cell: Cell) -> None:
    """Keep the first cell past `width` (in `cells[width]`) so the row is not taken for blank."""
    if len(cells) <= width and cell[0] is not None:
        cells.extend([EMPTY] * (width - len(cells)))
        cells.append(cell)


def column_letters(column: int) -> str:
    """The letters of a 1-based column number (`A` for 1, `XFD` for 16384)."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
