"""Exchange-rate tables (`currency,usd_per_unit,as_of,source`) and the `--rate` option (SPEC §1)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from aiexp.bom.columns import RATES
from aiexp.bom.files import open_sheet, open_table
from aiexp.bom.table import Table
from aiexp.errors import AiexpError, BomError
from aiexp.values import is_blank, to_decimal

_RATE_OPTION = re.compile(r"^\s*([A-Za-z]{3})\s*=\s*(.+?)\s*$")


def parse_rate_option(text: str) -> tuple[str, Decimal]:
    """`--rate EUR=1.0832` → ("EUR", Decimal("1.0832")): U.S. dollars for one unit."""
    match = _RATE_OPTION.match(text)
    if match is None:
        raise AiexpError(f"--rate {text!r}: expected CUR=USD_PER_UNIT, such as EUR=1.0832")
    try:
        rate = to_decimal(match.group(2))
    except ValueError as exc:
        raise AiexpError(
            f"--rate {text!r}: {match.group(2)!r} is not a number of U.S. dollars per unit ({exc})"
        ) from None
    if rate <= 0:
        raise AiexpError(f"--rate {text!r}: a rate must be a positive number")
    return match.group(1).upper(), rate


def read_rates_table(table: Table) -> dict[str, Decimal]:
    """The rates of an open Rates table: currency → U.S. dollars per unit."""
    for key in ("currency", "usd_per_unit"):
        if key not in table.positions:
            raise BomError(f"{table.header_where(key)}: the rates table has no {key} column")
    rates: dict[str, Decimal] = {}
    seen: dict[str, int] = {}
    for number, values, formats in table.records:
        if all(is_blank(v) for v in values):
            continue
        parsed: dict[str, Any] = {}
        for key in ("currency", "usd_per_unit"):
            index = table.positions[key]
            raw = values[index]
            if is_blank(raw):
                raise BomError(f"{table.where(number, key)}: {key} is required")
            parsed[key] = table.cell(number, key, raw, formats[index] if formats else None)
        currency, rate = parsed["currency"], parsed["usd_per_unit"]
        if currency == "USD" and rate != 1:
            raise BomError(f"{table.where(number, 'usd_per_unit')}: USD is 1 U.S. dollar per unit")
        if currency in rates and rates[currency] != rate:
            raise BomError(
                f"{table.where(number, 'currency')}: {currency} is given twice with different "
                f"rates (also line/row {seen[currency]})"
            )
        rates[currency] = rate
        seen.setdefault(currency, number)
    return rates


def read_rates(path: Path) -> dict[str, Decimal]:
    """Rates from a CSV (`currency,usd_per_unit,as_of,source`) or an .xlsx's Rates sheet."""
    with open_table(path, RATES) as table:
        return read_rates_table(table)


def read_sheet_rates(path: Path) -> dict[str, Decimal]:
    """The rates of a workbook's own Rates sheet (empty when it has none)."""
    with open_sheet(path, RATES) as table:
        return read_rates_table(table) if table is not None else {}
