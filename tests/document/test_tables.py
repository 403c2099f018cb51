"""Tables are written as one piece of XML; it must be exactly what python-docx's calls made.

The reference below is the writer's table code until 0.2 — python-docx's table, row, cell,
paragraph and run objects, one call at a time (a 25,000-line BOM took seconds). Random Markdown
tables (alignments, bold, italic, code, breaks, escapes, spaces, ragged rows) are written both
ways: the document parts must be the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiexp.document import docx_package as p
from aiexp.document import docx_writer as w
from aiexp.document.docx_package import DocumentSetup
from aiexp.document.docx_writer import markdown_to_docx

SETUP = DocumentSetup(title="T", subject="S", keywords="K", date=dt.date(2026, 6, 1))


def reference_write_table(writer: Any, tokens: Sequence[Any], index: int) -> int:
    """The writer's table cell by cell through python-docx (as until 0.2)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    rows, aligns, after = w._table_rows(tokens, index)
    columns = len(aligns)
    document = writer.document
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = p.word_style(document, "Table Grid")
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    widths = w._column_widths(writer, rows, columns)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    cell_style = p.word_style(document, "Table Text")
    align_map = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
    for r, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        if r == 0:
            # The header row repeats on every page a long table runs onto.
            row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for c, cell in enumerate(row.cells):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            p.apply_style(paragraph, cell_style)
            if aligns[c] in align_map:
                paragraph.alignment = align_map[aligns[c]]
            inline = cells[c] if c < len(cells) else None
            if inline is not None:
                w._write_inline(paragraph, inline, bold=r == 0)
            if r == 0:
                shading = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="E7ECF2"/>'
                cell._tc.get_or_add_tcPr().append(parse_xml(shading))
    # A small gap after the table, so the next paragraph does not touch it.
    spacer = p.add_paragraph(document, p.word_style(document, "Normal"))
    spacer.paragraph_format.space_after = 0
    return after


def _parts(markdown: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(markdown_to_docx(markdown, SETUP))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _both(markdown: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    fast = _parts(markdown)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(w, "_write_table", reference_write_table)
        slow = _parts(markdown)
    return fast, slow


WORDS = st.sampled_from(
    [
        "Acme",
        "**bold**",
        "*it*",
        "`code`",
        "a\\|b",
        "<b>",
        "&amp;",
        " ",
        "x  y",
        "$54,891,776.00",
        "né",
        "\\*not\\*",
        "",
        "[link](http://x)",
        "line  ",
    ]
)
CELL = st.lists(WORDS, max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([":--", "--:", ":-:", "---"]), min_size=1, max_size=5),
    st.lists(st.lists(CELL, min_size=0, max_size=6), min_size=1, max_size=6),
    st.booleans(),
)
def test_tables_are_what_python_docx_wrote(
    aligns: list[str], rows: list[list[str]], widths: bool
) -> None:
    columns = len(aligns)
    header = "| " + " | ".join(f"H{c}" for c in range(columns)) + " |"
    lines = [header, "| " + " | ".join(aligns) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    directive = f"[[widths:{','.join(str(c + 1) for c in range(columns))}]]\n\n" if widths else ""
    markdown = f"# Title\n\nText before.\n\n{directive}" + "\n".join(lines) + "\n\nAfter.\n"
    fast, slow = _both(markdown)
    assert fast == slow


def test_a_long_table_is_what_python_docx_wrote() -> None:
    rows = [f"| L{i:05d} | Server **{i}** | *Pearl* River | ${i},000.00 |" for i in range(300)]
    markdown = "| a | b | c | d |\n| --- | :-: | --- | --: |\n" + "\n".join(rows) + "\n"
    fast, slow = _both(markdown)
    assert fast == slow
    assert fast["word/document.xml"].count(b"<w:tr>") == 301
