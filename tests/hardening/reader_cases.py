"""Workbooks read whole and without guessing (issues 13 and 16): what the reader must not drop.

Rows beyond a stale `<dimension>`, a stray cell at XFD1048576 (past 120 s before 0.2), two
sheets or columns or narrative rows for one, a chart sheet named like a data sheet, a FIFO.
They are gathered into `cases.CASES` by one line at the end of `cases.py`: import them from
there, not from here (this module imports `cases`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference

from tests.hardening import bad_files
from tests.hardening.cases import Case, copy_sample
from tests.workbook_edit import append_row

READING = "reading a workbook"


def _validate() -> list[str]:
    return ["validate", "consortium.xlsx", "--json"]


def _retitle(path: Path, old: str, new: str) -> None:
    """Rename a sheet in the XML (openpyxl refuses a title equal but for case to another)."""

    def change(part: str, data: bytes) -> bytes | None:
        if part != "xl/workbook.xml":
            return None
        return data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())

    bad_files.rewrite_parts(path, change)


def _stale_dimension(folder: Path) -> list[str]:
    path = copy_sample(folder)
    book = load_workbook(path)
    sheet_part = f"xl/worksheets/sheet{book.sheetnames.index('Markets') + 1}.xml"

    def change(part: str, data: bytes) -> bytes | None:
        if part != sheet_part:
            return None
        new, count = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', data)
        assert count == 1, part
        return new

    bad_files.rewrite_parts(path, change)
    return _validate()


def _stray_cell(folder: Path) -> list[str]:
    path = copy_sample(folder)
    book = load_workbook(path)
    book["Members"]["XFD1048576"] = "stray"
    book.save(path)
    return _validate()


def _lookalike(title: str, *, hidden: bool) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = copy_sample(folder)
        book = load_workbook(path)
        copy = book.copy_worksheet(book["Members"])
        copy.title = "Copy of members"
        if hidden:
            copy.sheet_state = "hidden"
        book.save(path)
        _retitle(path, "Copy of members", title)
        return _validate()

    return build


def _chartsheet_members(folder: Path) -> list[str]:
    path = copy_sample(folder)
    book = load_workbook(path)
    book["Members"].title = "Member data"
    chart = BarChart()
    chart.add_data(Reference(book["Providers"], min_col=1, min_row=1, max_row=3))
    book.create_chartsheet("Members").add_chart(chart)
    book.save(path)
    return _validate()


def _duplicate_column(folder: Path) -> list[str]:
    path = copy_sample(folder)
    book = load_workbook(path)
    ws = book["Members"]
    column = ws.max_column + 1
    ws.cell(1, column).value = "coc_ownership_pct"
    ws.cell(2, column).value = 60
    book.save(path)
    return _validate()


def _duplicate_narrative(folder: Path) -> list[str]:
    path = copy_sample(folder)
    append_row(path, "Narratives", {"section": "package_overview", "text": "An edited overview."})
    return _validate()


def _fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "consortium.xlsx")
    return _validate()


def _fifo_beside(name: str, option: str, *command: str) -> Callable[[Path], list[str]]:
    """A sample workbook, and a FIFO given to `option` (a profile, a list, a reference .docx)."""

    def build(folder: Path) -> list[str]:
        copy_sample(folder)
        os.mkfifo(folder / name)
        # The option first: the error line names the first path given.
        return [command[0], option, name, *command[1:], "consortium.xlsx"]

    return build


READER_CASES: tuple[Case, ...] = (
    Case(
        "stale-dimension",
        READING,
        "Markets rows beyond a stale dimension in the sheet XML (read all the same)",
        "validate",
        _stale_dimension,
        (0, 1),
        needs_sample=True,
    ),
    Case(
        "stray-cell-xfd",
        READING,
        "a stray cell at XFD1048576 (the last cell of a sheet)",
        "validate",
        _stray_cell,
        (1,),
        "input.required",
        needs_sample=True,
    ),
    Case(
        "hidden-lookalike-sheet",
        READING,
        "a hidden 'members' sheet after Members",
        "validate",
        _lookalike("members", hidden=True),
        (1,),
        "input.duplicate",
        needs_sample=True,
    ),
    Case(
        "spaced-sheet-name",
        READING,
        "a 'Mem bers' sheet beside Members",
        "validate",
        _lookalike("Mem bers", hidden=False),
        (1,),
        "input.duplicate",
        needs_sample=True,
    ),
    Case(
        "chartsheet-members",
        READING,
        "a chart sheet named Members (the rows renamed away)",
        "validate",
        _chartsheet_members,
        (1,),
        "input.sheet-missing",
        needs_sample=True,
    ),
    Case(
        "label-and-key-column",
        READING,
        "both 'Country-of-concern ownership %' and coc_ownership_pct headers",
        "validate",
        _duplicate_column,
        (1,),
        "input.duplicate",
        needs_sample=True,
    ),
    Case(
        "two-narrative-rows",
        READING,
        "two Narratives rows for package_overview",
        "validate",
        _duplicate_narrative,
        (1,),
        "input.duplicate",
        needs_sample=True,
    ),
    Case(
        "fifo-workbook",
        READING,
        "a FIFO (named pipe) named consortium.xlsx",
        "validate",
        _fifo,
        (2,),
        "regular file",
    ),
    Case(
        "fifo-profile",
        READING,
        "a FIFO given as --profile",
        "validate",
        _fifo_beside("profile.toml", "--profile", "validate"),
        (2,),
        "regular file",
        needs_sample=True,
    ),
    Case(
        "fifo-screening-list",
        READING,
        "a FIFO given as --screening-list",
        "validate",
        _fifo_beside("csl.csv", "--screening-list", "validate"),
        (2,),
        "regular file",
        needs_sample=True,
    ),
    Case(
        "fifo-reference-docx",
        READING,
        "a FIFO given as --reference-docx",
        "render",
        _fifo_beside("house.docx", "--reference-docx", "render", "--out", "p.docx"),
        (2,),
        "regular file",
        needs_sample=True,
    ),
)
