"""Confidential information (notice Section VII): marked in the text, or redacted with --public.

"Proposers are responsible for properly identifying such information at the time of
submission." Rows and narratives marked `confidential` are marked where they appear; the public
version replaces every value of such a row with a redaction mark, and then scrubs the whole
document for the row's free text and amounts, so that a confidential name quoted elsewhere (a
member named in Operations, a provider in a finding) is redacted too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aiexp.document.text import clean_text, escape_inline
from aiexp.model import ConfidentialBasis, ConfidentialRow

_KINDS = {
    ConfidentialBasis.COMMERCIAL: "confidential commercial information",
    ConfidentialBasis.EXPORT_CONTROL: "export-control-sensitive information",
}
# A secret shorter than this is not scrubbed document-wide (it would hit ordinary words);
# it is still replaced in its own row.
_MIN_SECRET = 4
# A confidential entity's name is often written elsewhere without its legal form
# ("Pecos River Critical Facilities" for "Pecos River Critical Facilities, LLC").
_LEGAL_FORM = re.compile(
    r"^(?P<base>.{8,}?),?\s+(?:LLC|L\.L\.C\.|Inc\.?|Corp\.?|Corporation|Ltd\.?|Limited|GmbH|AG|"
    r"K\.K\.|Co\.,? Ltd\.?|A/S|S\.A\.|SAS|B\.V\.|N\.V\.|plc|PLC|sp\. z o\.o\.|FZ-LLC)$"
)


def kind_of(row: ConfidentialRow) -> str:
    """Which Section VII category a confidential row claims (commercial when it does not say)."""
    return _KINDS[row.confidential_basis or ConfidentialBasis.COMMERCIAL]


def marker(row: ConfidentialRow) -> str:
    """The mark shown beside a confidential row in the full version."""
    kind = kind_of(row)
    return f"[{kind[0].upper()}{kind[1:]}]"


def redaction(row: ConfidentialRow) -> str:
    """The text that replaces a confidential value in the public version."""
    return f"[REDACTED — {kind_of(row)}]"


@dataclass
class Redactor:
    """Marks confidential rows, or (public) replaces their values and remembers them to scrub."""

    public: bool
    secrets: dict[str, str] = field(default_factory=dict)
    confidential_rows: int = 0

    def note(self, row: ConfidentialRow) -> None:
        """Count a confidential row (for the page header)."""
        if row.confidential:
            self.confidential_rows += 1

    def mark(self, row: ConfidentialRow) -> str:
        """The mark to print beside the row ("" when not confidential or when public)."""
        return marker(row) if row.confidential and not self.public else ""

    def value(self, row: ConfidentialRow, shown: Any, *, secret: bool = True) -> Any:
        """A row's value as shown: itself, or in the public version of a confidential row the
        redaction mark (free text and amounts are also scrubbed from the rest of the document)."""
        if not (self.public and row.confidential) or shown is None or shown == "":
            return shown
        if secret:
            text = clean_text(str(shown)).strip()
            if len(text) >= _MIN_SECRET:
                self.secrets[text] = redaction(row)
                short = _LEGAL_FORM.match(text)
                if short:
                    self.secrets[short.group("base")] = redaction(row)
        return redaction(row)

    def scrub_markdown(self, markdown: str) -> str:
        """Replace every remembered secret, in its escaped and its plain form, by its mark."""
        for secret, mark in self._ordered():
            markdown = markdown.replace(escape_inline(secret), escape_inline(mark))
            markdown = markdown.replace(secret, escape_inline(mark))
        return markdown

    def scrub_text(self, text: str) -> str:
        """Replace every remembered secret in plain text (properties, the manifest)."""
        for secret, mark in self._ordered():
            text = text.replace(secret, mark)
        return text

    def scrub_json(self, value: Any) -> Any:
        """Scrub every string of a JSON-like value."""
        if isinstance(value, str):
            return self.scrub_text(value)
        if isinstance(value, list):
            return [self.scrub_json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub_json(v) for k, v in value.items()}
        return value

    def leaks(self, parts: Iterable[tuple[str, bytes]]) -> list[str]:
        """The parts of a DOCX in which a secret still appears (plain or XML-escaped)."""
        found = []
        for name, data in parts:
            text = data.decode("utf-8", errors="replace")
            for secret in self.secrets:
                escaped = secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                if secret in text or escaped in text:
                    found.append(name)
                    break
        return found

    def _ordered(self) -> list[tuple[str, str]]:
        # Longest first, so a secret that contains another is replaced whole.
        return sorted(self.secrets.items(), key=lambda item: (-len(item[0]), item[0]))
