"""open_xlsx: the package read once, its sheets listed, and what is not a workbook refused."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from aiexp.errors import WorkbookError
from aiexp.workbook.reader import read_workbook
from aiexp.workbook.xlsx import open_xlsx
from tests.workbook.packages import MAIN, Sheet, chartsheet, one_sheet, worksheet, write_package

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


def _cell_a1(text: str) -> str:
    return f'<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row>'


def test_the_bytes_are_read_once_and_named_by_their_digest(workbook: Path) -> None:
    """What is read is what was hashed: replacing the file afterwards changes nothing."""
    digest = hashlib.sha256(workbook.read_bytes()).hexdigest()
    first = one_sheet(workbook.parent / "first.xlsx", _cell_a1("first"))
    second = one_sheet(workbook.parent / "second.xlsx", _cell_a1("second"))
    before = hashlib.sha256(first.read_bytes()).hexdigest()
    with open_xlsx(first) as package:
        shutil.copyfile(second, first)
        assert package.sha256 == before != hashlib.sha256(first.read_bytes()).hexdigest()
        assert next(package.rows("Sheet1"))[1][0][0] == "first"
    assert read_workbook(workbook).sha256 == digest


def test_sha256_is_of_the_bytes_read(tmp_path: Path) -> None:
    path = one_sheet(tmp_path / "a.xlsx", _cell_a1("x"))
    data = path.read_bytes()
    with open_xlsx(path) as package:
        assert package.sha256 == hashlib.sha256(data).hexdigest()


def test_sheets_in_order_with_state_and_kind(tmp_path: Path) -> None:
    path = write_package(
        tmp_path / "sheets.xlsx",
        [
            Sheet("README", worksheet("")),
            Sheet("Chart", chartsheet(), "chartsheet"),
            Sheet("Members", worksheet(_cell_a1("m")), state="hidden"),
            Sheet("Lists", worksheet(""), state="veryHidden"),
        ],
    )
    with open_xlsx(path) as package:
        assert package.sheet_titles == ["README", "Members", "Lists"]
        assert [(s.name, s.kind, s.hidden) for s in package.sheets] == [
            ("README", "worksheet", False),
            ("Chart", "chartsheet", False),
            ("Members", "worksheet", True),
            ("Lists", "worksheet", True),
        ]
        assert list(package.rows("Members")) == [(1, [("m", "General", False)])]
        with pytest.raises(KeyError):
            package.rows("members")  # exact titles here; the reader matches names loosely


def test_part_names_are_case_insensitive(tmp_path: Path) -> None:
    """issue_419: the relationships say sharedStrings.xml, the part is SharedStrings.xml.

    ECMA-376 Part 2 (OPC), 9.1.1.1: part names compare case-insensitively, so Excel reads it,
    and so does aiexp (openpyxl refused it as damaged).
    """
    path = Path(shutil.copyfile(CORPUS / "issue_419.xlsx", tmp_path / "issue_419.xlsx"))
    with open_xlsx(path) as package:
        assert list(package.rows("Sheet1")) == [(1, [("Hello", "General", False)])]


def test_backslashed_part_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "backslash.xlsx"
    with zipfile.ZipFile(one_sheet(tmp_path / "good.xlsx", _cell_a1("x"))) as good:
        parts = {name: good.read(name) for name in good.namelist()}
    with zipfile.ZipFile(path, "w") as bad:
        for name, data in parts.items():
            bad.writestr(name.replace("/", "\\") if name.startswith("xl/") else name, data)
    with pytest.raises(WorkbookError, match="backslashes") as caught:
        open_xlsx(path)
    assert str(caught.value).startswith(str(path))


def test_a_strict_open_xml_workbook_is_refused(tmp_path: Path) -> None:
    path = one_sheet(tmp_path / "strict.xlsx", _cell_a1("x"))

    def strict(part: str, data: bytes) -> bytes | None:
        return data.replace(MAIN.encode(), b"http://purl.oclc.org/ooxml/spreadsheetml/main")

    from tests.hardening.bad_files import rewrite_parts

    rewrite_parts(path, strict)
    with pytest.raises(WorkbookError, match="Strict Open XML"):
        open_xlsx(path)


def test_a_sheet_whose_part_is_missing(tmp_path: Path) -> None:
    path = one_sheet(tmp_path / "missing.xlsx", _cell_a1("x"))
    with zipfile.ZipFile(path) as package:
        parts = {n: package.read(n) for n in package.namelist() if "worksheets" not in n}
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    with open_xlsx(path) as opened:
        assert opened.sheet_titles == ["Sheet1"]
        with pytest.raises(WorkbookError, match="part is missing"):
            opened.rows("Sheet1")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    """Opening a FIFO would wait for a writer forever."""
    path = tmp_path / "consortium.xlsx"
    os.mkfifo(path)
    with pytest.raises(WorkbookError, match="not a regular file"):
        read_workbook(path)


def test_the_old_check_keeps_its_lines(tmp_path: Path) -> None:
    from aiexp.workbook.xlsx import check_xlsx

    (tmp_path / "empty.xlsx").write_bytes(b"")
    with pytest.raises(WorkbookError, match="the file is empty"):
        check_xlsx(tmp_path / "empty.xlsx")
    check_xlsx(one_sheet(tmp_path / "fine.xlsx", _cell_a1("x")))


def test_a_second_reader_can_share_the_bytes(tmp_path: Path) -> None:
    """open_xlsx(path, data=...) reads nothing from disk and checks the bytes the same way."""
    path = one_sheet(tmp_path / "a.xlsx", _cell_a1("x"))
    with open_xlsx(path) as first:
        data = first.data
    path.unlink()
    with open_xlsx(path, data=data) as second:
        assert second.sha256 == hashlib.sha256(data).hexdigest()
        assert list(second.rows("Sheet1")) == [(1, [("x", "General", False)])]
    with pytest.raises(WorkbookError, match="not a zip package"):
        open_xlsx(path, data=b"name,role\n")


def test_the_package_reader_needs_neither_pydantic_nor_openpyxl() -> None:
    """The BOM reader opens .xlsx files through it; the CSV path stays light (issue 16)."""
    import subprocess
    import sys

    code = (
        "import sys, aiexp.workbook.xlsx; "
        "print(sorted(m for m in ('pydantic', 'openpyxl', 'aiexp.model') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
