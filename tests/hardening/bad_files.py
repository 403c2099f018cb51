"""Builders of the bad inputs users receive: each writes one file (cheaply) and returns its path.

Every builder takes the folder to write into, so a case runs in a fresh temporary folder. The
packages are real zip files; the XML attacks and the zip bomb are built by rewriting the parts of
an openpyxl-written workbook, never by writing gigabytes to disk.
"""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HARDENING = FIXTURES / "hardening"
CORPUS = FIXTURES / "corpus"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def write_sheets(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Write a workbook with openpyxl: one sheet per name, rows as given."""
    book = Workbook()
    first = True
    for name, rows in sheets.items():
        ws = book.active if first else book.create_sheet()
        first = False
        ws.title = name
        for row in rows:
            ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def small_workbook(path: Path) -> Path:
    """A small workbook with a Members sheet (header and one row): the base of the attacks."""
    return write_sheets(
        path,
        {"Members": [["name", "role", "description"], ["Acme Corp", "anchor", "Hardware"]]},
    )


def rewrite_parts(path: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """Rewrite a package's parts in place: `change(name, data)` returns new data or None."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts:
            new = change(info.filename, data)
            package.writestr(info.filename, data if new is None else new)
    return path


def _without_declaration(data: bytes) -> bytes:
    return re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data)


# Nine levels of ten references each: 10**9 copies of "lol" when expanded (a few gigabytes).
BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, (b"&lol%d;" % (level - 1)) * 10) for level in range(1, 10)
    )
    + b"]>\n"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)


def billion_laughs(folder: Path) -> Path:
    """A workbook whose sheet XML declares nested entities that expand to gigabytes."""
    path = small_workbook(folder / "laughs.xlsx")

    def change(name: str, data: bytes) -> bytes | None:
        if name != "xl/worksheets/sheet1.xml":
            return None
        body = _without_declaration(data)
        return BILLION_LAUGHS + body.replace(b"<sheetData>", b"<sheetData>&lol9;", 1)

    return rewrite_parts(path, change)


def external_entity(folder: Path) -> Path:
    """A workbook whose sheet XML pulls a local file in through an external entity (XXE)."""
    path = write_sheets(folder / "xxe.xlsx", {"Members": [["name", "role"]]})

    def change(name: str, data: bytes) -> bytes | None:
        if name != "xl/worksheets/sheet1.xml":
            return None
        row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
        body = _without_declaration(data).replace(b"</sheetData>", row + b"</sheetData>", 1)
        return EXTERNAL_ENTITY + body

    return rewrite_parts(path, change)


def declared_zip_bomb(folder: Path, declared: int = 0xFFFF0000) -> Path:
    """A workbook with one extra part whose headers declare ~4 GiB (the data itself is tiny)."""
    path = small_workbook(folder / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as package:
        package.writestr("xl/media/padding.bin", b"\0" * 64)
    data = bytearray(path.read_bytes())
    name = b"xl/media/padding.bin"
    # Patch the uncompressed size in the central directory entry and in the local header.
    start = data.find(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if bytes(data[start + 46 : start + 46 + name_length]) == name:
            struct.pack_into("<I", data, start + 24, declared)
            local = struct.unpack_from("<I", data, start + 42)[0]
            struct.pack_into("<I", data, local + 22, declared)
        start = data.find(b"PK\x01\x02", start + 4)
    path.write_bytes(bytes(data))
    return path


def compressed_zip_bomb(folder: Path, megabytes: int = 200) -> Path:
    """A workbook with a part of `megabytes` MB of zeros that compresses to well under 1 MB."""
    path = small_workbook(folder / "zeros.xlsx")
    chunk = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as package,
        package.open("xl/media/zeros.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(megabytes):
            part.write(chunk)
    return path


def text_as_xlsx(folder: Path) -> Path:
    """A text file (a CSV export) saved with an .xlsx name."""
    path = folder / "members.xlsx"
    path.write_text("name,role\nAcme Corp,anchor\n", encoding="utf-8")
    return path


def truncated(folder: Path, source: Path) -> Path:
    """The first half of a real workbook: a download or email attachment cut short."""
    path = folder / "truncated.xlsx"
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def empty(folder: Path) -> Path:
    """A zero-byte file named .xlsx."""
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def fixture_copy(folder: Path, relative: str, name: str | None = None) -> Path:
    """A copy of a fixture file (never the fixture itself: the run must not touch it)."""
    source = FIXTURES / relative
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target


def prefixed_xml(path: Path, prefix: str = "x") -> Path:
    """Rewrite a workbook's SpreadsheetML parts with a namespace prefix (as LibreOffice may)."""
    tag = re.compile(rb"<(/?)([A-Za-z][\w.-]*)(?=[\s/>])")
    default = f'xmlns="{MAIN_NS}"'.encode()
    wanted = f'xmlns:{prefix}="{MAIN_NS}"'.encode()

    def change(name: str, data: bytes) -> bytes | None:
        if not name.endswith(".xml") or default not in data:
            return None
        body = tag.sub(lambda m: b"<" + m.group(1) + prefix.encode() + b":" + m.group(2), data)
        return body.replace(default, wanted, 1)

    return rewrite_parts(path, change)


def with_formula(path: Path, sheet: str, cell: str, formula: str) -> Path:
    """Put a formula in a cell with openpyxl, which stores no cached value."""
    book = load_workbook(path)
    book[sheet][cell] = formula
    book.save(path)
    return path
