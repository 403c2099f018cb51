"""The Models sheet: every AI model and system, its IP owner and developer (IV.C)."""

from __future__ import annotations

from decimal import Decimal

from aiexp.model.base import ConfidentialRow, Kind, column
from aiexp.model.enums import SupportFunction


class AIModel(ConfidentialRow):
    """An AI model or system in the package (Section IV.C)."""

    model: str | None = column("Model", "the model or system's name", Kind.TEXT, required=True)
    layer: int = column(
        "Layer",
        "3 for AI models and systems, 5 for a model inside an application",
        Kind.LAYER,
        default=3,
    )
    ip_owner: str | None = column(
        "IP owner",
        "the entity that owns the model's intellectual property",
        Kind.TEXT,
        required=True,
    )
    ip_owner_country: str | None = column(
        "IP owner country",
        "the IP owner's country of incorporation",
        Kind.COUNTRY,
        required=True,
    )
    ip_owner_us_ownership_pct: Decimal | None = column(
        "IP owner U.S. ownership %",
        "percent of the IP owner owned and controlled by U.S. persons or entities (IV.C(2))",
        Kind.PERCENT,
        required=True,
    )
    ip_owner_coc_ownership_pct: Decimal | None = column(
        "IP owner country-of-concern ownership %",
        "any voting or ownership interest in the IP owner held by countries of concern or their "
        "entities or nationals (IV.C(1))",
        Kind.PERCENT,
        required=True,
    )
    ip_owner_coc_controlled: bool | None = column(
        "IP owner country-of-concern controlled",
        "yes if a country of concern or its entities or nationals control the IP owner, no if "
        "not; blank means unknown (for a member, its Members row is used)",
        Kind.YES_NO,
    )
    open_weight: bool | None = column(
        "Open weight",
        "yes if the model's weights are openly published",
        Kind.YES_NO,
        required=True,
    )
    developer: str | None = column(
        "Developer", "the entity that developed it; blank means the IP owner", Kind.TEXT
    )
    developer_country: str | None = column(
        "Developer country", "the developer's country of incorporation", Kind.COUNTRY
    )
    developer_principal_place_of_business: str | None = column(
        "Developer principal place of business",
        "the country of the developer's principal place of business",
        Kind.COUNTRY,
    )
    developer_coc_ownership_pct: Decimal | None = column(
        "Developer country-of-concern ownership %",
        "voting or equity interest in the developer held by countries of concern",
        Kind.PERCENT,
    )
    developer_coc_controlled: bool | None = column(
        "Developer country-of-concern controlled",
        "yes if a country of concern controls the developer, no if not; blank means unknown",
        Kind.YES_NO,
    )
    us_support_provider: str | None = column(
        "U.S. support provider",
        "for an open-weight model: the entity that provides deployment, integration, "
        "fine-tuning, security and support (IV.C) — a member, or a Providers row with its "
        "ownership stated",
        Kind.TEXT,
    )
    support_functions: list[SupportFunction] = column(
        "Support functions",
        "the functions the support provider covers: deployment, integration, fine-tuning, "
        "security, support",
        Kind.CHOICES,
        choices=SupportFunction,
    )
    description: str | None = column("Description", "what the model does", Kind.TEXT)
