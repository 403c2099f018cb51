"""The Narratives sheet: the proposal's narrative sections."""

from __future__ import annotations

from aiexp.model.base import ConfidentialRow, Kind, column
from aiexp.model.enums import NarrativeSection


class Narrative(ConfidentialRow):
    """A narrative section of the proposal (Markdown subset allowed)."""

    section: NarrativeSection | None = column(
        "Section",
        "which narrative this is: package_overview, privacy_security_measures, business_model, "
        "national_interest_statement, export_compliance_program (required); nce_justification, "
        "material_changes (when they apply); letters_of_intent, local_partners, "
        "workforce_training, enabling_infrastructure (optional)",
        Kind.CHOICE,
        required=True,
        choices=NarrativeSection,
    )
    text: str | None = column(
        "Text",
        "the narrative; paragraphs, bullet and numbered lists, **bold** and *italic* are kept",
        Kind.TEXT,
        required=True,
    )
