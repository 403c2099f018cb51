"""The Word package around the body: base document, styles, header, footer, properties, zip.

`docx_writer` turns the Markdown into the body; this module makes what it is written into (the
default page setup of SPEC §6, or a `--reference-docx`'s styles and headers) and finishes the
package: the header and footer of every section, fixed document properties, the setting that
makes Word fill the fields on opening, and a zip with fixed entry times and order, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiexp.document.text import clean_text
from aiexp.errors import TemplateError

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BODY_FONT = "Arial"
# Parts that must come first in a DOCX zip (some readers sniff the first entries).
_FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")
# CT_Settings children that must follow w:updateFields (ECMA-376 Part 1, 17.15.1.78).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


@dataclass(frozen=True)
class DocumentSetup:
    """What the writer needs besides the Markdown: header lines, footer, properties, base file."""

    title: str
    subject: str
    keywords: str
    date: dt.date
    header_lines: Sequence[str] = ()
    footer_text: str = ""
    content_status: str = ""
    reference_docx: Path | None = None
    #: The document's author property: the proposer (the filed document names no tool).
    author: str = ""


def drop_thumbnail(document: Any) -> None:
    """Drop the default template's thumbnail (a picture of a blank page) that file browsers
    would show as the proposal's preview; an unrelated part is not saved."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    rels = document.part.package.rels
    for r_id in [k for k, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        del rels[r_id]


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times, a stable order and the same compression."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = [n for n in _FIRST_PARTS if n in names] + sorted(
        n for n in names if n not in _FIRST_PARTS
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


# --- the base document -------------------------------------------------------------------------


def base_document(setup: DocumentSetup) -> Any:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt

    if setup.reference_docx is None:
        document = Document()
        # SPEC §6: US Letter, 1-inch margins, 11 pt body.
        for section in document.sections:
            section.page_width = Inches(8.5)
            section.page_height = Inches(11)
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, Inches(1))
            section.header_distance = Inches(0.5)
            section.footer_distance = Inches(0.5)
        normal = document.styles["Normal"]
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        # Arial: on every Word installation, and metric-compatible with Liberation Sans where
        # LibreOffice renders it, so tables measured here fit the same way in both.
        for name in (
            "Normal",
            "Title",
            "Subtitle",
            "Heading 1",
            "Heading 2",
            "Heading 3",
            "TOC Heading",
            "Header",
            "Footer",
        ):
            set_font(word_style(document, name), BODY_FONT)
        _add_table_text_style(document)
        _add_toc_styles(document)
        return document
    # As pandoc does: the reference document's styles, page setup and headers, an empty body.
    try:
        document = Document(str(setup.reference_docx))
    except Exception as exc:  # python-docx raises several types for a bad package
        raise TemplateError(
            f"{setup.reference_docx}: not a Word .docx file that can be used for styles ({exc})"
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _add_table_text_style(document)
    _add_toc_styles(document)
    return document


def add_paragraph(container: Any, style: Any) -> Any:
    """A new paragraph in a style (set by id: python-docx's style setter is slow)."""
    paragraph = container.add_paragraph()
    apply_style(paragraph, style)
    return paragraph


def apply_style(paragraph: Any, style: Any) -> None:
    """Set a paragraph's style by its id (Normal is the default and is left implicit)."""
    if style.style_id != "Normal":
        paragraph._p.style = style.style_id


def set_font(style: Any, name: str) -> None:
    """Set a style's font; theme font attributes would win over it in Word, so drop them."""
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.rPr.rFonts
    for attribute in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    fonts.set(qn("w:cs"), name)


def word_style(document: Any, name: str) -> Any:
    """The named style; copied from python-docx's default template when the base lacks it."""
    try:
        return document.styles[name]
    except KeyError:
        pass
    from docx import Document

    default = Document()
    try:
        source = default.styles[name]
    except KeyError:
        raise TemplateError(f"the templates ask for an unknown Word style {name!r}") from None
    document.styles.element.append(copy.deepcopy(source.element))
    return document.styles[name]


def _add_table_text_style(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    try:
        document.styles["Table Text"]
        return
    except KeyError:
        pass
    style = document.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(9)
    style.paragraph_format.space_before = Pt(1)
    style.paragraph_format.space_after = Pt(1)


def _add_toc_styles(document: Any) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    existing = {s.style_id for s in document.styles}
    for level, indent in ((1, 0), (2, 220), (3, 440)):
        if f"TOC{level}" in existing:
            continue
        document.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TOC{level}">'
                f'<w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/>'
                f'<w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
                f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'
                f'<w:spacing w:after="60"/><w:ind w:left="{indent}"/></w:pPr></w:style>'
            )
        )


def write_header_footer(document: Any, setup: DocumentSetup) -> None:
    """Each section's header lines (centred, bold) and its footer with "Page N of M"."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    for section in document.sections:
        header = section.header
        for number, line in enumerate(setup.header_lines):
            existing = header.paragraphs
            if number == 0 and len(existing) == 1 and not existing[0].text:
                paragraph = existing[0]
            else:
                paragraph = header.add_paragraph()
            apply_style(paragraph, word_style(document, "Header"))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(clean_text(line))
            run.bold = True
            run.font.size = Pt(9)
        footer = section.footer
        paragraph = footer.add_paragraph() if footer.paragraphs[0].text else footer.paragraphs[0]
        apply_style(paragraph, word_style(document, "Footer"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        prefix = f"{clean_text(setup.footer_text)} — " if setup.footer_text else ""
        paragraph.add_run(f"{prefix}Page ").font.size = Pt(9)
        for field_code, shown in (("PAGE", "1"), ("NUMPAGES", "1")):
            paragraph._p.append(
                parse_xml(
                    f'<w:fldSimple {nsdecls("w")} w:instr=" {field_code} ">'
                    f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>{shown}</w:t></w:r></w:fldSimple>'
                )
            )
            if field_code == "PAGE":
                paragraph.add_run(" of ").font.size = Pt(9)


def set_properties(document: Any, setup: DocumentSetup) -> None:
    """Fixed core properties: the same inputs and --date give the same bytes."""
    moment = dt.datetime.combine(setup.date, dt.time(12, 0))
    props = document.core_properties
    props.title = clean_text(setup.title)
    props.subject = clean_text(setup.subject)
    props.keywords = clean_text(setup.keywords)
    props.author = clean_text(setup.author)
    props.last_modified_by = clean_text(setup.author)
    props.comments = ""
    props.category = "Proposal"
    props.content_status = setup.content_status
    props.revision = 1
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.identifier = ""
    props.language = "en-US"
    props.version = ""


def update_fields_on_open(document: Any) -> None:
    """`w:updateFields` so Word fills the table of contents and page numbers when it opens."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    element = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    for child in settings:
        local = child.tag.rsplit("}", 1)[-1]
        if local in _AFTER_UPDATE_FIELDS:
            child.addprevious(element)
            return
    settings.append(element)


def iter_xml_parts(data: bytes) -> Iterator[tuple[str, bytes]]:
    """Every XML part (and .rels) of a DOCX, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                yield name, archive.read(name)
