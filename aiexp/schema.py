"""The workbook's schema for people and programs: JSON Schema and a Markdown reference (SPEC §1).

Both are derived from the models of `aiexp.model` (fields, titles, descriptions, `x-kind`,
`x-required`, `x-choices`), as is the `init` template, so the three never disagree. The value
rules below are shared with the template's README sheet and header comments.
"""

from __future__ import annotations

from aiexp.model import ColumnSpec, Kind

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# SPEC §2 "Value rules", in the words the README sheet and docs/workbook.md show to users.
VALUE_RULES: tuple[tuple[str, str], ...] = (
    (
        "yes/no",
        "yes, y, true, 1, x or ✓ mean yes; no, n, false or 0 mean no; "
        "a blank cell takes the column's default.",
    ),
    (
        "money",
        "a number cell, or text such as 1,234.56, $1,234.56 or USD 1,234.56; never negative. "
        "Amounts are kept as exact decimals.",
    ),
    (
        "percent",
        "0 to 100. Text 51% means 51; a number cell formatted as a percentage (Excel stores "
        "0.51 and shows 51%) means 51; a bare number is percent points (0.51 means 0.51 %).",
    ),
    (
        "country",
        "an ISO 3166-1 code (US, USA, GB, DE) or an English name, official or common "
        "(United States, U.S., United Kingdom, UK, South Korea, Korea, Republic of, Hong Kong, "
        "Macau, Taiwan); stored as the two-letter code.",
    ),
    ("lists", "items separated by commas, semicolons or line breaks."),
    (
        "layers",
        "a layer of the stack, 1 to 5 (also L1 or Layer 1); where a column takes several, "
        "list them in one cell: 1, 3.",
    ),
    ("dates", "a date cell, or text in the form YYYY-MM-DD."),
    (
        "formulas",
        "a formula is read by the value Excel saved with the file; a file written by a program "
        "and never saved in Excel has none, so open and save it in Excel, or type the value.",
    ),
)


def kind_rule(col: ColumnSpec) -> str:
    """How to fill one column, in a few words (its value rule and its choices)."""
    kind = col.kind
    choices = ", ".join(col.choices)
    rules = {
        Kind.TEXT: "text",
        Kind.MONEY: "money: a number or text such as 1,234.56 or $1,234.56; not negative",
        Kind.NUMBER: "a positive number",
        Kind.PERCENT: "percent 0-100: 51% or 51 (a %-formatted cell is read as shown)",
        Kind.COUNTRY: "a country: ISO code (US, GB) or English name (United States, UK)",
        Kind.COUNTRIES: "countries (ISO codes or English names) separated by commas",
        Kind.YES_NO: "yes or no",
        Kind.LIST: "a list separated by commas, semicolons or line breaks",
        Kind.LAYER: "a layer 1 to 5 (also L1, Layer 1)",
        Kind.LAYERS: "one or more layers 1 to 5 separated by commas, e.g. 1, 3",
        Kind.DATE: "a date (a date cell or YYYY-MM-DD)",
        Kind.CHOICE: f"one of: {choices}",
        Kind.CHOICES: f"one or more of: {choices} (separated by commas)",
        Kind.CURRENCY: "an ISO 4217 currency code such as USD or EUR",
    }
    return rules[kind]


def default_text(col: ColumnSpec) -> str | None:
    """A column's default as the workbook would show it (`no` for a false yes/no), or None."""
    if col.default is None:
        return None
    if isinstance(col.default, bool):
        return "yes" if col.default else "no"
    return str(col.default)
