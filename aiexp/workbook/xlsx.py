"""Opening an .xlsx safely: one clear error for anything that is not a readable workbook.

`open_xlsx` reads the file's bytes once (their SHA-256 names exactly what was read), refuses a
zip bomb by the parts' declared sizes before anything is decompressed, and parses the package
itself: the workbook part for the sheets, the styles for number formats, the shared strings, and
each sheet in one streaming pass (aiexp/workbook/sheet.py). XML that declares entities is
refused before any is expanded.

`load` and `iter_sheet_rows` (openpyxl, read-only) are kept for the BOM reader (aiexp/bom.py)
until it moves to `open_xlsx`.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from aiexp.errors import WorkbookError
from aiexp.files import regular_file
from aiexp.workbook.parts import (
    SheetEntry,
    Styles,
    read_shared_strings,
    read_styles,
    read_workbook_part,
)
from aiexp.workbook.sheet import EMPTY, Cell, SheetRows, SheetSource

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "EMPTY",
    "MAX_UNCOMPRESSED_BYTES",
    "Cell",
    "SheetEntry",
    "SheetRows",
    "XlsxPackage",
    "check_xlsx",
    "file_label",
    "iter_sheet_rows",
    "load",
    "open_xlsx",
]

# The largest total uncompressed size of the parts of a workbook the tool will open. A large
# consortium workbook with a 100,000-line BOM sheet is well under 100 MiB uncompressed.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
# The largest ratio of uncompressed to compressed size of one part; real sheets stay under 100.
MAX_COMPRESSION_RATIO = 1000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)


def check_xlsx(path: Path) -> None:
    """Refuse, with one line, a path that is not a readable and reasonable .xlsx package."""
    _checked_package(path, _read_bytes(path)).close()


def open_xlsx(path: Path | str, *, data: bytes | None = None) -> XlsxPackage:
    """Open a workbook for reading (a context manager); raises WorkbookError, one line.

    `data`: the file's bytes when the caller has read them already (so that two readers of one
    workbook see the same bytes, under one digest); they are checked the same way.
    """
    path = Path(path)
    if data is None:
        data = _read_bytes(path)
    elif not data:
        raise WorkbookError(f"{path}: the file is empty")
    else:
        _check_head(path, data[:8])
    package = _checked_package(path, data)
    try:
        return XlsxPackage(path, data, package)
    except BaseException:
        package.close()
        raise


class XlsxPackage:
    """An .xlsx package read once: its digest, its sheets, and each sheet's rows on demand."""

    def __init__(self, path: Path, data: bytes, package: zipfile.ZipFile) -> None:
        self.path = path
        self.label = file_label(path)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.data = data  # the bytes read, for a second reader of the same workbook
        self._package = package
        self.workbook = read_workbook_part(self.label, package)
        self._strings: list[str] | None = None
        self._styles: Styles | None = None

    @property
    def sheets(self) -> list[SheetEntry]:
        """Every sheet the workbook lists, in order: worksheets, chart sheets, dialog sheets."""
        return list(self.workbook.sheets)

    @property
    def sheet_titles(self) -> list[str]:
        """The titles of the worksheets (sheets of cells), in the workbook's order."""
        return [s.name for s in self.workbook.sheets if s.kind == "worksheet"]

    def rows(self, title: str, *, fast: bool = True) -> SheetRows:
        """The rows of the worksheet titled `title` (exactly), as (row number, cells).

        `fast=False` reads it with lxml alone (tests compare both parsers).
        """
        entry = next((s for s in self.workbook.sheets if s.name == title), None)
        if entry is None:
            raise KeyError(title)
        if entry.part is None:
            raise WorkbookError(
                f"{self.label}: the sheet {title!r} is listed but its part is missing (a "
                "damaged file); open it in Excel and save it again as .xlsx"
            )
        part = entry.part
        if self._strings is None:
            self._strings = read_shared_strings(
                self.label, self._package, self.workbook.shared_strings
            )
        if self._styles is None:
            self._styles = read_styles(self.label, self._package, self.workbook.styles)
        source = SheetSource(
            label=self.label,
            title=title,
            open=lambda: self._package.open(part),
            strings=self._strings,
            styles=self._styles,
            epoch=self.workbook.epoch,
        )
        return SheetRows(source, fast=fast)

    def close(self) -> None:
        """Release the package (the bytes stay only as long as the object)."""
        self._package.close()

    def __enter__(self) -> XlsxPackage:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, read once; refuses what is not a regular, non-empty, sane file."""
    info = regular_file(
        path, WorkbookError, noun="a workbook", advice="save the workbook as a file"
    )
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if not head:
                raise WorkbookError(f"{path}: the file is empty")
            _check_head(path, head)
            if info.st_size > MAX_UNCOMPRESSED_BYTES:
                raise _bomb(path)
            # the size from stat: read(n) would allocate n bytes before reading any
            return head + handle.read(info.st_size)
    except OSError as exc:
        raise WorkbookError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _check_head(path: Path, head: bytes) -> None:
    suffix = path.suffix.lower()
    if head == _OLE_MAGIC:
        if suffix == ".xls":
            raise WorkbookError(
                f"{path}: an old binary Excel .xls file; open it in Excel and save it as .xlsx"
            )
        raise WorkbookError(
            f"{path}: the workbook is password-protected (encrypted) or an old binary file; "
            "remove the password (or save as .xlsx) and try again"
        )
    if suffix == ".ods":
        raise WorkbookError(f"{path}: an OpenDocument spreadsheet; save it as .xlsx and try again")
    if suffix == ".xlsb":
        raise WorkbookError(f"{path}: a binary .xlsb workbook; save it as .xlsx and try again")
    if head[:4] != _ZIP_MAGIC:
        raise WorkbookError(
            f"{path}: not an .xlsx workbook (the file is not a zip package); "
            "save it from Excel as .xlsx (a CSV belongs in --bom, not here)"
        )


def _bomb(path: Path) -> WorkbookError:
    return WorkbookError(
        f"{path}: refused: the workbook's parts would expand to more than "
        f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MiB (a zip bomb or a damaged file)"
    )


def _checked_package(path: Path, data: bytes) -> zipfile.ZipFile:
    """The zip package of checked bytes; refuses bombs, damage and what is not a workbook."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, *_ZIP_ERRORS):
        raise WorkbookError(
            f"{path}: the .xlsx package is damaged or truncated; download or save it again"
        ) from None
    try:
        names = set(package.namelist())
        total = 0
        for info in package.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNCOMPRESSED_BYTES or (
                info.file_size > 10_000_000 and ratio > MAX_COMPRESSION_RATIO
            ):
                raise _bomb(path)
        if any("\\" in name for name in names):
            # The zip format requires forward slashes (APPNOTE 4.4.17); a package written
            # with backslashes is damaged, whatever opens it.
            raise WorkbookError(
                f"{path}: the .xlsx package is damaged (its part names use backslashes); "
                "open it in Excel and save it again as .xlsx"
            )
        if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
            if "content.xml" in names:
                raise WorkbookError(
                    f"{path}: an OpenDocument spreadsheet; save it as .xlsx and try again"
                )
            if "xl/workbook.bin" in names:
                raise WorkbookError(
                    f"{path}: a binary .xlsb workbook; save it as .xlsx and try again"
                )
            raise WorkbookError(
                f"{path}: not an Excel workbook (no xl/workbook.xml in the package)"
            )
    except BaseException:
        package.close()
        raise
    return package


def load(path: Path, *, values: bool) -> Workbook:
    """Open a checked workbook read-only: formulas (values=False) or cached values (True)."""
    import warnings

    from openpyxl.reader.excel import ExcelReader

    reader = None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops on read (data validation extensions,
            # conditional formatting); they do not matter for reading values.
            warnings.simplefilter("ignore")
            # What openpyxl.load_workbook does, keeping hold of the reader so that the zip
            # file is closed when the package turns out to be damaged (no leaked handle).
            reader = ExcelReader(path, read_only=True, data_only=values, keep_links=False)
            reader.read()
            return reader.wb
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises many types for damaged packages
        if reader is not None:
            reader.archive.close()
        error = _attack_error(path, exc) or WorkbookError(
            f"{path}: not a readable .xlsx workbook ({_describe(exc)}); "
            "open it in Excel and save it again as .xlsx"
        )
    # Outside the except block the failed parse's frames are gone: collect the zip members
    # openpyxl left open, so their file handle is closed now rather than at exit.
    _collect_quietly()
    raise error


def iter_sheet_rows(path: Path, formulas: Any, values: Any) -> Iterator[tuple[int, list[Cell]]]:
    """Rows of a sheet as (row number, [(value, number format, formula without cached value)])."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value_rows = values.iter_rows() if values is not None else None
            for number, row in enumerate(formulas.iter_rows(), start=1):
                cached_row = next(value_rows, ()) if value_rows is not None else ()
                cells: list[Cell] = []
                for index, cell in enumerate(row):
                    value = getattr(cell, "value", None)
                    fmt = getattr(cell, "number_format", None)
                    if getattr(cell, "data_type", None) == "f":
                        value_cell = cached_row[index] if index < len(cached_row) else None
                        value = getattr(value_cell, "value", None)
                        cells.append((value, fmt, value is None))
                    else:
                        cells.append((value, fmt, False))
                yield number, cells
    except WorkbookError:
        raise
    except Exception as exc:  # damaged sheet XML surfaces while iterating
        error = _attack_error(path, exc) or WorkbookError(
            f"{path}: a sheet cannot be read ({_describe(exc)}); "
            "open it in Excel and save it again as .xlsx"
        )
    else:
        return
    _collect_quietly()
    raise error


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _attack_error(path: Path, exc: BaseException) -> WorkbookError | None:
    """Name an XML entity attack (refused by defusedxml or lxml) for what it is."""
    from defusedxml import DefusedXmlException

    for cause in _causes(exc):
        # Excel never writes a DTD: entity declarations in a part are an attack (billion laughs,
        # external entities) or a file built by hand, and are refused before any expansion.
        if isinstance(cause, DefusedXmlException) or "amplification" in str(cause):
            return WorkbookError(
                f"{path}: refused: the workbook's XML declares entities (an XML attack or a "
                "damaged file); open it in Excel and save it again, or ask the sender for a "
                "clean copy"
            )
    return None


def _collect_quietly() -> None:
    import gc
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def _describe(exc: BaseException) -> str:
    # openpyxl wraps the parser's error in a generic ValueError; the innermost cause says more.
    innermost = list(_causes(exc))[-1]
    if innermost is not exc and str(innermost).strip():
        exc = innermost
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text}"[:200] if text else name


def file_label(path: Path) -> str:
    """How findings name the file: as the user gave it."""
    return os.fspath(path)
