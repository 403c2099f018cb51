"""The BOM and Rates sheets: Layer 1 line items (also bom.csv) and exchange rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from aiexp.model.base import ConfidentialRow, Kind, Row, column
from aiexp.model.enums import BomKind


class BomLine(ConfidentialRow):
    """One Layer 1 line item of the bill of materials (SPEC §3)."""

    line_id: str | None = column("Line id", "unique id of the line", Kind.TEXT, required=True)
    description: str | None = column("Description", "what it is", Kind.TEXT, required=True)
    kind: BomKind = column(
        "Kind",
        "good (ex-factory price) or service (contract value)",
        Kind.CHOICE,
        default=BomKind.GOOD,
        choices=BomKind,
    )
    supplier: str | None = column(
        "Supplier", "the entity that provides it", Kind.TEXT, required=True
    )
    supplier_country: str | None = column(
        "Supplier country",
        "the supplier's country of incorporation",
        Kind.COUNTRY,
        required=True,
    )
    supplier_principal_place_of_business: str | None = column(
        "Supplier principal place of business",
        "the country of the supplier's principal place of business",
        Kind.COUNTRY,
    )
    supplier_coc_controlled: bool | None = column(
        "Supplier country-of-concern controlled",
        "yes if owned or controlled (a majority voting or equity interest, or control) by a "
        "country of concern or its entities or nationals, no if not; blank means unknown",
        Kind.YES_NO,
    )
    origin_country: str | None = column(
        "Origin country",
        "country of manufacture (goods) or of performance (services)",
        Kind.COUNTRY,
    )
    quantity: Decimal = column(
        "Quantity", "how many units; positive", Kind.NUMBER, default=Decimal(1)
    )
    unit_value: Decimal | None = column(
        "Unit value",
        "ex-factory unit price (goods) or contract value (services)",
        Kind.MONEY,
        required=True,
    )
    currency: str = column(
        "Currency",
        "ISO 4217 code; any currency but USD needs a rate",
        Kind.CURRENCY,
        default="USD",
    )
    us_content_pct: Decimal | None = column(
        "U.S. content %",
        "percent of the line's value that is U.S. content, as declared by the supplier; "
        "blank = undeclared (counted as 0 %)",
        Kind.PERCENT,
    )
    non_us_unit_value: Decimal | None = column(
        "Non-U.S. unit value",
        "per unit, same currency: value contributed by non-U.S. sources (ITA's subtractive "
        "form); takes precedence over U.S. content %",
        Kind.MONEY,
    )
    notes: str | None = column("Notes", "free text", Kind.TEXT)


class Rate(Row):
    """An exchange rate: how many U.S. dollars one unit of a currency is worth."""

    currency: str | None = column(
        "Currency", "ISO 4217 code, e.g. EUR", Kind.CURRENCY, required=True
    )
    usd_per_unit: Decimal | None = column(
        "USD per unit", "U.S. dollars for one unit of the currency", Kind.NUMBER, required=True
    )
    as_of: dt.datetime | dt.date | None = column("As of", "the date of the rate", Kind.DATE)
    source: str | None = column("Source", "where the rate comes from", Kind.TEXT)
