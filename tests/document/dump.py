"""Read a rendered DOCX back with python-docx: the text dump the golden file holds.

Run `UPDATE_GOLDEN=1 pytest tests/document` to rewrite tests/document/golden/*.txt after an
intended change to the templates or the writer (then read the diff before committing).
"""

from __future__ import annotations

import io
import zipfile

import docx
from defusedxml import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def text_dump(data: bytes) -> str:
    """Headings with their level, paragraphs with their style, tables as rows of " | "."""
    document = docx.Document(io.BytesIO(data))
    lines = []
    section = document.sections[0]
    lines.extend(f"[header] {p.text}" for p in section.header.paragraphs if p.text)
    lines.extend(f"[footer] {p.text}" for p in section.footer.paragraphs if p.text)
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines.append("[table]")
            lines.extend("  " + " | ".join(cell.text for cell in row.cells) for row in block.rows)
            continue
        if not block.text.strip():
            continue
        style = block.style.name if block.style is not None else "Normal"
        lines.append(f"[{style}] {block.text}")
    return "\n".join(lines) + "\n"


def parts(data: bytes) -> dict[str, bytes]:
    """Every part of the DOCX zip by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def all_text(data: bytes) -> str:
    """Every text node of every XML part (body, headers, footers, properties), joined."""
    texts = []
    for name, content in sorted(parts(data).items()):
        if name.endswith((".xml", ".rels")):
            root = ElementTree.fromstring(content)
            texts.extend(node.text for node in root.iter() if node.text)
    return "\n".join(texts)
