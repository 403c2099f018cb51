"""Writing the annotated copy: load the workbook whole, undo old marks, mark, list, save."""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiexp.annotate.findings_sheet import (
    add_findings_sheet,
    findings_title,
    in_workbook,
    sheet_title,
)
from aiexp.annotate.marks import (
    COORDINATE,
    LedgerRow,
    comment_anchor,
    mark_cell,
    remove_marks,
    write_ledger,
)
from aiexp.annotate.package import (
    comment_anchor_parts,
    formula_cells,
    formula_value_parts,
    not_carried,
    part_counts,
    with_parts,
)
from aiexp.errors import OutputError
from aiexp.findings import Finding, Report
from aiexp.output import check_output, write_atomic

SUFFIX = ".xlsx"


@dataclass(frozen=True)
class AnnotatedCopy:
    """An annotated copy of a workbook: its bytes, what it marked, and what it could not carry."""

    data: bytes
    #: Cells that got the tool's comment and fill.
    cells: int
    #: Findings listed on the Findings sheet (all of them).
    listed: int
    #: The Findings sheet's title (`Findings` unless the workbook has one of its own).
    findings_sheet: str
    #: What the copy lacks that the original has: "2 images", "1 chart", … (empty: nothing).
    not_carried: tuple[str, ...]

    def warning(self, source: Path | str) -> str | None:
        """The one warning line about what the copy lacks, or None when it lacks nothing."""
        if not self.not_carried:
            return None
        return (
            f"the annotated copy lacks what openpyxl cannot carry over from {source}: "
            f"{', '.join(self.not_carried)}; make your changes in {source}, not in the copy"
        )


def annotated_copy(workbook: Path, report: Report, *, sha256: str = "") -> AnnotatedCopy:
    """The annotated copy of `workbook` for its validation `report` (SPEC §1 `--annotate`).

    Every finding with a cell in this workbook becomes a comment on that cell and a fill by its
    worst severity; a first sheet lists every finding with a link to its place. Marks of an
    earlier annotation are undone first, so annotating a copy again replaces them. `sha256` is
    that of the bytes the validation read (`WorkbookRead.sha256`): a workbook saved again in
    between is refused, since its findings could now sit on other cells.
    """
    workbook = Path(workbook)
    original_bytes = _read(workbook, sha256)
    book, read_warnings = _load(workbook, original_bytes)
    try:
        remove_marks(book)
        marked = _mark(book, report)
        anchors = _anchors(book, marked)
        title = findings_title(book.sheetnames)
        add_findings_sheet(book, report, title)
        write_ledger(book, title, marked)
        _open_on(book, title)
        formulas = formula_cells(book)
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book.save(buffer)
        saved = buffer.getvalue()
        with (
            zipfile.ZipFile(io.BytesIO(original_bytes)) as original,
            zipfile.ZipFile(io.BytesIO(saved)) as written,
        ):
            replaced = formula_value_parts(original, written, formulas)
            replaced.update(comment_anchor_parts(written, anchors))
            before, after = part_counts(original), part_counts(written)
        data = with_parts(saved, replaced)
    except OutputError:
        raise
    except Exception as exc:  # openpyxl (and a package it wrote) fail in many ways
        raise OutputError(
            f"{workbook}: the annotated copy cannot be written ({type(exc).__name__}: "
            f"{str(exc)[:160]}); run validate without --annotate"
        ) from exc  # the cause shows with AIEXP_DEBUG=1
    finally:
        book.close()
    return AnnotatedCopy(
        data=data,
        cells=len(marked),
        listed=len(report.findings),
        findings_sheet=title,
        not_carried=not_carried(before, after, read_warnings),
    )


def write_annotated_copy(
    workbook: Path,
    report: Report,
    out: Path,
    *,
    force: bool = False,
    read: Iterable[Path] = (),
    sha256: str = "",
) -> AnnotatedCopy:
    """Write the annotated copy to `out` atomically; never over the workbook or a file read.

    `read` names the other files the validation read (the BOM, the rates files, a profile);
    `out` must end in `.xlsx`, and an existing `out` is replaced only with `force`. `sha256`:
    see `annotated_copy`.
    """
    out = Path(out)
    read = list(read)
    check_annotate_output(out, workbook, force=force, read=read)
    copy = annotated_copy(workbook, report, sha256=sha256)
    # Never over a file the validation read, nor (without --force) over one that appeared
    # while it ran.
    write_atomic(out, copy.data, force=force, inputs=[Path(workbook), *read])
    return copy


def check_annotate_output(
    out: Path, workbook: Path, *, force: bool = False, read: Iterable[Path] = ()
) -> None:
    """Refuse an `--annotate` path that is not .xlsx, is an input, or exists without --force."""
    if out.is_dir():
        example = out / f"{Path(workbook).stem}-checked.xlsx"
        raise OutputError(f"{out}: is a folder; give a file name, e.g. {example}")
    if out.suffix.lower() != SUFFIX:
        raise OutputError(
            f"{out}: the annotated copy is an .xlsx workbook; give a name ending in .xlsx"
        )
    check_output(out, force=force, inputs=[Path(workbook), *read])


def _read(path: Path, sha256: str) -> bytes:
    """The workbook's bytes, read once: the copy is made of exactly these."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OutputError(f"{path}: cannot be read again ({exc.strerror or exc})") from None
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        raise OutputError(
            f"{path}: the workbook changed while it was being validated (saved again?); "
            "run validate again"
        )
    return data


def _load(path: Path, data: bytes) -> tuple[Any, list[str]]:
    """The workbook in openpyxl's full (editable) mode, and what openpyxl warned on reading."""
    from openpyxl import load_workbook

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # rich_text keeps the formatting runs inside a cell; keep_links the external links.
            book = load_workbook(io.BytesIO(data), rich_text=True, keep_links=True)
        except Exception as exc:  # the check read it; openpyxl's full mode may still refuse
            raise OutputError(
                f"{path}: openpyxl cannot open the workbook for editing ({type(exc).__name__}: "
                f"{str(exc)[:160]}); run validate without --annotate"
            ) from exc
    return book, [str(w.message) for w in caught]


def _mark(book: Any, report: Report) -> list[LedgerRow]:
    """Comment and colour each cell that findings point at; the ledger's rows."""
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    worksheets = [ws.title for ws in book.worksheets]  # not chart sheets: they have no cells
    for finding in report.findings:
        location = finding.location
        if not in_workbook(finding, report) or not location.cell:
            continue
        title = sheet_title(worksheets, location.sheet)
        if title is None or not COORDINATE.match(location.cell):
            continue
        cell = _anchor(book[title], location.cell)
        by_cell[(title, cell)].append(finding)
    rows = []
    for (title, coordinate), findings in by_cell.items():
        rows.append(mark_cell(book[title][coordinate], findings))
    return rows


def _anchors(book: Any, marked: Iterable[LedgerRow]) -> dict[str, dict[tuple[int, int], str]]:
    """The comment box anchors of the marked cells, by sheet title."""
    anchors: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
    for row in marked:
        ws = book[row.sheet]
        comment = ws[row.cell].comment
        where, anchor = comment_anchor(ws, row.cell, comment.width, comment.height)
        anchors[row.sheet][where] = anchor
    return anchors


def _anchor(ws: Any, coordinate: str) -> str:
    """The cell that carries a comment for `coordinate`: a merged range's top-left cell."""
    for merged in ws.merged_cells.ranges:
        if coordinate in merged:
            return str(merged.start_cell.coordinate)
    return coordinate


def _open_on(book: Any, title: str) -> None:
    """Open the copy on the Findings sheet, with no other sheet selected.

    Two selected tabs would open the workbook in Excel's group mode, where typing into one sheet
    types into all of them.
    """
    for ws in book.worksheets:
        for view in ws.views.sheetView:
            view.tabSelected = False
    book.active = book.sheetnames.index(title)
    book.active.sheet_view.tabSelected = True
