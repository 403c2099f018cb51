"""What a reader of a public version can see, read independently of aiexp's own leak check.

`shown_texts` takes every part of a DOCX apart with a plain regular expression (the text between
tags, entities decoded, plus alt text, titles and tooltips) and the manifest as it is on disk;
`squash` folds a text more coarsely than aiexp does — Unicode compatibility forms, case, format
characters and accents, and then *every* character that is not a letter or digit dropped — so
`Zyph\\u00adrax Quor-vane`, `**Zyphrax** Quorvane` and `ZYPHRAX\\nQUORVANE` all squash to
`zyphraxquorvane`. A distinctive secret that squashes into a part's squashed text is visible in it.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from pathlib import Path

_TAG = re.compile(r"<[^>]*>")
_SHOWN_ATTRIBUTE = re.compile(r'\b(?:descr|title|tooltip)="([^"]*)"')
_PARAGRAPH_END = re.compile(r"</w:p>|<w:br/>|<w:tab/>")


def squash(text: str) -> str:
    """Letters and digits only, case folded, accents and format characters dropped (NFKC)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    folded = unicodedata.normalize("NFKC", kept).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def words(text: str) -> list[str]:
    """The words of a text, folded like `squash` (for short secrets, found as whole words)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    folded = unicodedata.normalize("NFKC", kept).casefold().replace("*", "").replace("_", "")
    return re.findall(r"[^\W_]+", folded)


def part_text(data: bytes) -> str:
    """The text of an XML part as a reader sees it: between the tags, and alt text."""
    text = data.decode("utf-8", errors="replace")
    shown = " ".join(html.unescape(value) for value in _SHOWN_ATTRIBUTE.findall(text))
    body = _TAG.sub("", _PARAGRAPH_END.sub(" \n", text))
    return html.unescape(body) + " " + shown


def docx_parts(data: bytes) -> dict[str, str]:
    """Every XML part of a DOCX (body, headers, footers, properties, …) as shown text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: part_text(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def shown_texts(docx: Path) -> dict[str, str]:
    """The DOCX's parts and its manifest beside it, as text a reader sees."""
    texts = docx_parts(docx.read_bytes())
    manifest = docx.with_suffix(".manifest.json")
    if manifest.exists():
        texts["manifest"] = manifest.read_text(encoding="utf-8")
    return texts


def where_shown(secret: str, texts: dict[str, str]) -> list[str]:
    """The parts in which a secret is visible (squashed, anywhere; or as whole words)."""
    target = squash(secret)
    found = []
    for name, text in texts.items():
        if len(target) >= 6:
            if target in squash(text):
                found.append(name)
        else:
            needle = words(secret)
            tokens = words(text)
            size = len(needle)
            if any(tokens[i : i + size] == needle for i in range(len(tokens) - size + 1)):
                found.append(name)
    return found
