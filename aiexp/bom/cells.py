"""A BOM or rates cell by its column's value rule (SPEC §2), through `aiexp.values`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aiexp.values import (
    parse_choice,
    parse_country,
    parse_currency,
    parse_date,
    parse_layer,
    parse_layers,
    parse_list,
    parse_money,
    parse_number,
    parse_percent,
    parse_text,
    parse_yes_no,
)


def parse_by_kind(
    value: object,
    number_format: str | None,
    kind: str,
    choices: Iterable[str] = (),
    decimal_comma: bool = False,
) -> Any:
    """One non-blank cell by its column's value rule (a `Kind` value: `money`, `country`…)."""
    if kind == "text":
        return parse_text(value)
    if kind == "money":
        return parse_money(value, decimal_comma)
    if kind == "number":
        return parse_number(value, decimal_comma)
    if kind == "percent":
        return parse_percent(value, number_format, decimal_comma)
    if kind == "country":
        return parse_country(value)
    if kind == "countries":
        return [parse_country(item) for item in parse_list(value)]
    if kind == "yes/no":
        return parse_yes_no(value)
    if kind == "list":
        return parse_list(value)
    if kind == "layer":
        return parse_layer(value)
    if kind == "layers":
        return parse_layers(value)
    if kind == "date":
        return parse_date(value)
    if kind == "currency":
        return parse_currency(value)
    if kind == "choice":
        return parse_choice(value, choices)
    if kind == "choices":
        return [parse_choice(item, choices) for item in parse_list(value)]
    raise AssertionError(f"unhandled kind {kind}")  # pragma: no cover
