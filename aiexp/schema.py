"""The workbook's schema for people and programs: JSON Schema and a Markdown reference (SPEC §1).

Both are derived from the models of `aiexp.model` (fields, titles, descriptions, `x-kind`,
`x-required`, `x-choices`), as is the `init` template, so the three never disagree. The value
rules below are shared with the template's README sheet and header comments.
"""

from __future__ import annotations

import json
from typing import Any

from aiexp.model import SHEETS, ColumnSpec, Consortium, ConsortiumInfo, Kind, columns

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
        'such as United States, U.S., United Kingdom, UK, South Korea or "Korea, Republic of", '
        "Hong Kong, Macau and Taiwan; stored as the two-letter code.",
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


def column_choices(col: ColumnSpec) -> tuple[str, ...]:
    """A column's choices: its own, or (when the program profile owns them) the default
    profile's list (`--profile` may give others)."""
    if col.choices_from is None:
        return col.choices
    from aiexp.profile import load_profile

    return load_profile().choice_list(col.choices_from)


def kind_rule(col: ColumnSpec) -> str:
    """How to fill one column, in a few words (its value rule and its choices)."""
    kind = col.kind
    choices = ", ".join(column_choices(col))
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


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `Consortium`, with each row's required columns."""
    schema = Consortium.model_json_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    for definition in definitions.values():
        properties = definition.get("properties")
        if not properties:
            continue
        required = [key for key, prop in properties.items() if prop.get("x-required")]
        for key, prop in properties.items():
            _tighten(prop, required=key in required)
        if required:
            definition["required"] = required
    for spec in SHEETS:
        prop = schema["properties"][spec.attribute]
        prop["x-sheet"] = spec.name
        prop["description"] = spec.purpose
    schema["required"] = [spec.attribute for spec in SHEETS if spec.required]
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "aiexp consortium workbook",
        "description": (
            "The input of aiexp: every sheet of the consortium workbook as one object, a list of "
            "rows per sheet (the Consortium sheet's fields as one object). Generated from the "
            "models in aiexp/model/."
        ),
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def json_schema_text() -> str:
    """The JSON Schema as the text `aiexp schema` prints (two-space indent, trailing newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _tighten(prop: dict[str, Any], *, required: bool) -> None:
    """Make a column's schema say what the value rules guarantee once a cell is read."""
    kind = Kind(prop.get("x-kind", Kind.TEXT.value))
    if required:
        # A required column holds a value: no null, no default of None, no empty list.
        variants = [v for v in prop.get("anyOf", []) if v.get("type") != "null"]
        if len(variants) == 1:
            del prop["anyOf"]
            prop.update(variants[0])
        elif variants:
            prop["anyOf"] = variants
        if prop.get("default", 0) is None:
            del prop["default"]
        if prop.get("type") == "array":
            prop["minItems"] = 1
    target = prop["items"] if prop.get("type") == "array" else prop
    for variant in [target, *target.get("anyOf", [])]:
        if variant.get("type") == "integer" and kind in (Kind.LAYER, Kind.LAYERS):
            variant.update(minimum=1, maximum=5)
        elif variant.get("type") == "string" and kind in (Kind.COUNTRY, Kind.COUNTRIES):
            variant["pattern"] = "^[A-Z]{2}$"
        elif variant.get("type") == "string" and kind is Kind.CURRENCY:
            variant["pattern"] = "^[A-Z]{3}$"


# -- the Markdown reference ----------------------------------------------------------------------
def markdown_reference() -> str:
    """A Markdown reference of the workbook: value rules, then every sheet and its columns."""
    lines = [
        "# The consortium workbook",
        "",
        "<!-- Generated by `aiexp schema --format markdown` from aiexp/model/; do not edit. "
        "Regenerate with `make docs`. -->",
        "",
        "`aiexp init` writes `consortium.xlsx`, the workbook that holds everything the proposal "
        "states, and `bom.csv`, the Layer 1 bill of materials. This page lists every sheet and "
        "column the tool reads.",
        "",
        "- Sheets are found by name, case-insensitively. Other sheets (such as `README`) are "
        "ignored.",
        "- Headers are matched after normalising: lower case, every run of characters other "
        "than letters and digits replaced by `_` — so the label `Country of incorporation` and "
        "the key `country_of_incorporation` both work. The template writes the labels.",
        "- The header row is the first row (of the first ten) that holds the sheet's first "
        "column, so a title row above it is allowed. Blank rows are skipped.",
        "- Columns the tool does not know are ignored, with one info finding each.",
        "- A blank required cell is an `input.required` finding; a value that does not follow "
        "its rule is an `input.cell` finding naming the cell (`Members!D7`).",
        "",
        "## Value rules",
        "",
        *[f"- **{name}**: {rule}" for name, rule in VALUE_RULES],
        "",
        "## Sheets",
        "",
        "| sheet | required | purpose |",
        "| --- | --- | --- |",
        *[
            f"| [{s.name}](#{s.name.lower()}) | {'yes' if s.required else 'no'} | "
            f"{_cell(s.purpose)} |"
            for s in SHEETS
        ],
    ]
    for spec in SHEETS:
        lines += ["", f"## {spec.name}", "", spec.purpose, ""]
        lines.append(
            f"{'Required' if spec.required else 'Optional'} sheet. "
            + (
                "Two columns, `field` and `value`, one row per field below; a third column "
                "`about` in the template describes each field."
                if spec.row_model is ConsortiumInfo
                else f"One row per item under a header row; its key column is `{spec.key}`."
            )
        )
        lines += [
            "",
            f"| {'field' if spec.row_model is ConsortiumInfo else 'column'} | label | required "
            "| kind | description |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [_column_line(col) for col in columns(spec.row_model)]
    return "\n".join(lines) + "\n"


def _column_line(col: ColumnSpec) -> str:
    description = col.description[:1].upper() + col.description[1:]
    if not description.endswith("."):
        description += "."
    if col.choices_from is not None:
        description += (
            " Choices (from the program profile; the default one's): "
            + ", ".join(f"`{c}`" for c in column_choices(col))
            + "."
        )
    elif col.choices:
        description += " Choices: " + ", ".join(f"`{c}`" for c in col.choices) + "."
    default = default_text(col)
    if default is not None:
        description += f" Blank means `{default}`."
    required = "yes" if col.required else ""
    return (
        f"| `{col.key}` | {_cell(col.label)} | {required} | {col.kind.value} | "
        f"{_cell(description)} |"
    )


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
