"""The ExportControl sheet: what may implicate export controls (VI.8)."""

from __future__ import annotations

from aiexp.model.base import ConfidentialRow, Kind, column
from aiexp.model.enums import Jurisdiction


class ExportControlItem(ConfidentialRow):
    """An item, destination, end use or feature that may implicate export controls (VI.8)."""

    item: str | None = column("Item", "the item, technology or feature", Kind.TEXT, required=True)
    jurisdiction: Jurisdiction | None = column(
        "Jurisdiction",
        "EAR, ITAR, outbound-investment, end-user, sanctions or other",
        Kind.CHOICE,
        required=True,
        choices=Jurisdiction,
    )
    classification: str | None = column(
        "Classification",
        "for EAR: an ECCN such as 3A090.a or EAR99; for ITAR: a USML category such as XI(a)",
        Kind.TEXT,
    )
    destinations: list[str] = column("Destinations", "the destination countries", Kind.COUNTRIES)
    end_use: str | None = column("End use", "the intended end use", Kind.TEXT)
    end_user: str | None = column("End user", "the end user, if known (not required)", Kind.TEXT)
    technical_features: str | None = column(
        "Technical features", "technical features that may implicate controls", Kind.TEXT
    )
    notes: str | None = column("Notes", "anything else", Kind.TEXT)
