"""One cell's value by its column's value rule (SPEC §2 "Value rules"), and column letters.

Kept apart from the reader so that content-calc's CSV path can parse values without importing
the workbook reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from aiexp.model import ColumnSpec, Kind
from aiexp.values import (
    normalise_header,
    parse_country,
    parse_date,
    parse_layer,
    parse_layers,
    parse_list,
    parse_money,
    parse_percent,
    parse_text,
    parse_yes_no,
    to_decimal,
)

_CURRENCY = re.compile(r"^[A-Z]{3}$")


def get_column_letter(index: int) -> str:
    """The column letter of a 1-based index (`A` for 1, `XFD` for 16384)."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def parse_value(raw: Any, number_format: str | None, spec: ColumnSpec) -> Any:
    """Parse one non-blank cell by its column's value rule; raises ValueError."""
    kind = spec.kind
    if kind is Kind.TEXT:
        return parse_text(raw)
    if kind is Kind.MONEY:
        return parse_money(raw)
    if kind is Kind.NUMBER:
        number = to_decimal(raw)
        if number <= 0:
            raise ValueError(f"expected a positive number, got {parse_text(raw)!r}")
        return number
    if kind is Kind.PERCENT:
        return parse_percent(raw, number_format)
    if kind is Kind.COUNTRY:
        return parse_country(raw)
    if kind is Kind.COUNTRIES:
        return [parse_country(item) for item in parse_list(raw)]
    if kind is Kind.YES_NO:
        return parse_yes_no(raw)
    if kind is Kind.LIST:
        return parse_list(raw)
    if kind is Kind.LAYER:
        return parse_layer(raw)
    if kind is Kind.LAYERS:
        return parse_layers(raw)
    if kind is Kind.DATE:
        return parse_date(raw)
    if kind is Kind.CURRENCY:
        return parse_currency(raw)
    if kind is Kind.CHOICE and spec.choices_from is not None:
        # The profile owns these choices: the text is kept, and a rule checks it against the
        # profile in use (`aiexp.rules.support`).
        return parse_text(raw)
    if kind is Kind.CHOICE:
        return parse_choice(raw, spec.choices)
    if kind is Kind.CHOICES:
        return [parse_choice(item, spec.choices) for item in parse_list(raw)]
    raise AssertionError(f"unhandled kind {kind}")  # pragma: no cover


def parse_currency(raw: Any) -> str:
    """An ISO 4217 currency code such as USD or EUR."""
    text = parse_text(raw).upper()
    if not _CURRENCY.match(text):
        raise ValueError(f"expected a three-letter currency code such as EUR, got {text!r}")
    return text


def parse_choice(raw: Any, choices: Iterable[str]) -> str:
    """One of a column's choices, matched ignoring case, spaces, `_` and `-`."""
    choices = tuple(choices)
    wanted = normalise_header(parse_text(raw))
    for choice in choices:
        if normalise_header(choice) == wanted:
            return choice
    raise ValueError(f"expected one of {', '.join(choices)}; got {parse_text(raw)!r}")
