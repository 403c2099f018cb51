"""openpyxl's reading of a workbook (read-only, formulas and cached values): the reference the
sheet parsers are compared with (tests/workbook/test_sheet_parsers.py). openpyxl was the reader
until 0.2; aiexp no longer reads with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl.workbook.workbook import Workbook

from aiexp.errors import WorkbookError
from aiexp.workbook.sheet import Cell


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
