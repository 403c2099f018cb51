"""Opening an .xlsx safely: one clear error for anything that is not a readable workbook.

openpyxl parses the package's XML with defusedxml when it is installed (it is a dependency), so
entity-expansion and external-entity attacks are refused. A zip bomb is refused before openpyxl
sees it, by the declared uncompressed size of the package's parts.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp.errors import WorkbookError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

# The largest total uncompressed size of the parts of a workbook the tool will open. A large
# consortium workbook with a 100,000-line BOM sheet is well under 100 MiB uncompressed.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
# The largest ratio of uncompressed to compressed size of one part; real sheets stay under 100.
MAX_COMPRESSION_RATIO = 1000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def check_xlsx(path: Path) -> None:
    """Refuse, with one line, a path that is not a readable and reasonable .xlsx package."""
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    if path.is_dir():
        raise WorkbookError(f"{path}: is a folder, not a workbook")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise WorkbookError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not head:
        raise WorkbookError(f"{path}: the file is empty")
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
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            total = 0
            for info in package.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > MAX_UNCOMPRESSED_BYTES or (
                    info.file_size > 10_000_000 and ratio > MAX_COMPRESSION_RATIO
                ):
                    raise WorkbookError(
                        f"{path}: refused: the workbook's parts would expand to more than "
                        f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MiB (a zip bomb or a "
                        "damaged file)"
                    )
    except zipfile.BadZipFile:
        raise WorkbookError(
            f"{path}: the .xlsx package is damaged or truncated; download or save it again"
        ) from None
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        if "content.xml" in names:
            raise WorkbookError(
                f"{path}: an OpenDocument spreadsheet; save it as .xlsx and try again"
            )
        if "xl/workbook.bin" in names:
            raise WorkbookError(f"{path}: a binary .xlsb workbook; save it as .xlsx and try again")
        raise WorkbookError(f"{path}: not an Excel workbook (no xl/workbook.xml in the package)")


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


def iter_sheet_rows(
    path: Path, formulas: Any, values: Any
) -> Iterator[tuple[int, list[tuple[Any, str | None, bool]]]]:
    """Rows of a sheet as (row number, [(value, number format, formula without cached value)])."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value_rows = values.iter_rows() if values is not None else None
            for number, row in enumerate(formulas.iter_rows(), start=1):
                cached_row = next(value_rows, ()) if value_rows is not None else ()
                cells: list[tuple[Any, str | None, bool]] = []
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
