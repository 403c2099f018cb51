"""Hardening cases for the saved Consolidated Screening List (`aiexp screen --list`, issue 15):
files that are not the list's CSV or JSON download, an empty list, a missing column.

They are gathered into `cases.CASES` by one line at the end of `cases.py`: import them from
there, not from here (this module imports `cases`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.hardening.cases import Case
from tests.workbook_edit import REPO, copy_sample

SCREENING = "screening list"
HEADER = (
    (REPO / "tests" / "fixtures" / "screening" / "consolidated.csv")
    .read_text(encoding="utf-8")
    .splitlines()[0]
)
ROW = "fx-1,Entity List (EL) - Bureau of Industry and Security,,Entity,EAR,Zyphrax Quorvane,"


def _screen_with(content: bytes, name: str = "list.csv") -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        copy_sample(folder)
        (folder / name).write_bytes(content)
        # The list first: the error line names the file the user gave with --list.
        return ["screen", "--list", name, "consortium.xlsx"]

    return build


def _screen_missing(folder: Path) -> list[str]:
    copy_sample(folder)
    return ["screen", "--list", "consolidated.csv", "consortium.xlsx"]


def _without(column: str) -> bytes:
    header = ",".join(h for h in HEADER.split(",") if h != column)
    return f"{header}\n{ROW}\n".encode()


SCREENING_CASES: tuple[Case, ...] = (
    Case(
        "list-missing",
        SCREENING,
        "--list names a file that is not there (the list was never saved)",
        "screen",
        _screen_missing,
        (2,),
        "no such file",
    ),
    Case(
        "list-empty-file",
        SCREENING,
        "a zero-byte list file",
        "screen",
        _screen_with(b""),
        (2,),
        "empty",
    ),
    Case(
        "list-header-only",
        SCREENING,
        "the CSV download's header and no entry",
        "screen",
        _screen_with(f"{HEADER}\n".encode()),
        (2,),
        "no entries",
    ),
    Case(
        "list-no-alt-names",
        SCREENING,
        "a CSV without the `alt_names` column (aliases would be missed)",
        "screen",
        _screen_with(_without("alt_names")),
        (2,),
        "no column alt_names",
    ),
    Case(
        "list-not-the-list",
        SCREENING,
        "a CSV that is not the list (a BOM given as --list)",
        "screen",
        _screen_with(b"line_id,description,supplier\nL1,GPU,Acme\n"),
        (2,),
        "neither the Consolidated Screening List",
    ),
    Case(
        "list-xlsx",
        SCREENING,
        "the list opened in Excel and saved as .xlsx",
        "screen",
        _screen_with(b"PK\x03\x04" + bytes(60), "list.xlsx"),
        (2,),
        "zip or spreadsheet",
    ),
    Case(
        "list-json-no-results",
        SCREENING,
        "JSON that is not the list's download (no `results`)",
        "screen",
        _screen_with(b'{"total": 0, "sources_used": []}', "list.json"),
        (2,),
        "no `results` list",
    ),
    Case(
        "list-json-broken",
        SCREENING,
        "a JSON download cut short",
        "screen",
        _screen_with(b'{"results": [{"name": "Zyph', "list.json"),
        (2,),
        "not valid JSON",
    ),
    Case(
        "list-latin-1",
        SCREENING,
        "a list re-saved in Latin-1 (not UTF-8)",
        "screen",
        _screen_with(f"{HEADER}\n{ROW}Société\n".encode("latin-1")),
        (2,),
        "not UTF-8",
    ),
)
