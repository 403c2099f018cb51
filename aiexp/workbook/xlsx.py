"""Opening an .xlsx safely: one clear error for anything that is not a readable workbook.

`open_xlsx` reads the file's bytes once (their SHA-256 names exactly what was read), refuses a
zip bomb by the parts' declared sizes before anything is decompressed, and parses the package
itself: the workbook part for the sheets, the styles for number formats, the shared strings, and
each sheet in one streaming pass (aiexp/workbook/sheet.py). XML that declares entities is
refused before any is expanded.

The BOM reader (`aiexp.bom.xlsxfile`) reads its sheets through `open_xlsx` too.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

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

__all__ = [
    "EMPTY",
    "MAX_UNCOMPRESSED_BYTES",
    "Cell",
    "SheetEntry",
    "SheetRows",
    "XlsxPackage",
    "check_xlsx",
    "file_label",
    "open_xlsx",
    "sheet_key",
    "worksheet_for",
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

    def part_size(self, title: str) -> int:
        """The uncompressed size of a worksheet's XML, in bytes (0 when it is not known)."""
        entry = next((s for s in self.workbook.sheets if s.name == title), None)
        if entry is None or entry.part is None:
            return 0
        try:
            return int(self._package.getinfo(entry.part).file_size)
        except KeyError:
            return 0

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


def sheet_key(name: str) -> str:
    """A sheet's name as sheets are matched: ignoring case, spaces and punctuation (SPEC §2)."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def worksheet_for(sheets: Iterable[SheetEntry], name: str) -> SheetEntry | None:
    """The worksheet read for the sheet `name`: among those whose names match it (`sheet_key`),
    a visible one before a hidden one, the exact name before a near one, then the first."""
    key = sheet_key(name)
    worksheets = [s for s in sheets if s.kind == "worksheet" and sheet_key(s.name) == key]
    if not worksheets:
        return None
    return min(worksheets, key=lambda s: (s.hidden, s.name.casefold() != name.casefold(), s.index))


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


def file_label(path: Path) -> str:
    """How findings name the file: as the user gave it."""
    return os.fspath(path)
