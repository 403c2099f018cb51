"""Markdown subset → DOCX: markdown-it tokens mapped to python-docx calls with real Word styles.

The templates write CommonMark plus tables. A few directives, each a paragraph of its own that
workbook text can never produce (escaping turns `[` into `\\[`), give the layout what Markdown
cannot say:

- `[[toc]]`: a table of contents field (filled when the file is opened: `w:updateFields`);
- `[[pagebreak]]`: a page break;
- `[[style:NAME]] text`: a paragraph in the named Word style (Title, Subtitle, Quote, …);
- `[[widths:3,2,5]]`: relative column widths of the table that follows.

Output is deterministic: fixed zip entry times and order, fixed document properties.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aiexp.document.docx_package import (
    DocumentSetup,
    add_paragraph,
    base_document,
    drop_thumbnail,
    normalise_zip,
    set_properties,
    update_fields_on_open,
    word_style,
    write_header_footer,
)
from aiexp.document.text import clean_text
from aiexp.errors import TemplateError

_DIRECTIVE = re.compile(r"^\[\[(toc|pagebreak|style|widths)(?::([^\]]*))?\]\]\s*(.*)$", re.DOTALL)
# Table text is 9 pt Arial: at most about 0.075 inch per character (bold, capitals), plus the
# cell's left and right margins.
_CHAR_WIDTH = 0.075
_CELL_PADDING = 0.2
_BREAKS = re.compile(r"[\s/]+|(?<=-)")


@dataclass
class _ListState:
    ordered: bool
    start: int
    num_id: int | None = None
    items: int = 0


@dataclass
class _Writer:
    document: Any
    setup: DocumentSetup
    headings: list[tuple[int, str]] = field(default_factory=list)
    lists: list[_ListState] = field(default_factory=list)
    widths: list[float] | None = None
    item_paragraphs: int = 0


def markdown_to_docx(markdown: str, setup: DocumentSetup) -> bytes:
    """Turn the proposal's Markdown into DOCX bytes (deterministic for the same input)."""
    from markdown_it import MarkdownIt

    # No nesting limit in practice: a limit reached would silently drop the rest of the document.
    parser = MarkdownIt("commonmark", {"html": False, "maxNesting": 1000}).enable("table")
    tokens = parser.parse(clean_text(markdown))
    document = base_document(setup)
    writer = _Writer(document, setup, headings=_collect_headings(tokens))
    _write_blocks(writer, parser, tokens)
    write_header_footer(document, setup)
    set_properties(document, setup)
    update_fields_on_open(document)
    drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


# --- blocks ------------------------------------------------------------------------------------


def _collect_headings(tokens: Sequence[Any]) -> list[tuple[int, str]]:
    headings = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and int(token.tag[1]) <= 2:
            headings.append((int(token.tag[1]), _plain(tokens[index + 1])))
    return headings


def _plain(inline: Any) -> str:
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _write_blocks(writer: _Writer, parser: Any, tokens: Sequence[Any]) -> None:
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = min(int(token.tag[1]), 3)
            paragraph = add_paragraph(
                writer.document, word_style(writer.document, f"Heading {level}")
            )
            _write_inline(paragraph, tokens[index + 1])
            index += 3
            continue
        if kind == "paragraph_open":
            inline = tokens[index + 1]
            if not writer.lists and _directive(writer, parser, inline):
                index += 3
                continue
            paragraph = add_paragraph(writer.document, _paragraph_style(writer))
            _number(writer, paragraph)
            _write_inline(paragraph, inline)
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            writer.lists.append(_ListState(ordered=kind == "ordered_list_open", start=start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            writer.lists.pop()
        elif kind == "list_item_open":
            writer.item_paragraphs = 0
            writer.lists[-1].items += 1
        elif kind == "table_open":
            index = _write_table(writer, tokens, index)
            writer.widths = None
            continue
        elif kind in ("code_block", "fence"):
            # Not in the narrative subset: kept as plain text, never dropped.
            for line in token.content.rstrip("\n").split("\n"):
                add_paragraph(writer.document, _paragraph_style(writer)).add_run(line.strip())
        elif kind == "hr":
            add_paragraph(writer.document, _paragraph_style(writer))
        index += 1


def _paragraph_style(writer: _Writer) -> Any:
    if not writer.lists:
        return word_style(writer.document, "Normal")
    state = writer.lists[-1]
    level = min(len(writer.lists), 3)
    suffix = "" if level == 1 else f" {level}"
    writer.item_paragraphs += 1
    if writer.item_paragraphs > 1:
        return word_style(writer.document, f"List Continue{suffix}")
    base = "List Number" if state.ordered else "List Bullet"
    return word_style(writer.document, f"{base}{suffix}")


def _number(writer: _Writer, paragraph: Any) -> None:
    """Restart numbering for each numbered list (one shared Word list would run on: 1…7, 8…)."""
    if not writer.lists or not writer.lists[-1].ordered or writer.item_paragraphs != 1:
        return
    state = writer.lists[-1]
    if state.num_id is None:
        state.num_id = _restarted_num(writer.document, paragraph.style, state.start)
    if state.num_id is not None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_numId().val = state.num_id
        num_pr.get_or_add_ilvl().val = 0


def _restarted_num(document: Any, style: Any, start: int) -> int | None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    p_pr = style.element.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None
    base = numbering.num_having_numId(num_pr.numId.val)
    abstract_id = base.abstractNumId.val
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    new_id = max(num_ids, default=0) + 1
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{new_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
    )
    return new_id


def _directive(writer: _Writer, parser: Any, inline: Any) -> bool:
    match = _DIRECTIVE.match(inline.content)
    if not match:
        return False
    name, argument, rest = match.group(1), (match.group(2) or "").strip(), match.group(3)
    document = writer.document
    if name == "toc":
        _write_toc(writer)
    elif name == "pagebreak":
        from docx.enum.text import WD_BREAK

        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    elif name == "style":
        paragraph = add_paragraph(document, word_style(document, argument))
        for token in parser.parseInline(rest):
            _write_inline(paragraph, token)
    elif name == "widths":
        try:
            writer.widths = [float(part) for part in argument.split(",")]
        except ValueError:
            raise TemplateError(
                f"[[widths:{argument}]]: give numbers, e.g. [[widths:2,1,3]]"
            ) from None
    return True


def _write_toc(writer: _Writer) -> None:
    """A TOC field whose cached result already lists the headings (page numbers come on open)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = writer.document
    heading = add_paragraph(document, word_style(document, "TOC Heading"))
    heading.add_run("Contents")
    entries = writer.headings or [(1, "Right-click and choose Update Field.")]
    for number, (level, text) in enumerate(entries):
        paragraph = add_paragraph(document, _toc_style(document, level))
        p = paragraph._p
        if number == 0:
            p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
            instr = parse_xml(
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve">'
                ' TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
            )
            p.append(instr)
            p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
        paragraph.add_run(clean_text(text))
        if number == len(entries) - 1:
            p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


def _toc_style(document: Any, level: int) -> Any:
    for style in document.styles:
        if style.style_id == f"TOC{level}":
            return style
    return word_style(document, "Normal")


# --- tables ------------------------------------------------------------------------------------


def _table_rows(tokens: Sequence[Any], index: int) -> tuple[list[list[Any]], list[str], int]:
    """Rows of inline tokens, the column alignments, and the index after `table_close`."""
    rows: list[list[Any]] = []
    aligns: list[str] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append(tokens[index + 1])
            if token.type == "th_open":
                style = str(token.attrGet("style") or "")
                aligns.append(style.removeprefix("text-align:"))
        index += 1
    return rows, aligns, index + 1


def _write_table(writer: _Writer, tokens: Sequence[Any], index: int) -> int:
    """A table, written as one piece of XML parsed once (`docx_xml.table_xml`): the elements
    python-docx's table calls made one by one, in a fraction of the time."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.shared import Emu

    from aiexp.document.docx_xml import table_xml

    rows, aligns, after = _table_rows(tokens, index)
    document = writer.document
    table_style = document.part.get_style_id(
        word_style(document, "Table Grid"), WD_STYLE_TYPE.TABLE
    )
    cell_style = word_style(document, "Table Text").style_id
    widths = [Emu(width).twips for width in _column_widths(writer, rows, len(aligns))]
    xml = table_xml(
        rows, aligns, widths, table_style, None if cell_style == "Normal" else cell_style
    )
    document.element.body._insert_tbl(parse_xml(xml))
    # A small gap after the table, so the next paragraph does not touch it.
    spacer = add_paragraph(document, word_style(document, "Normal"))
    spacer.paragraph_format.space_after = 0
    return after


def _column_widths(writer: _Writer, rows: list[list[Any]], columns: int) -> list[int]:
    """Column widths (EMU) that fill the text width exactly (autofit is off, so a table never
    runs off the page): each column gets at least the room of its longest unbreakable word
    (an amount such as $54,891,776.00 must not wrap), the rest is shared by the weights of the
    `[[widths:…]]` directive, or by the columns' average text length."""
    from docx.shared import Emu, Inches

    section = writer.document.sections[-1]
    text_width = int(section.page_width - section.left_margin - section.right_margin)
    weights = writer.widths if writer.widths and len(writer.widths) == columns else None
    minimums: list[float] = []
    averages: list[float] = []
    for c in range(columns):
        texts = [_plain(row[c]) for row in rows if c < len(row)]
        words = [w for text in texts for w in _BREAKS.split(text) if w]
        longest = max((len(w) for w in words), default=1)
        minimums.append(min(longest * _CHAR_WIDTH + _CELL_PADDING, 0.3 * text_width / Inches(1)))
        averages.append(max(sum(len(t) for t in texts) / max(len(texts), 1), 4.0))
    shares = [max(w, 0.1) for w in (weights if weights is not None else averages)]
    floors = [float(Inches(m)) for m in minimums]
    fixed: dict[int, float] = {}
    widths = list(floors)
    # Share the width by weight; a column whose share is below its floor keeps the floor and
    # the others share what is left, until every column fits.
    while len(fixed) < columns:
        free = [c for c in range(columns) if c not in fixed]
        room = text_width - sum(fixed.values())
        total = sum(shares[c] for c in free)
        proposal = {c: room * shares[c] / total for c in free}
        short = [c for c in free if proposal[c] < floors[c]]
        if not short:
            for c in free:
                widths[c] = proposal[c]
            break
        for c in short:
            fixed[c] = widths[c] = floors[c]
    scale = text_width / sum(widths)
    return [Emu(int(w * scale)) for w in widths]


# --- inline ------------------------------------------------------------------------------------


def _write_inline(paragraph: Any, inline: Any, *, bold: bool = False) -> None:
    strong = 1 if bold else 0
    emphasis = 0
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
            run = paragraph.add_run(clean_text(child.content))
            run.bold = True if strong else None
            run.italic = True if emphasis else None
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind == "image":
            paragraph.add_run(clean_text(child.content))
