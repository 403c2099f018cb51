"""The parts of an .xlsx package around its sheets: the workbook, relationships, styles, strings.

Every part is parsed by lxml with entity resolution and network access off; a part that declares
a DTD (entities) is refused outright, whatever it declares: Excel never writes one, so it is an
attack (billion laughs, external entities) or a file built by hand.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from aiexp.errors import WorkbookError
from aiexp.workbook.numfmt import (
    BUILTIN_FORMATS,
    FIRST_CUSTOM_ID,
    MAC_EPOCH,
    WINDOWS_EPOCH,
    FormatKind,
    format_kind,
)

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = REL_NS + "/officeDocument"
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


def main(tag: str) -> str:
    """A SpreadsheetML element name in the (transitional) main namespace."""
    return f"{{{MAIN_NS}}}{tag}"


def entities_error(label: str) -> WorkbookError:
    """The one line for XML that declares entities (a DTD)."""
    return WorkbookError(
        f"{label}: refused: the workbook's XML declares entities (an XML attack or a damaged "
        "file); open it in Excel and save it again, or ask the sender for a clean copy"
    )


def damaged(label: str, what: str, exc: BaseException | None = None) -> WorkbookError:
    """The one line for a package part that cannot be read."""
    cause = f" ({describe(exc)})" if exc is not None else ""
    return WorkbookError(
        f"{label}: {what} cannot be read{cause}; open it in Excel and save it again as .xlsx"
    )


def describe(exc: BaseException) -> str:
    """An exception as `Type: first line`, at most 200 characters."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text}"[:200] if text else name


def declares_entities(data: bytes) -> bool:
    """True when XML bytes hold a DOCTYPE or an entity declaration (UTF-8 or UTF-16)."""
    if _DOCTYPE.search(data):
        return True
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"<\0?\0", b"\0<\0?"):
        text = data.decode("utf-16", errors="replace")
        return "<!DOCTYPE" in text or "<!ENTITY" in text
    return False


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )


def parse_xml(label: str, name: str, data: bytes) -> Any:
    """A whole (small) part as an lxml element; entities refused, damage one line."""
    from lxml import etree

    if declares_entities(data):
        raise entities_error(label)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if "amplification" in str(exc):
            raise entities_error(label) from None
        raise damaged(label, f"the package part {name}", exc) from None
    if root.getroottree().docinfo.doctype:
        raise entities_error(label)
    return root


def localname(tag: Any) -> str:
    """An element's name without its namespace ('' for comments and the like)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def text_content(node: Any) -> str:
    """The text of a string item (`si` or `is`): its `t` and its runs' `t`, not phonetic runs.

    As openpyxl's `Text.content`: the last direct `t`, then each run's last `t`.
    """
    plain: str | None = None
    runs: list[str] = []
    for child in node:
        name = localname(child.tag)
        if name == "t":
            plain = child.text
        elif name == "r":
            run: str | None = None
            for part in child:
                if localname(part.tag) == "t":
                    run = part.text
            if run is not None:
                runs.append(run)
    return "".join(runs) if plain is None else plain + "".join(runs)


def member(package: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    """A package part by name; part names are case-insensitive (ECMA-376 Part 2, 9.1.1)."""
    try:
        return package.getinfo(name)
    except KeyError:
        pass
    wanted = name.casefold()
    for info in package.infolist():
        if info.filename.casefold() == wanted:
            return info
    return None


def read_part(label: str, package: zipfile.ZipFile, name: str) -> bytes | None:
    """A part's bytes, or None when the package has no such part."""
    info = member(package, name)
    if info is None:
        return None
    try:
        return package.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise WorkbookError(
            f"{label}: the .xlsx package is damaged or truncated ({describe(exc)}); "
            "download or save it again"
        ) from None


def relationships(label: str, package: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
    """The relationships of a part: id → (type, target part name), internal targets only."""
    folder, base = posixpath.split(source)
    data = read_part(label, package, posixpath.join(folder, "_rels", f"{base}.rels"))
    if data is None:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for rel in parse_xml(label, f"{folder}/_rels/{base}.rels", data):
        if localname(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        if target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id") or ""] = (rel.get("Type") or "", target)
    return found


@dataclass(frozen=True)
class SheetEntry:
    """One sheet as the workbook lists it: name, position, visibility, kind and part."""

    name: str
    index: int
    state: str  # visible, hidden or veryHidden
    kind: str  # worksheet, chartsheet, dialogsheet, macrosheet, ...
    part: str | None  # None when the package has no such part

    @property
    def hidden(self) -> bool:
        """True for a hidden or very hidden sheet."""
        return self.state != "visible"


@dataclass
class WorkbookPart:
    """What xl/workbook.xml and its relationships say."""

    sheets: list[SheetEntry] = field(default_factory=list)
    date1904: bool = False
    shared_strings: str | None = None
    styles: str | None = None

    @property
    def epoch(self) -> Any:
        """The date system: 1900 (Windows) or 1904 (old Mac workbooks)."""
        return MAC_EPOCH if self.date1904 else WINDOWS_EPOCH


def workbook_part_name(label: str, package: zipfile.ZipFile) -> str:
    """Where the workbook part is: the package's officeDocument relationship, else the usual."""
    for kind, target in relationships(label, package, "").values():
        if kind == _OFFICE_DOCUMENT or kind.endswith("/officeDocument"):
            if member(package, target) is not None:
                return target
    return "xl/workbook.xml"


def read_workbook_part(label: str, package: zipfile.ZipFile) -> WorkbookPart:
    """The sheets (in order), the date system and the styles and strings parts."""
    name = workbook_part_name(label, package)
    data = read_part(label, package, name)
    if data is None:
        raise WorkbookError(f"{label}: not an Excel workbook (no xl/workbook.xml in the package)")
    root = parse_xml(label, name, data)
    if root.tag == f"{{{STRICT_NS}}}workbook":
        raise WorkbookError(
            f"{label}: a Strict Open XML workbook, which aiexp does not read; open it in Excel "
            "and save it as an Excel Workbook (.xlsx)"
        )
    if root.tag != main("workbook"):
        raise damaged(label, f"the workbook part {name}")
    rels = relationships(label, package, name)
    result = WorkbookPart()
    properties = root.find(main("workbookPr"))
    if properties is not None:
        result.date1904 = (properties.get("date1904") or "").strip().lower() in ("1", "true")
    sheets = root.find(main("sheets"))
    for index, sheet in enumerate(sheets if sheets is not None else ()):
        if sheet.tag != main("sheet"):
            continue
        kind, target = rels.get(sheet.get(f"{{{REL_NS}}}id") or "", ("", ""))
        info = member(package, target) if target else None
        result.sheets.append(
            SheetEntry(
                name=sheet.get("name") or "",
                index=index,
                state=sheet.get("state") or "visible",
                kind=kind.rpartition("/")[2].lower() or "unknown",
                part=info.filename if info is not None else None,
            )
        )
    for kind, target in rels.values():
        if kind.endswith("/sharedStrings"):
            result.shared_strings = target
        elif kind.endswith("/styles"):
            result.styles = target
    return result


@dataclass(frozen=True)
class Styles:
    """Each cell style's number format (code and kind), by the cell's `s` index."""

    formats: tuple[tuple[str, FormatKind], ...] = ()

    def of(self, index: int) -> tuple[str, FormatKind] | None:
        """The number format of style `index`; None for a style the workbook does not define.

        Style 0 of a workbook without styles is General, Excel's default.
        """
        if 0 <= index < len(self.formats):
            return self.formats[index]
        return ("General", "number") if index == 0 else None


def read_styles(label: str, package: zipfile.ZipFile, name: str | None) -> Styles:
    """The number format of every cell style (cellXfs), custom formats resolved."""
    data = read_part(label, package, name or "xl/styles.xml")
    if data is None:
        return Styles()
    root = parse_xml(label, name or "xl/styles.xml", data)
    custom: dict[int, str] = {}
    formats: list[tuple[str, FormatKind]] = []
    try:
        for node in root.iterfind(f"{main('numFmts')}/{main('numFmt')}"):
            custom[int(node.get("numFmtId"))] = node.get("formatCode") or ""
        for xf in root.iterfind(f"{main('cellXfs')}/{main('xf')}"):
            number = int(xf.get("numFmtId") or 0)
            if number in custom:
                code = custom[number]
                formats.append((code, format_kind(code)))
            elif number < FIRST_CUSTOM_ID:
                # An id below 164 that is not built in (a locale's own) reads as General.
                formats.append(
                    (
                        BUILTIN_FORMATS.get(number, "General"),
                        format_kind(BUILTIN_FORMATS.get(number)),
                    )
                )
            else:
                # A custom id with no definition: the file is damaged; General says nothing.
                formats.append(("General", "number"))
    except (TypeError, ValueError) as exc:
        raise damaged(label, "the styles part", exc) from None
    return Styles(tuple(formats))


_SIMPLE_ITEM = re.compile(r'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>')
_SST_START = re.compile(rf'<sst xmlns="{re.escape(MAIN_NS)}"[^<>]*>')
_REFERENCE = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);")
_UTF8 = re.compile(r"""encoding\s*=\s*["']utf-?8["']""", re.I)
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# Control characters XML 1.0 does not allow (section 2.2): a parser refuses them, so the fast
# paths hand such text to lxml, which says the part is damaged.
_CONTROL = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def odd_markup(data: bytes) -> bool:
    """True when UTF-8 XML holds what the fast paths leave to lxml.

    Comments, CDATA, processing instructions, and characters XML forbids (controls, U+FFFE,
    U+FFFF) or a stray `]]>`, which lxml refuses as not well-formed.
    """
    return (
        b"<!" in data
        or b"<?" in data
        or b"]]>" in data
        or len(data.translate(None, _CONTROL)) != len(data)
        or (not data.isascii() and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data))
    )


class NotSimple(Exception):
    """A fast path met something it does not handle: lxml reads the part instead."""


def _character(code: int) -> str:
    if code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD:
        return chr(code)
    if 0x10000 <= code <= 0x10FFFF:
        return chr(code)
    raise NotSimple


def _reference(match: re.Match[str]) -> str:
    name = match.group(1)
    if name[0] == "#":
        return _character(int(name[2:], 16) if name[1] == "x" else int(name[1:]))
    try:
        return _NAMED[name]
    except KeyError:
        raise NotSimple from None  # an entity no DTD declares: not well-formed


def utf8_declared(prolog: str) -> bool:
    """True when an XML declaration names no encoding, or UTF-8."""
    return "encoding" not in prolog or _UTF8.search(prolog) is not None


def xml_text(raw: str) -> str:
    """Character data as an XML parser gives it: line ends normalised, references replaced."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "&" not in raw:
        return raw
    if "&" in _REFERENCE.sub("", raw):
        raise NotSimple  # a bare ampersand
    return _REFERENCE.sub(_reference, raw)


def read_shared_strings(label: str, package: zipfile.ZipFile, name: str | None) -> list[str]:
    """The shared strings table, each item's text as openpyxl gives it."""
    data = read_part(label, package, name or "xl/sharedStrings.xml")
    if data is None:
        return []
    if declares_entities(data):
        raise entities_error(label)
    try:
        return _simple_strings(data)
    except NotSimple:
        pass
    root = parse_xml(label, name or "xl/sharedStrings.xml", data)
    # openpyxl drops the escape of a literal `_x` (`_x005F_`) but keeps other `_xHHHH_` as is.
    return [text_content(item).replace("x005F_", "") for item in root.iter(main("si"))]


def _simple_strings(data: bytes) -> list[str]:
    """The common table (plain `<si><t>` items, UTF-8, default namespace) at C speed.

    Any other shape (rich text, phonetic runs, comments, prefixes) raises NotSimple and goes to
    lxml. The items must cover the table without a gap, so nothing between them goes unread.
    """
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise NotSimple from None
    body = data.find(b"<sst")
    if body < 0 or odd_markup(data[body:]):
        raise NotSimple
    start = _SST_START.search(text, 0, 4096)
    end = text.rfind("</sst>")
    if start is None or end < start.end() or text[end + 6 :].strip():
        raise NotSimple
    prolog = text[: start.start()].strip()
    declaration = prolog.startswith("<?xml ") and prolog.endswith("?>") and prolog.count("<") == 1
    if prolog and not declaration:
        raise NotSimple
    if not utf8_declared(prolog):
        raise NotSimple
    parts = _SIMPLE_ITEM.split(text[start.end() : end])
    if any(between.strip() for between in parts[0::2]):
        raise NotSimple
    return [xml_text(item).replace("x005F_", "") for item in parts[1::2]]
