"""A DOCX table as WordprocessingML text, parsed once: what python-docx's table calls built.

python-docx builds a table one element at a time (each cell's width, paragraph style,
alignment, runs), which cost a long table — the lines of a large BOM flagged for Section 7 —
most of the render's time. `table_xml` writes the same elements as text, in the same order
with the same attributes (tests/document/test_tables.py compares the bytes with the
cell-by-cell writer), for the writer to parse once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from aiexp.document.text import clean_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SHADING = '<w:shd w:val="clear" w:color="auto" w:fill="E7ECF2"/>'


def table_xml(
    rows: Sequence[Sequence[Any]],
    aligns: Sequence[str],
    widths: Sequence[int],
    table_style: str | None,
    cell_style: str | None,
) -> str:
    """A `w:tbl` of Markdown table rows (inline tokens): the header row bold, shaded and
    repeated on each page, fixed column widths (twips), each cell's paragraph in `cell_style`
    and aligned as its column (`right`, `center`)."""
    columns = len(aligns)
    style = f'<w:tblStyle w:val="{_attribute(table_style)}"/>' if table_style else ""
    paragraph_style = f'<w:pStyle w:val="{_attribute(cell_style)}"/>' if cell_style else ""
    properties = []
    for align in aligns:
        jc = f'<w:jc w:val="{align}"/>' if align in ("right", "center") else ""
        both = paragraph_style + jc
        properties.append(f"<w:pPr>{both}</w:pPr>" if both else "")
    parts = [
        f'<w:tbl xmlns:w="{_W}"><w:tblPr>{style}'
        '<w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
        'w:noHBand="0" w:noVBand="1" w:val="04A0"/><w:tblLayout w:type="fixed"/></w:tblPr>'
        "<w:tblGrid>",
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    for r, cells in enumerate(rows):
        parts.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if r == 0 else "<w:tr>")
        for c in range(columns):
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[c]}"/>'
                f"{_SHADING if r == 0 else ''}</w:tcPr><w:p>{properties[c]}"
            )
            if c < len(cells):
                parts.append(runs_xml(cells[c], bold=r == 0))
            parts.append("</w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def runs_xml(inline: Any, *, bold: bool = False) -> str:
    """The runs the writer's `_write_inline` adds to a paragraph, as XML."""
    strong = 1 if bold else 0
    emphasis = 0
    parts = []
    for child in inline.children or ():
        kind = child.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            emphasis += 1
        elif kind == "em_close":
            emphasis -= 1
        elif kind in ("text", "code_inline", "html_inline"):
            marks = ("<w:b/>" if strong else "") + ("<w:i/>" if emphasis else "")
            text = _run_text(clean_text(child.content))
            parts.append(f"<w:r><w:rPr>{marks}</w:rPr>{text}</w:r>")
        elif kind == "softbreak":
            parts.append(f"<w:r>{_run_text(' ')}</w:r>")
        elif kind == "hardbreak":
            parts.append("<w:r><w:br/></w:r>")
        elif kind == "image":
            parts.append(f"<w:r>{_run_text(clean_text(child.content))}</w:r>")
    return "".join(parts)


_RUN_BREAKS = re.compile(r"([\t\r\n])")


def _run_text(text: str) -> str:
    """A run's content as python-docx writes it: text in `w:t` (spaces kept when it starts or
    ends with one), a tab as `w:tab`, a line break as `w:br`."""
    parts = []
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(parts)


def _attribute(value: str) -> str:
    """Text as an XML attribute value (in double quotes)."""
    return escape(value, {'"': "&quot;"})
