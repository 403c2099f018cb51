"""The BOM and Rates columns as plain data, so reading a CSV BOM needs no pydantic (SPEC §3).

The pydantic models `aiexp.model.BomLine` and `aiexp.model.Rate` stay the single source of truth:
`tests/content/test_columns.py` proves these tuples equal to `aiexp.model.columns(BomLine)` and
`columns(Rate)` — key, label, value rule, required, default and choices — so a change to a model
that is not made here too fails the tests. (Importing the models costs content-calc's CSV path a
quarter of a second of start-up: pydantic builds every sheet's schema.)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aiexp.values import normalise_header


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its canonical key, header label, value rule (`Kind` value), and defaults."""

    key: str
    label: str
    kind: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """A table the BOM reader opens: its sheet name (in a workbook) and its columns in order."""

    sheet: str
    columns: tuple[Column, ...]

    @property
    def key(self) -> str:
        """The key column (the first): the header row is the first row that holds it."""
        return self.columns[0].key

    def by_key(self) -> dict[str, Column]:
        """The columns by key."""
        return {column.key: column for column in self.columns}

    def header_names(self) -> dict[str, str]:
        """Normalised header text → canonical key: each column's key and its label."""
        names: dict[str, str] = {}
        for column in self.columns:
            names[column.key] = column.key
            names.setdefault(normalise_header(column.label), column.key)
        return names


BOM = TableSpec(
    "BOM",
    (
        Column("line_id", "Line id", "text", required=True),
        Column("description", "Description", "text", required=True),
        Column("kind", "Kind", "choice", default="good", choices=("good", "service")),
        Column("supplier", "Supplier", "text", required=True),
        Column("supplier_country", "Supplier country", "country", required=True),
        Column(
            "supplier_principal_place_of_business",
            "Supplier principal place of business",
            "country",
        ),
        Column("supplier_coc_controlled", "Supplier country-of-concern controlled", "yes/no"),
        Column("origin_country", "Origin country", "country"),
        Column("quantity", "Quantity", "number", default=Decimal(1)),
        Column("unit_value", "Unit value", "money", required=True),
        Column("currency", "Currency", "currency", default="USD"),
        Column("us_content_pct", "U.S. content %", "percent"),
        Column("non_us_unit_value", "Non-U.S. unit value", "money"),
        Column("notes", "Notes", "text"),
        Column("confidential", "Confidential", "yes/no", default=False),
        Column(
            "confidential_basis",
            "Confidential basis",
            "choice",
            choices=("commercial", "export-control"),
        ),
    ),
)

RATES = TableSpec(
    "Rates",
    (
        Column("currency", "Currency", "currency", required=True),
        Column("usd_per_unit", "USD per unit", "number", required=True),
        Column("as_of", "As of", "date"),
        Column("source", "Source", "text"),
    ),
)
