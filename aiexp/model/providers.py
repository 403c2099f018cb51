"""The Providers and Layers sheets: who provides what in each layer, and the offering."""

from __future__ import annotations

from decimal import Decimal

from aiexp.model.base import ConfidentialRow, Kind, column
from aiexp.model.enums import ProviderType


class Provider(ConfidentialRow):
    """A provider of products or services in a layer, by value (Sections II, IV.D, VI.2)."""

    layer: int | None = column("Layer", "the stack layer, 1-5", Kind.LAYER, required=True)
    provider: str | None = column(
        "Provider",
        "the entity's name (a member's name exactly as in Members)",
        Kind.TEXT,
        required=True,
    )
    provider_type: ProviderType | None = column(
        "Provider type",
        "member, subcontractor, local_partner or vendor",
        Kind.CHOICE,
        required=True,
        choices=ProviderType,
    )
    country: str | None = column(
        "Country", "the provider's country of incorporation", Kind.COUNTRY, required=True
    )
    principal_place_of_business: str | None = column(
        "Principal place of business",
        "the country of its principal place of business",
        Kind.COUNTRY,
    )
    coc_ownership_pct: Decimal | None = column(
        "Country-of-concern ownership %",
        "voting or equity interest held by countries of concern or their entities or nationals; "
        "blank means unknown",
        Kind.PERCENT,
    )
    coc_controlled: bool | None = column(
        "Country-of-concern controlled",
        "yes if a country of concern or its entities or nationals control it, no if not; blank "
        "means unknown",
        Kind.YES_NO,
    )
    us_ownership_pct: Decimal | None = column(
        "U.S. ownership %",
        "the percent owned and controlled by U.S. persons or entities; needed when it supports "
        "an open-weight model (IV.C(2))",
        Kind.PERCENT,
    )
    value: Decimal | None = column(
        "Value",
        "ex-factory price of goods and contract value of services it provides in this layer",
        Kind.MONEY,
        required=True,
    )
    currency: str = column(
        "Currency",
        "ISO 4217 code of the value; needs a Rates row unless USD",
        Kind.CURRENCY,
        default="USD",
    )
    description: str | None = column("Description", "what it provides", Kind.TEXT, required=True)


class LayerOffering(ConfidentialRow):
    """What the package provides in one layer (Section III, VI.2)."""

    layer: int | None = column("Layer", "the stack layer, 1-5", Kind.LAYER, required=True)
    offering: str | None = column(
        "Offering", "what the package provides for this layer and how", Kind.TEXT, required=True
    )
