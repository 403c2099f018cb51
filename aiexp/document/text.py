"""Workbook text made safe for the proposal's Markdown: escaped data, cleaned narratives.

Workbook values are data. Jinja2 never evaluates a value passed in the context, so `{{ x }}` in a
cell already prints as itself; what remains is Markdown: a `|` in a name must not split a table
cell, a leading `#` or `1.` must not turn a value into a heading or a list, and `&amp;` must not
become `&`. So every workbook value inserted into the Markdown goes through `escape_inline`,
which backslash-escapes every ASCII punctuation character — CommonMark lets any of them be
escaped — and joins lines. Narratives ARE Markdown (the workbook
allows paragraphs, lists, **bold** and *italic*); `narrative_markdown` keeps that subset and
neutralises the rest (headings, setext underlines, fences, indented code, directives).
"""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold (C0 controls except tab, line feed and carriage return; lone
# surrogates; U+FFFE/U+FFFF). python-docx refuses them, so they are dropped (SPEC §6).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_WHITESPACE_RUN = re.compile(r"\s+")
# A `<`, `&` or `|` not already escaped: preceded by an even number of backslashes (maybe none).
_UNESCAPED_HTML = re.compile(r"(?<!\\)((?:\\\\)*)([<&|])")
#: The deepest indentation a narrative line keeps: four levels of `- ` bullets (three of `1. `);
#: deeper lines become items of the deepest level.
MAX_INDENT = 8
_BLOCK_START = re.compile(r"^(\s*)([#>]|`{3,}|~{3,}|[=\-]+\s*$|\[\[|\|)")


def clean_text(text: str) -> str:
    """Drop the characters an XML document cannot hold; normalise line ends to `\\n`."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def escape_inline(value: object) -> str:
    """A workbook value as literal Markdown text on one line: every punctuation mark escaped."""
    if value is None:
        return ""
    text = _WHITESPACE_RUN.sub(" ", clean_text(str(value))).strip()
    return _ASCII_PUNCTUATION.sub(r"\\\1", text)


def narrative_markdown(value: object) -> str:
    """A narrative as the Markdown subset the workbook allows: paragraphs, lists, bold, italic.

    Headings, quotes, fences, tables and setext underlines would break the proposal's own
    structure, so their markers are escaped and they print as plain text (indented code is
    written as a plain paragraph by the DOCX writer). Every `|` is literal: the subset has no
    tables (a pipe-separated line with a `--|--` row would otherwise become a Word table). Lists
    nested deeper than the subset's levels are flattened to the deepest one — their text is kept
    whole; a parser's nesting limit must never cut the rest of the proposal.
    """
    if value is None:
        return ""
    lines = []
    for line in clean_text(str(value)).split("\n"):
        line = line.rstrip()
        text = line.lstrip(" \t")
        if len(line[: len(line) - len(text)].expandtabs(4)) > MAX_INDENT:
            line = " " * MAX_INDENT + text
        match = _BLOCK_START.match(line)
        if match:
            indent = match.group(1)
            rest = line[len(indent) :]
            line = indent + "\\" + rest
        # HTML, entities and table pipes print as text; one the writer already escaped stays so.
        line = _UNESCAPED_HTML.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines).strip("\n")
