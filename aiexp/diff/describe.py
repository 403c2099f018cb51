"""Values in words: how a changed field, a percentage, a country or a rewritten text is said.

The words go into each change's summary (JSON and Markdown alike); they are plain prose, with no
Markdown of their own, so the Markdown writer can escape a summary whole (`aiexp.diff.markdown`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from aiexp.content.format import money_display, pct_str
from aiexp.model import ColumnSpec, Kind
from aiexp.values import country_name, normalise_name

# Text longer than this is summarised by word counts instead of being quoted.
_QUOTE_LIMIT = 80
_PROSE_FIELDS = frozenset({"text", "offering"})
_WORDS = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")


def name_key(value: str | None) -> str | None:
    """An entity name as a row key: normalised case and spacing; None when blank."""
    return normalise_name(value) if value and value.strip() else None


def one_line(value: str | None) -> str:
    """Text with its runs of white space (line breaks too) as single spaces."""
    return _SPACES.sub(" ", value.strip()) if value else ""


def enum_text(value: Any) -> str:
    """An enum by its value, anything else as text."""
    return str(value.value) if isinstance(value, Enum) else str(value)


def field_detail(col: ColumnSpec, old: Any, new: Any, *, wording: bool) -> str:
    """`country-of-concern ownership 0 % → 12 %`, or a word-level summary for prose."""
    name = _field_name(col)
    if col.key in _PROSE_FIELDS:
        # A narrative or a layer offering is all prose: its word summary is the whole story.
        return word_summary(old or "", new or "")
    if wording or _long(old) or _long(new):
        return f"{name} {word_summary(old or '', new or '')}"
    return f"{name} {show(old, col)} → {show(new, col)}"


def _field_name(col: ColumnSpec) -> str:
    label = col.label.removesuffix(" %")
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def _long(value: Any) -> bool:
    return isinstance(value, str) and len(value) > _QUOTE_LIMIT


def show(value: Any, col: ColumnSpec) -> str:
    """A value in prose: countries by name, percentages with `%`, money with separators."""
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        # A blank percentage of ownership means unknown (SPEC §2 Members).
        return "unknown" if col.kind is Kind.PERCENT else "blank"
    if isinstance(value, list):
        return ", ".join(show(item, col).strip("“”") for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        if col.kind is Kind.PERCENT:
            return f"{pct_text(value)} %"
        if col.kind is Kind.MONEY:
            return f"{money_display(value)}"
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if col.kind in (Kind.COUNTRY, Kind.COUNTRIES) and isinstance(value, str):
        return country(value)
    if isinstance(value, str):
        return f"“{one_line(value)}”"
    return str(value)


def pct_text(value: Decimal) -> str:
    """A percentage truncated to 4 places, without trailing zeros: `51`, `12.5`."""
    text = pct_str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def country(code: str) -> str:
    """A country by its name (`Japan`), or the code as given when it is not one."""
    try:
        return country_name(code)
    except (KeyError, LookupError, ValueError):
        return code


def layers_phrase(layers: Sequence[int]) -> str:
    """`layer 3` or `layers 1, 4`."""
    ordered = sorted(set(layers))
    if len(ordered) == 1:
        return f"layer {ordered[0]}"
    return f"layers {', '.join(str(n) for n in ordered)}"


def money_text(value: dict[str, Decimal]) -> str:
    """Sums per currency: `USD 1,000.00 + EUR 20.00`, or `none`."""
    if not value:
        return "none"
    return " + ".join(
        f"{currency} {money_display(amount)}" for currency, amount in sorted(value.items())
    )


# -- prose: word-level summaries ----------------------------------------------------------------
def word_count(text: str | None) -> int:
    """How many words (runs of non-space characters) a text has."""
    return len(_WORDS.findall(text or ""))


def word_summary(old: str, new: str) -> str:
    """`rewritten: 412 → 455 words, 38 % of words changed` — a measure, not a text diff."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    if not old_words:
        return f"added: {words(len(new_words))}"
    if not new_words:
        return f"removed: {words(len(old_words))}"
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    longest = max(len(old_words), len(new_words))
    # Integer arithmetic, half up: a display figure, not one of the proposal's percentages.
    changed = ((longest - kept) * 200 + longest) // (2 * longest)
    if changed == 0:
        changed_text = "under 1 %"
    else:
        changed_text = f"{changed} %"
    verb = "rewritten" if changed >= 50 else "edited"
    counts = f"{len(old_words)} → {words(len(new_words))}"
    return f"{verb}: {counts}, {changed_text} of words changed"


def words(count: int) -> str:
    """`1 word`, `2 words`."""
    return f"{count} word" if count == 1 else f"{count} words"
