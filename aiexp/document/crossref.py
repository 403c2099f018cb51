"""Appendix A: every requirement of notice Sections II–VI, where the proposal answers it, and
its status from the validation findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aiexp.findings import Finding, Severity


@dataclass(frozen=True)
class Requirement:
    """A requirement of the notice, the proposal section that answers it, the codes that test it.

    A code may be narrowed to findings whose message names a narrative: `narrative.missing:x`.
    """

    ref: str
    text: str
    where: str
    codes: tuple[str, ...]
    applies: str = "always"  # "always", "nce" (only when an NCE is requested), "resubmission"


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "II",
        "A full-stack package for one or more foreign markets",
        "Sections 2, 3",
        ("layers.coverage", "markets.none"),
    ),
    Requirement(
        "II",
        "The greatest-value provider of each layer is a consortium member",
        "Section 2 (each layer)",
        ("layers.top-provider", "layers.providers-missing"),
    ),
    Requirement(
        "II",
        "A single anchor member, the single point of contact",
        "Cover; Section 1",
        ("anchor.count", "contact.missing"),
    ),
    Requirement(
        "II.1",
        "Anchor: international experience and multi-country delivery capacity",
        "Section 1.2",
        ("anchor.experience",),
    ),
    Requirement(
        "II.2",
        "Anchor: organized in the U.S., principal place of business in the U.S., "
        "no foreign ultimate parent",
        "Section 1.2",
        ("anchor.us-organized", "anchor.foreign-parent"),
    ),
    Requirement(
        "II.3", "Anchor: not linked to a country of concern", "Section 1.2", ("anchor.coc",)
    ),
    Requirement(
        "II.A",
        "National Champion Enterprises identified, for their home market only, "
        "with the national interest explained",
        "Sections 1.3, 6",
        ("nce.not-requested", "nce.misapplied", "nce.home-market", "nce.justification"),
        applies="nce",
    ),
    Requirement(
        "III",
        "Products or services in all five layers",
        "Section 2",
        ("layers.coverage", "layers.offering"),
    ),
    Requirement(
        "III", "AI models and systems (Layer 3) listed", "Section 2, Layer 3", ("models.none",)
    ),
    Requirement(
        "IV.A",
        "Hardware U.S. content of at least 51 % (presumption), shown through reasonable efforts",
        "Section 2, Layer 1; Appendix B",
        ("hardware.no-bom", "hardware.summary-only", "hardware.us-content", "hardware.undeclared"),
    ),
    Requirement(
        "IV.A",
        "Layer 1 products and services of entities linked to a country of concern disclosed",
        "Section 7",
        ("hardware.coc-disclosure", "partners.coc-vendor"),
    ),
    Requirement(
        "IV.B",
        "Members in layers 2, 4 and 5 not linked to a country of concern",
        "Section 1.3",
        ("members.coc",),
    ),
    Requirement(
        "IV.B", "Privacy and security measures described", "Section 2.7", ("security.none",)
    ),
    Requirement(
        "IV.C(1)",
        "Model IP owners not owned or controlled by a country of concern",
        "Section 2, Layer 3",
        ("models.coc-owner", "models.coc-interest"),
    ),
    Requirement(
        "IV.C(2)",
        "Model IP owners at least 51 % U.S.-owned, or open-weight support by a qualifying entity",
        "Section 2, Layer 3",
        ("models.us-owned", "models.open-weight-support"),
    ),
    Requirement(
        "IV.C",
        "No open-weight model developed by an entity linked to a country of concern",
        "Section 2, Layer 3",
        ("models.coc-open-weight",),
    ),
    Requirement(
        "IV.D",
        "No member, subcontractor or local partner linked to a country of concern",
        "Sections 1.3, 2, 7",
        ("members.coc", "partners.coc", "members.ownership-unknown"),
    ),
    Requirement(
        "V",
        "At least one target country or regional bloc",
        "Section 3",
        ("markets.none", "markets.unknown", "markets.coc-target"),
    ),
    Requirement(
        "V", "Relevant foreign competition in each market", "Section 3", ("markets.competition",)
    ),
    Requirement(
        "V",
        "Why the offering advances U.S. national interests in each market",
        "Section 3",
        ("markets.national-interest",),
    ),
    Requirement(
        "VI.1",
        "Consortium overview: name, anchor and attestations, members, roles, "
        "layers, NCEs, ownership and control",
        "Section 1",
        ("anchor.count", "contact.missing", "members.ownership-unknown"),
    ),
    Requirement(
        "VI.2",
        "Full-stack package description, providers, valuation and U.S. hardware content",
        "Section 2",
        (
            "narrative.missing:package_overview",
            "layers.offering",
            "providers.top-two",
            "hardware.no-bom",
        ),
    ),
    Requirement(
        "VI.2",
        "Privacy and security measures and the standards they comply with",
        "Section 2.7",
        (
            "narrative.missing:privacy_security_measures",
            "security.standards",
            "security.reference",
            "security.csf-coverage",
        ),
    ),
    Requirement("VI.3", "Target markets", "Section 3", ("markets.none",)),
    Requirement(
        "VI.4",
        "Business and operational model: build, own, operate, deliver, support",
        "Section 4",
        ("narrative.missing:business_model", "operations.functions"),
    ),
    Requirement("VI.5", "Requested Federal support", "Section 5", ("support.none",)),
    Requirement(
        "VI.6",
        "National interest statement",
        "Section 6",
        ("narrative.missing:national_interest_statement", "nce.justification"),
    ),
    Requirement(
        "VI.7", "Country of concern disclosures", "Section 7", ("hardware.coc-disclosure",)
    ),
    Requirement(
        "VI.8",
        "Export-control items and the compliance program",
        "Section 8",
        (
            "narrative.missing:export_compliance_program",
            "export.items",
            "export.classification-missing",
            "export.classification",
            "export.advanced-computing",
        ),
    ),
    Requirement(
        "VI", "No placeholder text left in the proposal", "Throughout", ("narrative.placeholder",)
    ),
)


def _matches(finding: Finding, code: str) -> bool:
    name, _, narrative = code.partition(":")
    if finding.code != name:
        return False
    return not narrative or narrative in finding.message


def requirement_status(
    requirement: Requirement, findings: Sequence[Finding], *, nce: bool
) -> tuple[str, str]:
    """The status word (met / open / met with notes / not applicable) and the codes behind it."""
    if requirement.applies == "nce" and not nce:
        return "Not applicable", "no NCE requested"
    hits = [f for f in findings if any(_matches(f, code) for code in requirement.codes)]
    errors = sorted({f.code for f in hits if f.severity is Severity.ERROR})
    warnings = sorted({f.code for f in hits if f.severity is Severity.WARNING})
    notes = sorted({f.code for f in hits if f.severity is Severity.INFO})
    if errors:
        return "Open", ", ".join(errors + warnings)
    if warnings:
        return "Met, with warnings", ", ".join(warnings)
    if notes:
        return "Met", "note: " + ", ".join(notes)
    return "Met", ""
