"""The Security sheet: the privacy and security measures and their standards."""

from __future__ import annotations

from aiexp.model.base import ConfidentialRow, Kind, column
from aiexp.model.enums import Baseline, Framework


class SecurityMeasure(ConfidentialRow):
    """A privacy or security measure of the package (IV.B, VI.2, IX.4)."""

    measure: str | None = column("Measure", "the measure's short name", Kind.TEXT, required=True)
    description: str | None = column(
        "Description",
        "what it does and how it secures the software and AI systems",
        Kind.TEXT,
        required=True,
    )
    framework: Framework | None = column(
        "Framework", "the standard it aligns to", Kind.CHOICE, required=True, choices=Framework
    )
    references: list[str] = column(
        "References",
        "CSF 2.0 ids (PR.AA, PR.AA-01) or SP 800-53 Rev. 5 control ids (AC-2, AC-2(1), SC-7)",
        Kind.LIST,
    )
    baseline: Baseline | None = column(
        "Baseline",
        "for SP 800-53B: low, moderate, high or privacy",
        Kind.CHOICE,
        choices=Baseline,
    )
    framework_name: str | None = column(
        "Framework name", "for other: which comparable framework (VI.2)", Kind.TEXT
    )
    privacy: bool = column(
        "Privacy", "yes if this is a privacy measure", Kind.YES_NO, default=False
    )
