"""The workbook reader on bad and odd packages: one clear WorkbookError, or the right model."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from aiexp.errors import WorkbookError
from aiexp.workbook.reader import read_workbook
from aiexp.workbook.xlsx import MAX_UNCOMPRESSED_BYTES, check_xlsx
from tests.hardening import bad_files

MEMBERS = [
    ["name", "role", "layers", "country_of_incorporation", "coc_ownership_pct", "description"],
    ["Acme Corp", "anchor", "1, 2", "USA", 0, "Hardware"],
    ["Beta GmbH", "member", "L3", "Germany", "12.5%", "Models"],
]


def _refused(path: Path, *words: str) -> str:
    started = time.monotonic()
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookError) as caught:
            read_workbook(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path)), message
    for word in words:
        assert word in message, message
    # Refused within seconds and bounded memory: nothing was expanded.
    assert time.monotonic() - started < 5
    assert peak < 50 * 1024 * 1024, peak
    return message


@pytest.mark.parametrize(
    "build",
    [bad_files.billion_laughs, bad_files.external_entity],
    ids=["billion-laughs", "external-entity"],
)
def test_xml_entity_attacks_are_refused(build: Callable[[Path], Path], tmp_path: Path) -> None:
    """defusedxml refuses the DTD before any entity is expanded or a local file is read."""
    message = _refused(build(tmp_path), "declares entities")
    assert "root:" not in message  # /etc/passwd never leaks into the message


def test_declared_zip_bomb_is_refused(tmp_path: Path) -> None:
    """A part that declares ~4 GiB is refused from the zip directory alone."""
    _refused(bad_files.declared_zip_bomb(tmp_path), "zip bomb")


def test_compressed_zip_bomb_is_refused(tmp_path: Path) -> None:
    """600 MB of zeros (under 1 MB on disk) is refused before anything is decompressed."""
    path = bad_files.compressed_zip_bomb(tmp_path, megabytes=MAX_UNCOMPRESSED_BYTES >> 20)
    assert path.stat().st_size < 1_000_000
    _refused(path, "zip bomb")


def test_compressed_part_over_ratio_is_refused(tmp_path: Path) -> None:
    """A single 64 MB part of zeros (ratio ~1000:1) is refused by its compression ratio."""
    with pytest.raises(WorkbookError, match="zip bomb"):
        check_xlsx(bad_files.compressed_zip_bomb(tmp_path, megabytes=64))


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (bad_files.empty, ("empty",)),
        (bad_files.text_as_xlsx, ("not a zip package", "save it")),
        (
            lambda folder: bad_files.truncated(
                folder, bad_files.small_workbook(folder / "whole.xlsx")
            ),
            ("damaged or truncated",),
        ),
        (lambda folder: bad_files.fixture_copy(folder, "corpus/date.xls"), (".xls", ".xlsx")),
        (
            lambda folder: bad_files.fixture_copy(folder, "corpus/pass_protected.xlsx"),
            ("password",),
        ),
        (lambda folder: bad_files.fixture_copy(folder, "corpus/issue252.xlsx"), ("save it",)),
    ],
    ids=["empty", "text", "truncated", "xls", "password", "bad-crc"],
)
def test_unreadable_files_are_one_line(
    build: Callable[[Path], Path], words: tuple[str, ...], tmp_path: Path
) -> None:
    """Each names the file and says what to do."""
    _refused(build(tmp_path), *words)


def test_prefixed_xml_reads_the_same(tmp_path: Path) -> None:
    """SpreadsheetML with an `x:` prefix (LibreOffice, other writers) gives the same model."""
    plain = bad_files.write_sheets(tmp_path / "plain.xlsx", {"Members": MEMBERS})
    prefixed = bad_files.prefixed_xml(
        bad_files.write_sheets(tmp_path / "prefixed.xlsx", {"Members": MEMBERS})
    )
    assert b"<x:sheetData" in __import__("zipfile").ZipFile(prefixed).read(
        "xl/worksheets/sheet1.xml"
    )
    a, b = read_workbook(plain), read_workbook(prefixed)
    assert a.consortium.members == b.consortium.members
    assert [m.name for m in b.consortium.members] == ["Acme Corp", "Beta GmbH"]
    assert b.consortium.members[1].coc_ownership_pct is not None


def test_formula_without_cached_value_is_located(tmp_path: Path) -> None:
    """openpyxl stores no cached value: an input.cell error naming the cell, never a crash."""
    path = bad_files.write_sheets(tmp_path / "f.xlsx", {"Members": MEMBERS})
    bad_files.with_formula(path, "Members", "E2", "=1/0")
    read = read_workbook(path)
    cell = [f for f in read.findings if f.code == "input.cell" and f.location.cell == "E2"]
    assert cell, read.findings
    assert cell[0].location.sheet == "Members"
    assert "Excel" in (cell[0].hint or "")


def test_merged_hidden_and_title_rows(tmp_path: Path) -> None:
    """Merged cells read as blanks (located), hidden sheets are read, title rows skipped."""
    from openpyxl import load_workbook

    path = bad_files.write_sheets(
        tmp_path / "odd.xlsx",
        {"Members": [["Members of the consortium"], [], *MEMBERS, [], [None] * 3]},
    )
    book = load_workbook(path)
    ws = book["Members"]
    ws.merge_cells("F4:F5")
    ws.sheet_state = "hidden"
    book.create_sheet("Visible")
    book.save(path)
    read = read_workbook(path)
    assert [m.name for m in read.consortium.members] == ["Acme Corp", "Beta GmbH"]
    assert read.layouts["Members"].header_row == 3
    blank = [f for f in read.findings if f.code == "input.required" and f.location.cell == "F5"]
    assert blank, read.findings


def test_long_and_unicode_cells(tmp_path: Path) -> None:
    """32,767-character cells, other scripts and right-to-left marks survive intact."""
    name = "شركة الخليج للتقنية \u200f株式会社テスト Ελληνική"
    long_text = "ü" * 32_767
    path = bad_files.write_sheets(
        tmp_path / "u.xlsx",
        {"Members": [MEMBERS[0], [name, "anchor", 1, "AE", 0, long_text]]},
    )
    read = read_workbook(path)
    member = read.consortium.members[0]
    assert member.name == name
    assert member.description == long_text
