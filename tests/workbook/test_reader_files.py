"""Files that are not readable workbooks: one WorkbookError line naming the file, no traceback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aiexp.errors import WorkbookError
from aiexp.workbook.reader import read_workbook
from aiexp.workbook.template import write_workbook

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


def _missing(folder: Path) -> Path:
    return folder / "nowhere.xlsx"


def _empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.xlsx"
    path.mkdir()
    return path


def _text(folder: Path) -> Path:
    path = folder / "notes.xlsx"
    path.write_text("name,role\nAcme,anchor\n", encoding="utf-8")
    return path


def _truncated(folder: Path) -> Path:
    whole = folder / "whole.xlsx"
    write_workbook(whole)
    path = folder / "truncated.xlsx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    return path


def _corpus(name: str) -> Callable[[Path], Path]:
    def copy(folder: Path) -> Path:
        return Path(shutil.copyfile(CORPUS / name, folder / name))

    return copy


def _xls_renamed(folder: Path) -> Path:
    return Path(shutil.copyfile(CORPUS / "date.xls", folder / "renamed.xlsx"))


def _zip_without_workbook(folder: Path) -> Path:
    import zipfile

    path = folder / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hello")
    return path


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (_missing, "no such file"),
    "empty": (_empty, "the file is empty"),
    "folder": (_folder, "is a folder"),
    "text named .xlsx": (_text, "not an .xlsx workbook"),
    "truncated": (_truncated, "damaged or truncated"),
    "old .xls": (_corpus("date.xls"), "old binary Excel .xls"),
    "old .xls named .xlsx": (_xls_renamed, "password-protected (encrypted) or an old binary"),
    "password-protected": (_corpus("pass_protected.xlsx"), "password-protected"),
    "OpenDocument": (_corpus("any_sheets.ods"), "OpenDocument"),
    "zip without a workbook": (_zip_without_workbook, "no xl/workbook.xml"),
}


@pytest.mark.parametrize("case", CASES)
def test_unreadable_file_is_one_line_naming_it(tmp_path: Path, case: str) -> None:
    build, expected = CASES[case]
    path = build(tmp_path)
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert expected in message
