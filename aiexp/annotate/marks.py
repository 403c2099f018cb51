"""The tool's marks on a cell — a comment and a fill — and the ledger that lets a run undo them.

How a later run tells the tool's marks from the user's own (issue 14):

- **Comments.** The tool's words in a comment sit between two marker lines, `[aiexp validate]
  …` and `[end aiexp validate]`. A cell that already had a comment keeps it: the tool's block is
  appended below it, after a blank line, and the comment keeps its author. On a later run the
  block (markers included) is cut out again; whatever is left — the user's comment, and anything
  the user wrote around the block since — stays, and a comment left empty is removed.
- **Fills and fonts.** A cell's original fill (and, where the tool darkened a light font so the
  text stays readable on the new fill, its original font) is kept as openpyxl's own XML in a
  hidden sheet, the *ledger* (`LEDGER_SHEET`), one row per marked cell. A later run puts them
  back, but only where the cell still shows the tool's colour: a fill the user changed since is
  the user's.

The reader ignores sheets it does not know and never reads fills or comments, so neither the
marks nor the ledger change what `aiexp validate` finds in the copy.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from aiexp.findings import SEVERITY_ORDER, Finding, Severity

#: The first line of the tool's block in a comment (followed by the number of findings).
MARK_BEGIN = "[aiexp validate]"
#: The last line of the tool's block.
MARK_END = "[end aiexp validate]"
#: The author of a comment the tool wrote on a cell that had none.
AUTHOR = "aiexp"
#: The hidden sheet that remembers what the tool changed.
LEDGER_SHEET = "aiexp annotations"
LEDGER_TITLE = (
    "Written by aiexp validate --annotate: the fills and fonts it changed in this copy, so that "
    "annotating the copy again restores them. Do not edit."
)
LEDGER_HEADER = ("sheet", "cell", "original fill", "original font")
#: Light fills, so the cell's own (dark) text stays readable; distinct from the pale amber and
#: pale blue of the template's header cells.
FILLS = {
    Severity.ERROR: "FFFF9999",
    Severity.WARNING: "FFFFC000",
    Severity.INFO: "FF9BC2E6",
}
#: The font colour the tool gives a cell whose own text colour is too light for its fill.
DARK_TEXT = "FF000000"
SEVERITY_WORDS = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
# Excel keeps at most 32,767 characters in a cell or a comment.
MAX_TEXT = 32767
# A comment box: wide enough for a message line, as tall as its wrapped text (pixels; Excel and
# LibreOffice draw a comment at the size the file gives, and never grow it to fit).
COMMENT_WIDTH = 420
LINE_HEIGHT = 15
CHARS_PER_LINE = 62
MAX_COMMENT_HEIGHT = 900

#: An A1 cell reference as the findings and the ledger give it.
COORDINATE = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")
# Characters XML 1.0 cannot hold (openpyxl refuses them in a cell or a comment).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(text: str) -> str:
    """Text that a cell or comment can hold: XML-illegal controls shown as `\\x01`, capped."""
    text = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def worst(findings: Iterable[Finding]) -> Severity:
    """The most serious severity among findings."""
    return min((f.severity for f in findings), key=lambda s: SEVERITY_ORDER[s])


def comment_block(findings: Sequence[Finding]) -> str:
    """The tool's block for one cell: the marker lines around each finding's code and words."""
    count = len(findings)
    lines = [f"{MARK_BEGIN} {count} finding{'s' * (count != 1)}"]
    for index, finding in enumerate(findings):
        if index:
            lines.append("")
        section = f" · notice {finding.section}" if finding.section else ""
        lines.append(f"{SEVERITY_WORDS[finding.severity]} · {finding.code}{section}")
        lines.append(finding.message)
        if finding.hint:
            lines.append(f"What to do: {finding.hint}")
    lines.append(MARK_END)
    return "\n".join(lines)


def without_block(text: str) -> str:
    """A comment's text with the tool's blocks cut out (what the user wrote, if anything)."""
    kept: list[str] = []
    inside = False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        bare = line.strip()
        if inside:
            inside = bare != MARK_END
        elif bare.startswith(MARK_BEGIN):
            inside = True
            if kept and not kept[-1].strip():
                kept.pop()  # the blank line the tool put between the user's text and its block
        else:
            kept.append(line)
    return "\n".join(kept).strip("\n")


def has_block(text: str) -> bool:
    """True when a comment holds a block the tool wrote."""
    return MARK_BEGIN in text


def comment_size(text: str) -> tuple[int, int]:
    """The (width, height) in pixels of a comment box that shows all of `text`."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, -(-len(paragraph) // CHARS_PER_LINE))
    return COMMENT_WIDTH, min(MAX_COMMENT_HEIGHT, lines * LINE_HEIGHT + 12)


def is_tool_fill(fill: Any) -> bool:
    """True when a cell's fill is one the tool gives (however an editor re-saved it)."""
    if getattr(fill, "fill_type", None) != "solid":
        return False
    rgb = getattr(getattr(fill, "fgColor", None), "rgb", None)
    return isinstance(rgb, str) and rgb[-6:].upper() in {c[-6:] for c in FILLS.values()}


def is_light(color: Any) -> bool:
    """True when a font colour is light enough to vanish on the tool's fills."""
    if color is None:
        return False
    rgb = getattr(color, "rgb", None)
    if getattr(color, "type", None) == "rgb" and isinstance(rgb, str) and len(rgb) >= 6:
        red, green, blue = (int(rgb[-6:][i : i + 2], 16) / 255 for i in (0, 2, 4))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.6
    if getattr(color, "type", None) == "theme":
        # Theme colours 0 and 2 are the theme's light colours (lt1, lt2) in a cell's font.
        return getattr(color, "theme", None) in (0, 2)
    if getattr(color, "type", None) == "indexed":
        return getattr(color, "indexed", None) in (1, 9)  # the palette's white
    return False


def style_xml(style: Any) -> str:
    """A fill or a font as openpyxl's XML text (what the ledger keeps)."""
    from openpyxl.xml.functions import tostring

    return str(tostring(style.to_tree()).decode("utf-8"))


def fill_from_xml(text: str) -> Any:
    """A fill back from the ledger's XML."""
    from defusedxml.ElementTree import fromstring
    from openpyxl.styles.fills import Fill

    return Fill.from_tree(fromstring(text))


def font_from_xml(text: str) -> Any:
    """A font back from the ledger's XML."""
    from defusedxml.ElementTree import fromstring
    from openpyxl.styles import Font

    return Font.from_tree(fromstring(text))


@dataclass(frozen=True)
class LedgerRow:
    """One marked cell: where it is, and its fill and font (XML) before the tool changed them."""

    sheet: str
    cell: str
    fill: str
    font: str


def mark_cell(cell: Any, findings: Sequence[Finding]) -> LedgerRow:
    """Put the tool's comment and fill on a cell; returns what the ledger must remember."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    block = comment_block(findings)
    old = cell.comment
    if old is not None and old.text and old.text.strip():
        text = clean_text(f"{old.text.rstrip()}\n\n{block}")
        author = old.author or AUTHOR
    else:
        text, author = clean_text(block), AUTHOR
    comment = Comment(text, author)
    comment.width, comment.height = comment_size(text)
    cell.comment = comment
    fill_before = style_xml(cell.fill)
    font_before = ""
    colour = FILLS[worst(findings)]
    cell.fill = PatternFill(fill_type="solid", fgColor=colour, bgColor=colour)
    if is_light(cell.font.color):
        font_before = style_xml(cell.font)
        font = copy(cell.font)
        font.color = DARK_TEXT
        cell.font = font
    return LedgerRow(cell.parent.title, cell.coordinate, fill_before, font_before)


def comment_anchor(
    ws: Any, coordinate: str, width: int, height: int
) -> tuple[tuple[int, int], str]:
    """Where a cell's comment box goes: (0-based row, column) and its `x:Anchor` text.

    The anchor counts whole cells and pixel offsets: the box starts just right of the cell, a
    row above it, and spans the columns and rows that `width` × `height` pixels cover.
    """
    from openpyxl.utils.cell import coordinate_to_tuple

    row, column = coordinate_to_tuple(coordinate)
    widths = _column_pixels(ws)
    default_width = _width_pixels(
        ws.sheet_format.defaultColWidth or ws.sheet_format.baseColWidth + 0.43
    )
    default_height = _height_pixels(ws.sheet_format.defaultRowHeight or 15)
    left, left_offset = column, 15  # the column right of the cell (0-based index = column)
    top, top_offset = max(row - 2, 0), 10
    right, rest = left, width + left_offset
    while rest > (step := widths.get(right, default_width)) and right < 16383:
        rest -= step
        right += 1
    bottom, below = top, height + top_offset
    while below > (step := _row_pixels(ws, bottom, default_height)) and bottom < 1048575:
        below -= step
        bottom += 1
    anchor = f"{left}, {left_offset}, {top}, {top_offset}, {right}, {rest}, {bottom}, {below}"
    return (row - 1, column - 1), anchor


def _width_pixels(characters: float) -> int:
    # Excel's conversion of a column width (in characters of the default font) to pixels.
    return int(characters * 7 + 5) if characters > 0 else 0


def _height_pixels(points: float) -> int:
    return int(points * 96 / 72)


def _column_pixels(ws: Any) -> dict[int, int]:
    """0-based column index → width in pixels, for the columns the sheet sizes."""
    widths: dict[int, int] = {}
    for dimension in ws.column_dimensions.values():
        if dimension.min is None or dimension.max is None:
            continue
        if dimension.hidden:
            pixels = 0
        elif dimension.width:
            pixels = _width_pixels(dimension.width)
        else:
            continue
        for index in range(dimension.min - 1, min(dimension.max, 16384)):
            widths[index] = pixels
    return widths


def _row_pixels(ws: Any, index: int, default: int) -> int:
    dimension = ws.row_dimensions.get(index + 1)
    if dimension is None:
        return default
    if dimension.hidden:
        return 0
    return _height_pixels(dimension.height) if dimension.height else default


def write_ledger(book: Any, findings_sheet: str, rows: Sequence[LedgerRow]) -> None:
    """Add the hidden ledger sheet: the Findings sheet's title and every marked cell's styles."""
    ws = book.create_sheet(LEDGER_SHEET)
    ws.sheet_state = "hidden"
    _put(ws, 1, [LEDGER_TITLE])
    _put(ws, 2, ["findings sheet", findings_sheet])
    _put(ws, 3, list(LEDGER_HEADER))
    for number, row in enumerate(rows, start=4):
        _put(ws, number, [row.sheet, row.cell, row.fill, row.font])


def _put(ws: Any, row: int, values: Sequence[str]) -> None:
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=column)
        cell.value = value
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula


def find_ledger(book: Any) -> Any | None:
    """The ledger sheet a previous run left, if any: known by its first cell, whatever its name
    (openpyxl renames it when the workbook had a sheet of that name of its own)."""
    for ws in book.worksheets:
        first = ws._cells.get((1, 1))  # not ws["A1"], which would create the cell
        if first is not None and first.value == LEDGER_TITLE:
            return ws
    return None


def read_ledger(ws: Any) -> tuple[str | None, list[LedgerRow]]:
    """The Findings sheet's title and the marked cells a previous run recorded."""
    findings_sheet = ws["B2"].value if ws["A2"].value == "findings sheet" else None
    rows = []
    for values in ws.iter_rows(min_row=4, max_col=4, values_only=True):
        sheet, cell, fill, font = (str(v) if v is not None else "" for v in values)
        if sheet and cell:
            rows.append(LedgerRow(sheet, cell, fill, font))
    return (str(findings_sheet) if findings_sheet else None), rows


def remove_marks(book: Any) -> list[str]:
    """Undo what a previous run did to this workbook; the titles of the sheets it removed.

    Fills and fonts the ledger recorded come back where the cell still shows the tool's colour;
    the tool's blocks leave every comment (a comment that held nothing else goes); the old
    Findings sheet and the ledger go.
    """
    removed: list[str] = []
    ledger = find_ledger(book)
    if ledger is not None:
        findings_sheet, rows = read_ledger(ledger)
        for row in rows:
            _restore(book, row)
        for title in (findings_sheet, ledger.title):
            if title is not None and title in book.sheetnames:
                del book[title]
                removed.append(title)
    for ws in book.worksheets:
        for cell in _commented_cells(ws):
            text = cell.comment.text or ""
            if not has_block(text):
                continue
            left = without_block(text)
            if left.strip():
                from openpyxl.comments import Comment

                cell.comment = Comment(left, cell.comment.author or AUTHOR)
            else:
                cell.comment = None
    return removed


def _restore(book: Any, row: LedgerRow) -> None:
    if row.sheet not in book.sheetnames:
        return
    if not COORDINATE.match(row.cell):
        return
    cell = book[row.sheet][row.cell]
    if row.fill and is_tool_fill(cell.fill):
        with contextlib.suppress(Exception):  # a damaged ledger row: the tool's fill stays
            cell.fill = fill_from_xml(row.fill)
    colour = getattr(cell.font.color, "rgb", None)
    if row.font and isinstance(colour, str) and colour[-6:].upper() == DARK_TEXT[-6:]:
        with contextlib.suppress(Exception):  # a damaged ledger row: the dark font stays
            cell.font = font_from_xml(row.font)


def _commented_cells(ws: Any) -> Iterator[Any]:
    # The worksheet's own cell store: iter_rows() would create an empty cell at every
    # coordinate of the used range, and the saved copy would carry them all.
    for cell in list(ws._cells.values()):
        if cell.comment is not None:
            yield cell
