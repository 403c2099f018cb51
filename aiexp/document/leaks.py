"""The last check of a public version: no withheld text anywhere a reader could see it.

The public version is built from a redacted model (`aiexp.document.redact`); this check looks at
what was actually produced, as a reader would: the visible text of every part of the DOCX
(body, headers, footers, comments, footnotes, core and app properties, image alt text, link
targets and tooltips) and every value of the manifest, folded (`aiexp.document.fold`) and
compared whole word by whole word. XML syntax is never text here: namespace URIs, attribute
values of layout and style, and escaped characters are read by an XML parser, not searched as
bytes, so a withheld `2006` does not match a namespace.

A withheld text that is also part of the tool's own wording — the notice's words, a template's
text, the redaction mark (`information`), a small number (a count, a layer) — cannot be told
apart from that wording in the output; for such a text the redaction of the model, which checks
every value the templates print, is the guarantee. Every other withheld text must not appear:
if one does, nothing is written.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from aiexp.document.fold import Needles, variants, words
from aiexp.errors import OutputError

#: Elements whose text is not shown: timestamps and counters of the document properties.
_NOT_SHOWN = frozenset(
    {"created", "modified", "lastPrinted", "revision", "TotalTime", "Pages", "Words", "Lines"}
)
#: Elements that end a run of text (a paragraph, a cell, a tab, a line break).
_BREAKS = frozenset({"p", "tab", "br", "cr", "tc", "tr", "ptab"})
#: Attributes that a reader sees: alt text, titles, tooltips, link targets.
_SHOWN_ATTRIBUTES = frozenset({"descr", "title", "tooltip"})
#: Integers below this are counts, layer and section numbers: ordinary text.
_ORDINARY_NUMBER = 1000
#: python-docx's own document properties (app.xml).
_WRITER_WORDS = "Normal.dotm Microsoft Macintosh Word Page of Right-click and choose Update Field."


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def visible_text(name: str, data: bytes) -> str:
    """The text of one XML part that a reader can see (see the module docstring)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser=parser)
    pieces: list[str] = []
    for element in root.iter():
        local = _local(element.tag)
        if not local:
            continue  # a comment or a processing instruction
        if local in _BREAKS:
            pieces.append(" ")
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            if key in _SHOWN_ATTRIBUTES or (
                key == "Target" and element.get("TargetMode") == "External"
            ):
                pieces.append(f" {value} ")
        if element.text and local not in _NOT_SHOWN:
            pieces.append(element.text)
        if element.tail:
            pieces.append(element.tail)
    return "".join(pieces)


def docx_texts(docx: bytes) -> Iterator[tuple[str, str]]:
    """(part name, visible text) of every XML part of a DOCX."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                yield name, visible_text(name, archive.read(name))


def json_texts(value: Any) -> Iterator[str]:
    """Every value of a JSON document as text (keys are the tool's own)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from json_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_texts(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def tool_words(template_dirs: Iterable[Path], texts: Iterable[str]) -> list[str]:
    """The tool's own wording, folded: every template file, and the given texts."""
    found: list[str] = words(_WRITER_WORDS)
    for folder in template_dirs:
        found += _folder_words(folder)
    for text in texts:
        found += [*words(text), "\n"]
    return found


@functools.lru_cache(maxsize=4)
def _folder_words(folder: Path) -> list[str]:
    # The shipped templates, read once per process.
    found: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found += [*words(path.read_text(encoding="utf-8", errors="replace")), "\n"]
    return found


def checked_needles(needles: Needles[Any], wording: list[str]) -> Needles[Any]:
    """The needles the output check looks for: not the tool's own words, nor small numbers."""
    ordinary = needles.all_in_words(wording)
    ordinary.update(
        key
        for key, _ in needles.needles()
        if len(key) == 1 and key[0].isdigit() and int(key[0]) < _ORDINARY_NUMBER
    )
    return needles.without(ordinary)


def leaks(texts: Iterable[tuple[str, str]], needles: Needles[Any]) -> list[tuple[str, str]]:
    """(where, withheld text) for every withheld text found in the given texts."""
    found: list[tuple[str, str]] = []
    if not needles:
        return found
    for where, text in texts:
        hits: set[tuple[str, ...]] = set()
        for tokens in variants(text):
            hits |= needles.all_in_words(tokens)
        found += [(where, " ".join(key)) for key in sorted(hits)]
    return found


def refuse_leaks(found: list[tuple[str, str]]) -> None:
    """OutputError naming where withheld text remains (nothing is written)."""
    if not found:
        return
    places = sorted({where for where, _ in found})
    sample = found[0][1]
    shown = sample if len(sample) <= 40 else sample[:37] + "..."
    raise OutputError(
        f"the public version would still show confidential text ({shown!r} in "
        f"{', '.join(places)}); nothing was written"
    )
