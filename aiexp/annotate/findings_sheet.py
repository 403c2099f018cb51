"""The `Findings` sheet of an annotated copy: every finding, each a link to its cell (SPEC §1)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import copy
from typing import Any

from aiexp.annotate.marks import COORDINATE, FILLS, clean_text
from aiexp.findings import SEVERITY_ORDER, Finding, Report

FINDINGS_SHEET = "Findings"
#: The columns: heading and width (in characters); the message and the fix wrap.
COLUMNS = (
    ("Severity", 10),
    ("Code", 30),
    ("Section", 11),
    ("Location", 24),
    ("Message", 70),
    ("What to do", 55),
)
WRAPPED = {"Code", "Message", "What to do", "Location"}
HEADER_ROW = 3
#: The height of one line of 11-point text in a row, in points.
LINE_POINTS = 15
LINK_COLOUR = "FF0563C1"
HEADER_FILL = "FFD9D9D9"
SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Info"}
NOTE = (
    "Click a location to go to its cell. Each cell with a finding is coloured — red for an "
    "error, amber for a warning, blue for info — and its comment says what is wrong and what to "
    "do. Fix the original workbook, then run aiexp validate again."
)
_COLUMN_LETTERS = re.compile(r"^([A-Z]{1,3})")


def findings_title(sheetnames: Sequence[str]) -> str:
    """`Findings`, or `Findings (aiexp)` when the workbook has a sheet of its own so named."""
    taken = {name.casefold() for name in sheetnames}
    for title in (FINDINGS_SHEET, f"{FINDINGS_SHEET} (aiexp)"):
        if title.casefold() not in taken:
            return title
    number = 2
    while f"{FINDINGS_SHEET} (aiexp {number})".casefold() in taken:
        number += 1
    return f"{FINDINGS_SHEET} (aiexp {number})"


def sheet_title(sheetnames: Sequence[str], name: str | None) -> str | None:
    """The workbook's title for a sheet a finding names (exactly, else ignoring case)."""
    if not name:
        return None
    if name in sheetnames:
        return name
    return next((t for t in sheetnames if t.casefold() == name.casefold()), None)


def in_workbook(finding: Finding, report: Report) -> bool:
    """True when a finding points into the validated workbook (not a BOM or rates file)."""
    return finding.location.file in (None, report.file)


def target(finding: Finding, report: Report, sheetnames: Sequence[str]) -> str | None:
    """Where a finding's link jumps: `'Members'!D3`, a row's first cell, or the sheet's A1."""
    if not in_workbook(finding, report):
        return None
    title = sheet_title(sheetnames, finding.location.sheet)
    if title is None:
        return None
    location = finding.location
    if location.cell and COORDINATE.match(location.cell):
        cell = location.cell
    elif location.row and 0 < location.row <= 1_048_576:
        cell = f"A{location.row}"
    else:
        cell = "A1"
    quoted = title.replace("'", "''")
    return f"'{quoted}'!{cell}"


def ordered(report: Report, sheetnames: Sequence[str]) -> list[Finding]:
    """Findings by severity, then the workbook's sheet order, then row and column.

    Findings about another file (the BOM) or no sheet come after a severity's sheet findings.
    """
    order = {title: index for index, title in enumerate(sheetnames)}

    def key(item: tuple[int, Finding]) -> tuple[int, int, int, int, int]:
        index, finding = item
        title = (
            sheet_title(sheetnames, finding.location.sheet)
            if in_workbook(finding, report)
            else None
        )
        sheet = order.get(title, len(order)) if title is not None else len(order)
        row = finding.location.row or 0
        column = 0
        match = _COLUMN_LETTERS.match(finding.location.cell or "")
        if match:
            for letter in match.group(1):
                column = column * 26 + ord(letter) - 64
        return (SEVERITY_ORDER[finding.severity], sheet, row, column, index)

    return [f for _, f in sorted(enumerate(report.findings), key=key)]


def add_findings_sheet(book: Any, report: Report, title: str) -> Any:
    """Insert the Findings sheet first in the workbook and return it."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheetnames = list(book.sheetnames)
    ws = book.create_sheet(title, 0)
    summary = report.summary
    heading = (
        f"aiexp validate: {report.file} — {summary.errors} error{'s' * (summary.errors != 1)}, "
        f"{summary.warnings} warning{'s' * (summary.warnings != 1)}, {summary.info} info "
        f"(profile {report.profile})"
    )
    # Every font starts from the workbook's default one (a bare Font() has no name, and
    # LibreOffice shows it in a serif fallback).
    base = ws.cell(row=1, column=1).font
    _text(ws.cell(row=1, column=1), heading).font = _font(base, bold=True, size=13)
    _text(ws.cell(row=2, column=1), NOTE).font = _font(base, italic=True)
    top = Alignment(vertical="top", wrap_text=False)
    wrapped = Alignment(vertical="top", wrap_text=True)
    for column, (name, width) in enumerate(COLUMNS, start=1):
        cell = _text(ws.cell(row=HEADER_ROW, column=column), name)
        cell.font = _font(base, bold=True)
        cell.fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL)
        ws.column_dimensions[get_column_letter(column)].width = width
    findings = ordered(report, sheetnames)
    row = HEADER_ROW
    for row, finding in enumerate(findings, start=HEADER_ROW + 1):
        where = str(finding.location) or report.file
        values = (
            SEVERITY_LABELS[finding.severity.value],
            finding.code,
            finding.section or "",
            where,
            finding.message,
            finding.hint or "",
        )
        for column, value in enumerate(values, start=1):
            cell = _text(ws.cell(row=row, column=column), value)
            cell.alignment = wrapped if COLUMNS[column - 1][0] in WRAPPED else top
        # LibreOffice does not fit a row to its wrapped text when it opens an .xlsx, and Excel
        # does not either for a row whose height is stored: so each row gets the height of its
        # longest wrapped text, counted generously.
        ws.row_dimensions[row].height = LINE_POINTS * max(
            _lines(value, width) for value, (_, width) in zip(values, COLUMNS, strict=True)
        )
        severity = ws.cell(row=row, column=1)
        severity.fill = PatternFill(fill_type="solid", fgColor=FILLS[finding.severity])
        jump = target(finding, report, sheetnames)
        if jump is not None:
            link = ws.cell(row=row, column=4)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=jump, tooltip=f"Go to {where}")
            link.font = _font(base, color=LINK_COLOUR, underline="single")
    if not findings:
        row = HEADER_ROW + 1
        _text(ws.cell(row=row, column=1), "No findings: nothing to fix.")
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(row, HEADER_ROW + 1)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _font(base: Any, **changes: Any) -> Any:
    """The workbook's default font with some attributes changed."""
    font = copy(base)
    for name, value in changes.items():
        setattr(font, name, value)
    return font


def _lines(text: str, width: int) -> int:
    """How many lines `text` takes in a wrapped column `width` characters wide (at least 1)."""
    # A column's width counts the digit "0"; text averages a little narrower, but words do not
    # break, so count one character per unit of width.
    per_line = max(1, int(width))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _text(cell: Any, value: str) -> Any:
    cell.value = clean_text(value)
    cell.data_type = "s"  # a message that starts with "=" stays text, never a formula
    return cell
