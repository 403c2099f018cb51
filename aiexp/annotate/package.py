"""What openpyxl's rewrite of a workbook loses or gets wrong, mended or named at the package level.

- **Formula values.** openpyxl saves a formula without the value Excel or LibreOffice last
  computed for it; the reader would then see "a formula with no saved value" in the copy where
  the original had one. `formula_value_parts` copies each formula cell's saved value (`<v>` and
  its type) from the original's sheet XML into the copy's, so the copy reads exactly the same.
- **Comment boxes.** openpyxl gives a comment's size only in a style LibreOffice ignores;
  `comment_anchor_parts` adds the anchor (the box's cells and offsets) both programs read.
- **What it drops.** `not_carried` compares the parts of the two packages (images, charts, pivot
  tables, macros, embedded objects, form controls, slicers, timelines, threaded comments) and
  names what the copy has fewer of, with what openpyxl warned it would drop on reading
  (shapes, drop-downs and conditional formats stored as Excel extensions, sparklines, …).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_EXCEL = "{urn:schemas-microsoft-com:office:excel}"
_OFFICE_DOCUMENT = "/officeDocument"
_CELL = re.compile(r"^([A-Z]{1,3})([0-9]+)$")

#: Parts of a package by what they are, in the words of the warning line (singular, plural).
_PARTS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^xl/media/"), "image", "images"),
    (re.compile(r"^xl/charts/chart\d*\.xml$"), "chart", "charts"),
    (re.compile(r"^xl/chartsheets/sheet\d*\.xml$"), "chart sheet", "chart sheets"),
    (re.compile(r"^xl/pivotTables/pivotTable\d*\.xml$"), "pivot table", "pivot tables"),
    (re.compile(r"^xl/vbaProject\.bin$"), "macro project", "macro projects"),
    (re.compile(r"^xl/embeddings/"), "embedded object", "embedded objects"),
    (re.compile(r"^xl/(ctrlProps|activeX)/[^/]+\.xml$"), "form control", "form controls"),
    (re.compile(r"^xl/slicers/"), "slicer", "slicers"),
    (re.compile(r"^xl/timelines/"), "timeline", "timelines"),
    (
        re.compile(r"^xl/threadedComments/"),
        "sheet of threaded comments",
        "sheets of threaded comments",
    ),
)
#: openpyxl's warnings on reading, by a phrase of theirs, in the words of the warning line.
_WARNINGS: tuple[tuple[str, str], ...] = (
    ("Data Validation extension", "drop-down lists stored as Excel extensions"),
    ("Conditional Formatting extension", "conditional formats stored as Excel extensions"),
    ("conditional formatting rule", "a conditional format openpyxl cannot read"),
    ("Sparkline Group extension", "sparklines"),
    ("Slicer List extension", "slicers"),
    ("Timeline Ref extension", "timelines"),
    ("Protected Range extension", "protected ranges"),
    ("Web Extension extension", "web add-ins"),
    ("Shapes and drawings will be lost", "shapes and text boxes"),
    ("merged cells cannot contain any data", "comments inside merged cells"),
    ("Print area cannot be set", "a print area given by a name"),
    ("Defined names for sheet index", "names of a sheet openpyxl cannot place"),
)
#: Warnings about nothing the copy loses, or about what the parts already count (a chart or
#: an image openpyxl could not read is missing from the copy's parts).
_HARMLESS = (
    "Ignored Error extension",
    "no default style",
    "Unable to read chart",
    "image",
)


def part_counts(package: zipfile.ZipFile) -> Counter[str]:
    """How many parts of each kind of `_PARTS` a package holds (keyed by the singular word)."""
    counts: Counter[str] = Counter()
    for name in package.namelist():
        for pattern, singular, _ in _PARTS:
            if pattern.match(name):
                counts[singular] += 1
                break
    return counts


def not_carried(
    original: Counter[str], copy: Counter[str], warnings: Iterable[str]
) -> tuple[str, ...]:
    """What the copy lacks: "2 images", "1 chart", "drop-down lists stored as …"."""
    words = {singular: plural for _, singular, plural in _PARTS}
    lost = []
    for singular, plural in words.items():
        missing = original[singular] - copy[singular]
        if missing > 0:
            lost.append(f"{missing} {singular if missing == 1 else plural}")
    for message in warnings:
        if any(phrase in message for phrase in _HARMLESS):
            continue
        label = next((label for phrase, label in _WARNINGS if phrase in message), None)
        if label is None and "extension" in message:
            label = "Excel extensions openpyxl does not know"
        if label is not None and label not in lost and not _counted(label, lost):
            lost.append(label)
    return tuple(lost)


def _counted(label: str, lost: list[str]) -> bool:
    # "slicers" from a warning and "2 slicers" from the parts are the same loss.
    return any(item.endswith(f" {label}") for item in lost)


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's title → the name of its part (`xl/worksheets/sheet1.xml`)."""
    from defusedxml.ElementTree import fromstring

    root_rels = fromstring(package.read("_rels/.rels"))
    workbook = next(
        (
            r.get("Target", "")
            for r in root_rels.iter(f"{_PKG}Relationship")
            if r.get("Type", "").endswith(_OFFICE_DOCUMENT)
        ),
        "xl/workbook.xml",
    ).lstrip("/")
    folder, name = posixpath.split(workbook)
    rels = fromstring(package.read(posixpath.join(folder, "_rels", f"{name}.rels")))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    parts = {}
    for sheet in fromstring(package.read(workbook)).iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL_ID), "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


def formula_values(
    package: zipfile.ZipFile, part: str, cells: set[str]
) -> dict[str, tuple[str | None, str]]:
    """The saved value of each formula cell of `cells` in a sheet part: A1 → (type, `<v>` text).

    A cell without a saved value is left out. Rows and cells without an `r` attribute (which
    some writers omit) are counted from the previous one, as Excel does.
    """
    from defusedxml.ElementTree import iterparse

    found: dict[str, tuple[str | None, str]] = {}
    shared: list[str] | None = None
    row_number, column = 0, 0
    coordinate = ""
    with package.open(part) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_MAIN}row":
                    row_number = int(element.get("r") or row_number + 1)
                    column = 0
                elif tag == f"{_MAIN}c":
                    ref = element.get("r")
                    match = _CELL.match(ref or "")
                    if match:
                        column = _column_index(match.group(1))
                        coordinate = ref or ""
                    else:
                        column += 1
                        coordinate = f"{_column_letter(column)}{row_number}"
                continue
            if tag == f"{_MAIN}c":
                if coordinate in cells and element.find(f"{_MAIN}f") is not None:
                    value = element.find(f"{_MAIN}v")
                    kind = element.get("t")
                    if value is not None and value.text is not None:
                        text = value.text
                        if kind == "s":  # a shared string: the copy holds it inline as "str"
                            shared = shared if shared is not None else _shared_strings(package)
                            index = int(text)
                            kind, text = "str", shared[index] if index < len(shared) else ""
                        found[coordinate] = (kind, text)
                element.clear()
            elif tag == f"{_MAIN}row":
                element.clear()
    return found


def formula_value_parts(
    original: zipfile.ZipFile, copy: zipfile.ZipFile, formulas: Mapping[str, set[str]]
) -> dict[str, bytes]:
    """The copy's sheet parts with each formula's saved value taken from the original's.

    `formulas` gives, per sheet title, the formula cells of the copy. Only sheets with formulas
    are parsed; the result maps the part names that change to their new XML.
    """
    if not any(formulas.values()):
        return {}
    from lxml import etree

    originals = sheet_parts(original)
    copies = sheet_parts(copy)
    replaced: dict[str, bytes] = {}
    for title, cells in formulas.items():
        if not cells or title not in originals or title not in copies:
            continue
        values = formula_values(original, originals[title], cells)
        if not values:
            continue
        root = etree.fromstring(copy.read(copies[title]))
        for cell in root.iter(f"{_MAIN}c"):
            saved = values.get(cell.get("r", ""))
            if saved is None or cell.find(f"{_MAIN}f") is None:
                continue
            kind, text = saved
            if kind is None or kind == "n":
                cell.attrib.pop("t", None)
            else:
                cell.set("t", kind)
            value = cell.find(f"{_MAIN}v")
            if value is None:
                value = etree.SubElement(cell, f"{_MAIN}v")
            value.text = text
        replaced[copies[title]] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
    return replaced


def comment_anchor_parts(
    copy: zipfile.ZipFile, anchors: Mapping[str, Mapping[tuple[int, int], str]]
) -> dict[str, bytes]:
    """The copy's comment drawings with an `x:Anchor` (the box's place and size) on given notes.

    openpyxl writes a note's size only in its VML style, which LibreOffice ignores: it draws
    every note at its default size unless the note has an anchor. `anchors` maps a sheet title
    to (0-based row, 0-based column) → anchor text.
    """
    if not any(anchors.values()):
        return {}
    from lxml import etree

    replaced: dict[str, bytes] = {}
    parts = sheet_parts(copy)
    for title, notes in anchors.items():
        if not notes or title not in parts:
            continue
        drawing = _vml_part(copy, parts[title])
        if drawing is None:
            continue
        root = etree.fromstring(copy.read(drawing))
        for data in root.iter(f"{_EXCEL}ClientData"):
            row, column = data.find(f"{_EXCEL}Row"), data.find(f"{_EXCEL}Column")
            if row is None or column is None:
                continue
            anchor = notes.get((int(row.text or 0), int(column.text or 0)))
            if anchor is None or data.find(f"{_EXCEL}Anchor") is not None:
                continue
            element = etree.Element(f"{_EXCEL}Anchor")
            element.text = anchor
            size = data.find(f"{_EXCEL}SizeWithCells")
            if size is not None:
                size.addnext(element)
            else:
                data.insert(0, element)
        replaced[drawing] = etree.tostring(root)
    return replaced


def _vml_part(package: zipfile.ZipFile, sheet_part: str) -> str | None:
    """The legacy (VML) drawing that holds a sheet's comment boxes, if any."""
    from defusedxml.ElementTree import fromstring

    folder, name = posixpath.split(sheet_part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in package.namelist():
        return None
    for rel in fromstring(package.read(rels)).iter(f"{_PKG}Relationship"):
        if rel.get("Type", "").endswith("/vmlDrawing"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            return posixpath.normpath(path)
    return None


def with_parts(data: bytes, replaced: Mapping[str, bytes]) -> bytes:
    """A package with some parts replaced; every other part is copied as it is."""
    if not replaced:
        return data
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result,
    ):
        for info in source.infolist():
            result.writestr(info, replaced.get(info.filename) or source.read(info.filename))
    return out.getvalue()


def _shared_strings(package: zipfile.ZipFile) -> list[str]:
    from defusedxml.ElementTree import fromstring

    names = set(package.namelist())
    part = next((n for n in ("xl/sharedStrings.xml", "xl/SharedStrings.xml") if n in names), None)
    if part is None:
        return []
    return [
        "".join(t.text or "" for t in item.iter(f"{_MAIN}t"))
        for item in fromstring(package.read(part)).iter(f"{_MAIN}si")
    ]


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def formula_cells(book: Any) -> dict[str, set[str]]:
    """Each worksheet's formula cells (A1 references) in an openpyxl workbook."""
    found: dict[str, set[str]] = {}
    for ws in book.worksheets:
        # The worksheet's own cell store (iter_rows would create every empty cell).
        cells = {c.coordinate for c in ws._cells.values() if c.data_type == "f"}
        if cells:
            found[ws.title] = cells
    return found
