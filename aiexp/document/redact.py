"""Confidential information (notice Section VII): marked in the text, or withheld with --public.

"Proposers are responsible for properly identifying such information at the time of
submission." The full version marks every confidential row where it appears. The public version
is built from a redacted model: before any template runs, every value of a *withheld* row — one
marked confidential, or whose confidential cell could not be read (fail closed) — and of a
confidential BOM line (from the BOM sheet or a BOM file alike) is a `Redacted` object, which
prints as the redaction mark; and every other value of the template context that mentions a
withheld text — a name, a description, an amount — compared in folded form
(`aiexp.document.fold`: case, Unicode forms, format characters, Markdown, whole words, any
length) is replaced the same way (`Redactor.scrub`). Figures that would reveal a withheld value
by arithmetic are decided where they are computed (`aiexp.document.context`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from aiexp.content.format import money_display, money_str
from aiexp.document.fold import Needles, words
from aiexp.model import SHEETS, ConfidentialBasis, ConfidentialRow, Consortium, Kind, columns

if TYPE_CHECKING:
    from aiexp.content import ContentResult

_KINDS = {
    ConfidentialBasis.COMMERCIAL: "confidential commercial information",
    ConfidentialBasis.EXPORT_CONTROL: "export-control-sensitive information",
}
#: Columns whose values are codes or places, like a country: withheld in their own row but not
#: looked for elsewhere (a confidential row in Delaware does not redact every "Delaware").
_NOT_SEARCHED = frozenset({"state_of_organization", "classification"})
#: Legal-form words dropped from the end of a name, so "Pecos River Critical Facilities" is
#: found for "Pecos River Critical Facilities, LLC" (the screening module's list).
_MIN_SHORT_NAME = 5


class Redacted(str):
    """A withheld value: the redaction mark, printed wherever the value would have been."""

    __slots__ = ()


class Fixed(str):
    """Text the tool writes itself (a state the templates test, the notice's words): it is
    never redacted, however a confidential text reads."""

    __slots__ = ()


def kind_of(basis: ConfidentialBasis | str | None) -> str:
    """Which Section VII category a claim is (commercial when it does not say)."""
    if basis is not None and not isinstance(basis, ConfidentialBasis):
        basis = ConfidentialBasis(basis) if basis in _VALUES else None
    return _KINDS[basis or ConfidentialBasis.COMMERCIAL]


_VALUES = frozenset(member.value for member in ConfidentialBasis)


def marker(row: ConfidentialRow) -> str:
    """The mark shown beside a confidential row in the full version."""
    return full_mark(row.confidential_basis)


def full_mark(basis: ConfidentialBasis | str | None) -> str:
    """`[Confidential commercial information]` (or export-control-sensitive)."""
    kind = kind_of(basis)
    return f"[{kind[0].upper()}{kind[1:]}]"


def redaction(basis: ConfidentialBasis | str | None = None) -> Redacted:
    """The mark that replaces a withheld value in the public version."""
    return Redacted(f"[REDACTED — {kind_of(basis)}]")


#: The mark of a withheld cell beside its row's first cell, which names the kind (a table).
SHORT_MARK = Redacted("[REDACTED]")


def redacted_lines(count: int, basis: ConfidentialBasis | str | None = None) -> Redacted:
    """The mark that stands for `count` withheld BOM lines in a list."""
    lines = "line" if count == 1 else "lines"
    return Redacted(f"[REDACTED — {count} {lines} of {kind_of(basis)}]")


def all_marks() -> list[str]:
    """Every mark the tool prints (the tool's own words, for the leak check)."""
    marks = []
    for basis in (None, *ConfidentialBasis):
        marks += [full_mark(basis), redaction(basis), redacted_lines(2, basis)]
    return marks


def amount_forms(amount: Decimal | None) -> list[str]:
    """How an amount is written in the document and the manifest: `1,234.50`, `1234.50`."""
    if amount is None or not amount:
        return []
    return [money_display(amount), money_str(amount)]


@cache
def _searched_columns(model: type[ConfidentialRow]) -> tuple[tuple[str, Kind], ...]:
    return tuple(
        (col.key, col.kind)
        for col in columns(model)
        if col.kind in (Kind.TEXT, Kind.LIST, Kind.MONEY)
        and col.key not in _NOT_SEARCHED
        and col.key not in ("confidential", "confidential_basis")
    )


@lru_cache(maxsize=1 << 14)
def short_name(text: str) -> str | None:
    """A name without its legal form (`Zyphrax Quorvane, Inc.` → `zyphrax quorvane`), if that
    leaves a distinctive name (two words, or one of five letters or more that is not generic)."""
    from aiexp.screening.names import COMMON_WORDS, name_words

    folded = words(text)
    stripped = name_words(list(folded))
    if stripped == folded or not stripped:
        return None
    if len(stripped) == 1 and (len(stripped[0]) < _MIN_SHORT_NAME or stripped[0] in COMMON_WORDS):
        return None
    return " ".join(stripped)


def row_secrets(row: ConfidentialRow, rates: Mapping[str, Decimal] | None = None) -> Iterator[str]:
    """The texts and amounts of a withheld row that no other value may show."""
    for key, kind in _searched_columns(type(row)):
        value = getattr(row, key, None)
        if value is None or value == "":
            continue
        if kind is Kind.MONEY:
            yield from amount_forms(value)
            currency = str(getattr(row, "currency", "USD") or "USD").upper()
            rate = (rates or {}).get(currency)
            if rate is not None and currency != "USD":
                yield from amount_forms(value * rate)
        elif kind is Kind.LIST:
            items = [str(item) for item in value]
            yield from items
            yield ", ".join(items)
        elif key == "ultimate_parent" and words(str(value)) == ["none"]:
            continue  # "none": the member is its own parent, not a name
        else:
            yield str(value)
            short = short_name(str(value))
            if short is not None:
                yield short


@dataclass
class Redactor:
    """Marks confidential rows (full version), or withholds them and what mentions them."""

    public: bool
    #: What no value of the public version may mention, each with the mark that replaces it.
    needles: Needles[Redacted] = field(default_factory=Needles)
    #: BOM line ids of confidential lines (BOM sheet or BOM file), with their basis.
    bom_lines: dict[str, Any] = field(default_factory=dict)
    #: Rows and BOM lines that are withheld (for the header and the cover).
    confidential_rows: int = 0
    #: The needles the last check of the output looks for (set when the context is built).
    checked: Needles[Redacted] = field(default_factory=Needles)

    @classmethod
    def for_model(
        cls,
        consortium: Consortium,
        content: ContentResult | None,
        *,
        public: bool,
        rates: Mapping[str, Decimal] | None = None,
    ) -> Redactor:
        """The redactor of a proposal: its withheld rows and lines, and (public) their texts."""
        redactor = cls(public=public)
        for row in _confidential_rows(consortium):
            if not row.withheld:
                continue
            redactor.confidential_rows += 1
            if public:
                mark = redaction(row.confidential_basis)
                for secret in row_secrets(row, rates):
                    redactor.needles.add(secret, mark)
        for row in consortium.bom:
            if row.withheld and row.line_id:
                redactor.bom_lines.setdefault(row.line_id, row.confidential_basis)
        if content is not None:
            lines = content.confidential_lines
            for index, line in enumerate(lines):
                basis = lines.basis(index)
                if line.line_id not in redactor.bom_lines:
                    # A BOM file's line (a BOM sheet's row is counted with the rows above).
                    redactor.bom_lines[line.line_id] = basis
                    redactor.confidential_rows += 1
                if public:
                    mark = redaction(basis)
                    texts = [line.line_id, line.description, line.supplier, lines.notes(index)]
                    for text in texts:
                        if text:
                            redactor.needles.add(text, mark)
                    short = short_name(line.supplier)
                    if short is not None:
                        redactor.needles.add(short, mark)
                    for form in amount_forms(line.line_value):
                        redactor.needles.add(form, mark)
        return redactor

    # -- rows ---------------------------------------------------------------------------------
    def mark(self, row: ConfidentialRow | None) -> str:
        """The mark to print beside a row ("" when not confidential, or in the public version)."""
        return marker(row) if row is not None and row.withheld and not self.public else ""

    def value(self, row: ConfidentialRow | None, shown: Any, *, short: bool = False) -> Any:
        """A row's value as shown: itself, or the redaction mark for a withheld row (public);
        `short` for a table cell beside the row's first cell (which names the kind)."""
        if row is None or not (self.public and row.withheld) or shown is None or shown == "":
            return shown
        return SHORT_MARK if short else redaction(row.confidential_basis)

    # -- BOM lines ----------------------------------------------------------------------------
    def bom_withheld(self, line_id: str) -> bool:
        """Whether the BOM line with this id is confidential."""
        return line_id in self.bom_lines

    def bom(self, line_id: str, shown: Any, *, short: bool = False) -> Any:
        """A BOM line's value: itself, or the redaction mark (public) for a confidential line."""
        if line_id not in self.bom_lines or shown is None or shown == "" or not self.public:
            return shown
        return SHORT_MARK if short else redaction(self.bom_lines[line_id])

    def bom_mark(self, line_id: str) -> str:
        """The mark beside a confidential BOM line in the full version ("" otherwise)."""
        if self.public or line_id not in self.bom_lines:
            return ""
        return full_mark(self.bom_lines[line_id])

    # -- everything else ----------------------------------------------------------------------
    def mentions(self, text: str) -> Redacted | None:
        """The mark of a withheld text that `text` mentions, or None (always None when full)."""
        if not self.public or not self.needles:
            return None
        return self.needles.find(text)

    def text(self, value: Any) -> Any:
        """A value that belongs to no withheld row: itself, or the mark if it mentions one."""
        if isinstance(value, str) and not isinstance(value, (Redacted, Fixed)):
            return self.mentions(value) or value
        return value

    def scrub(self, tree: Any) -> Any:
        """Every text of a template context that mentions a withheld text, replaced by its mark.

        Run on the whole context after it is built, so no value reaches a template unchecked;
        `Redacted` and `Fixed` values are left as they are. Lists and dicts are changed in place.
        """
        if not self.public or not self.needles:
            return tree
        return self._scrub(tree)

    def _scrub(self, value: Any) -> Any:
        if isinstance(value, dict):
            for key, item in value.items():
                value[key] = self._scrub(item)
            return value
        if isinstance(value, list):
            for index, item in enumerate(value):
                value[index] = self._scrub(item)
            return value
        if isinstance(value, tuple):
            return tuple(self._scrub(item) for item in value)
        return self.text(value)


def fixed_texts(tree: Any) -> Iterator[str]:
    """Every `Fixed` text of a template context (the tool's own words in it)."""
    if isinstance(tree, Fixed):
        yield str(tree)
    elif isinstance(tree, Mapping):
        for item in tree.values():
            yield from fixed_texts(item)
    elif isinstance(tree, (list, tuple)):
        for item in tree:
            yield from fixed_texts(item)


def _confidential_rows(consortium: Consortium) -> Iterable[ConfidentialRow]:
    for spec in SHEETS:
        if issubclass(spec.row_model, ConfidentialRow):
            yield from getattr(consortium, spec.attribute)
