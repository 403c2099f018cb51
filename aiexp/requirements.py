"""What the notice requires, as data: Appendix A's requirements and the completeness-review items.

`REQUIREMENTS` are the rows of the proposal's Appendix A (every requirement of notice Sections
II–VI, where the proposal answers it) and `FACTORS` the Section IX factors that follow them;
`ITEMS` are the items of `aiexp checklist` (Section VI 1–8, the optional items, and X.D for a
resubmission) and `MANUAL_STEPS` the submission steps that no workbook can prove. Which finding
codes bear on each is not written here but in the code table (`aiexp.codes`): each code names
its requirements and its item, and Appendix A and the checklist are derived from that. Texts
may hold `{placeholders}` filled from the program profile (`aiexp.codes.profile_words`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from aiexp.model import NarrativeSection

N = NarrativeSection


@dataclass(frozen=True)
class Requirement:
    """A requirement of the notice, and the proposal section that answers it."""

    id: str
    ref: str
    text: str
    where: str
    applies: Literal["always", "nce", "resubmission"] = "always"
    #: The narratives that answer it: a required one left blank leaves it open.
    narratives: tuple[NarrativeSection, ...] = ()
    #: Listed in Appendix A (the filing window, VII and X.D are checked but not listed there).
    appendix: bool = True


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "II.package",
        "II",
        "A full-stack package for one or more foreign markets",
        "Sections 2, 3",
    ),
    Requirement(
        "II.top-provider",
        "II",
        "The greatest-value provider of each layer is a consortium member",
        "Section 2 (each layer)",
    ),
    Requirement(
        "II.anchor", "II", "A single anchor member, the single point of contact", "Cover; Section 1"
    ),
    Requirement(
        "II.1",
        "II.1",
        "Anchor: experience providing products or services internationally and the "
        "organizational capacity to manage multi-country delivery for that layer",
        "Section 1.2",
    ),
    Requirement(
        "II.2",
        "II.2",
        "Anchor: organized under the laws of the United States or a State thereof, with its "
        "principal place of business in the United States; its ultimate parent entity not "
        "organized under the laws of a foreign jurisdiction nor with its principal place of "
        "business outside the United States",
        "Section 1.2",
    ),
    Requirement("II.3", "II.3", "Anchor: not linked to a country of concern", "Section 1.2"),
    Requirement(
        "II.A",
        "II.A",
        "National Champion Enterprises identified, for their home market only, "
        "with the national interest explained",
        "Sections 1.3, 6",
        applies="nce",
    ),
    Requirement("III.layers", "III", "Products or services in all five layers", "Section 2"),
    Requirement(
        "III.models", "III", "AI models and systems (Layer 3) listed", "Section 2, Layer 3"
    ),
    Requirement(
        "IV.A.content",
        "IV.A",
        "Hardware U.S. content of at least {hardware_us_content_pct} % (presumption), shown "
        "through reasonable efforts",
        "Section 2, Layer 1; Appendix B",
    ),
    Requirement(
        "IV.A.disclosure",
        "IV.A",
        "Layer 1 products and services of entities linked to a country of concern disclosed",
        "Section 7",
    ),
    Requirement(
        "IV.B.members",
        "IV.B",
        "Members in layers 2, 4 and 5 not linked to a country of concern",
        "Section 1.3",
    ),
    Requirement("IV.B.security", "IV.B", "Privacy and security measures described", "Section 2.7"),
    Requirement(
        "IV.C(1)",
        "IV.C(1)",
        "Model IP owners not owned or controlled by a country of concern",
        "Section 2, Layer 3",
    ),
    Requirement(
        "IV.C(2)",
        "IV.C(2)",
        "Model IP owners at least {model_owner_us_ownership_min_pct} % U.S.-owned, or "
        "open-weight support by a qualifying entity",
        "Section 2, Layer 3",
    ),
    Requirement(
        "IV.C.open-weight",
        "IV.C",
        "No open-weight model developed by an entity linked to a country of concern",
        "Section 2, Layer 3",
    ),
    Requirement(
        "IV.D",
        "IV.D",
        "No member, subcontractor or local partner linked to a country of concern",
        "Sections 1.3, 2, 7",
    ),
    Requirement("V.markets", "V", "At least one target country or regional bloc", "Section 3"),
    Requirement("V.competition", "V", "Relevant foreign competition in each market", "Section 3"),
    Requirement(
        "V.interest",
        "V",
        "Why the offering advances U.S. national interests in each market",
        "Section 3",
    ),
    Requirement(
        "VI.1",
        "VI.1",
        "Consortium overview: name, anchor and attestations, members, roles, "
        "layers, NCEs, ownership and control",
        "Section 1",
    ),
    Requirement(
        "VI.2.package",
        "VI.2",
        "Full-stack package description, providers, valuation and U.S. hardware content",
        "Section 2",
        narratives=(N.PACKAGE_OVERVIEW,),
    ),
    Requirement(
        "VI.2.security",
        "VI.2",
        "Privacy and security measures and the standards they comply with",
        "Section 2.7",
        narratives=(N.PRIVACY_SECURITY_MEASURES,),
    ),
    Requirement("VI.3", "VI.3", "Target markets", "Section 3"),
    Requirement(
        "VI.4",
        "VI.4",
        "Business and operational model: build, own, operate, deliver, support",
        "Section 4",
        narratives=(N.BUSINESS_MODEL,),
    ),
    Requirement("VI.5", "VI.5", "Requested Federal support", "Section 5"),
    Requirement(
        "VI.6",
        "VI.6",
        "National interest statement",
        "Section 6",
        narratives=(N.NATIONAL_INTEREST_STATEMENT,),
    ),
    Requirement("VI.7", "VI.7", "Country of concern disclosures", "Section 7"),
    Requirement(
        "VI.8",
        "VI.8",
        "Export-control items and the compliance program",
        "Section 8",
        narratives=(N.EXPORT_COMPLIANCE_PROGRAM,),
    ),
    Requirement("VI.placeholder", "VI", "No placeholder text left in the proposal", "Throughout"),
    Requirement(
        "VII",
        "VII",
        "Confidential information properly identified, with its basis",
        "Marks in the text",
        appendix=False,
    ),
    Requirement(
        "X.D",
        "X.D",
        "A resubmission explains its material changes",
        "Material changes",
        applies="resubmission",
        appendix=False,
    ),
    Requirement("DATES", "DATES", "Filed inside the filing window", "Cover (date)", appendix=False),
)


@dataclass(frozen=True)
class Factor:
    """A Section IX consideration, in the notice's words, and where the proposal addresses it."""

    number: int
    text: str
    where: str


#: IX: "In making designation decisions, the Department will consider:" — listed after the
#: requirements in Appendix A, without a status (the Department weighs them, IX).
FACTORS: tuple[Factor, ...] = (
    Factor(
        1,
        "Compliance with Program requirements",
        "Appendix A above; hardware U.S. content: Section 2, Layer 1 and Appendix B",
    ),
    Factor(
        2,
        "Potential to advance the policy goals of Executive Order 14320",
        "Section 6; the national interest in each market: Section 3",
    ),
    Factor(
        3,
        "National security posture, including export-control, end-use, end-user, "
        "cybersecurity, and other risk-mitigation considerations",
        "Section 8; Section 7; Section 2.7",
    ),
    Factor(
        4,
        "Cybersecurity architecture and standards alignment, including whether the proposal "
        "addresses the cybersecurity layer and advances outcomes consistent with American "
        "standards, including the NIST Cybersecurity Framework, NIST Special Publication "
        "800-53B, or comparable frameworks appropriate to the target markets",
        "Section 2, Layer 4; Section 2.7",
    ),
)


@dataclass(frozen=True)
class ManualStep:
    """A submission step no workbook can prove: listed "to do by hand" by `aiexp checklist`."""

    id: str
    ref: str
    text: str
    #: The notice's own words for it.
    quote: str


MANUAL_STEPS: tuple[ManualStep, ...] = (
    ManualStep(
        "portal",
        "ADDRESSES, VII",
        "File the proposal through the AI Exports Program submission portal, "
        "https://aiexports.gov/consortia/apply (email or paper does not count)",
        "Email or paper delivery will not substitute for formal submission through the portal.",
    ),
    ManualStep(
        "confidential-instructions",
        "ADDRESSES, VII",
        "Follow the portal's instructions for submitting confidential commercial information",
        "The portal will include filing instructions, including instructions for submitting "
        "confidential commercial information through the portal.",
    ),
    ManualStep(
        "faq",
        "XI",
        "Review the Department's published questions and answers, https://aiexports.gov/faq",
        "The Department intends to publish responses, as appropriate, on a rolling basis at "
        "<https://aiexports.gov/faq>.",
    ),
    ManualStep(
        "antitrust",
        "XII.B",
        "Confirm that every member acknowledges its own responsibility for antitrust and "
        "competition law",
        "Formation of, participation in, or designation of a consortium under this notice does "
        "not confer antitrust immunity or any exemption from other applicable laws. Members "
        "remain responsible for compliance with antitrust and competition law.",
    ),
)


@dataclass(frozen=True)
class Item:
    """An item of the completeness review: Section VI (or X.D), and where its content comes from."""

    id: str
    title: str
    required: bool
    sources: tuple[str, ...]
    narratives: tuple[NarrativeSection, ...] = ()


ITEMS: tuple[Item, ...] = (
    Item(
        "VI.1",
        "Consortium overview: name, anchor member and its attestations, members, roles, layers, "
        "NCE wishes, ownership and control",
        True,
        ("Consortium sheet", "Members sheet"),
    ),
    Item(
        "VI.2",
        "Full-stack package description: the five layers, their providers and valuation, U.S. "
        "hardware content, privacy and security measures and standards",
        True,
        (
            "Narratives: package_overview, privacy_security_measures",
            "Layers sheet",
            "Providers sheet",
            "Models sheet",
            "Security sheet",
            "BOM (bom.csv or BOM sheet) or the Consortium hardware figures",
        ),
        (N.PACKAGE_OVERVIEW, N.PRIVACY_SECURITY_MEASURES),
    ),
    Item("VI.3", "Target markets", True, ("Markets sheet",)),
    Item(
        "VI.4",
        "Business and operational model: who builds, owns, operates, delivers and supports",
        True,
        ("Narratives: business_model", "Operations sheet"),
        (N.BUSINESS_MODEL,),
    ),
    Item("VI.5", "Requested Federal support", True, ("FederalSupport sheet",)),
    Item(
        "VI.6",
        "National interest statement (and the NCE justification)",
        True,
        ("Narratives: national_interest_statement, nce_justification",),
        (N.NATIONAL_INTEREST_STATEMENT,),
    ),
    Item(
        "VI.7",
        "Country of concern disclosures (Layer 1)",
        True,
        ("BOM (bom.csv or BOM sheet)", "Providers sheet (layer 1)"),
    ),
    Item(
        "VI.8",
        "Export-control compliance and national security information",
        True,
        ("ExportControl sheet", "Narratives: export_compliance_program"),
        (N.EXPORT_COMPLIANCE_PROGRAM,),
    ),
    Item(
        "VI.optional.1",
        "Letters of intent or other evidence of buyer interest",
        False,
        ("Narratives: letters_of_intent",),
        (N.LETTERS_OF_INTENT,),
    ),
    Item(
        "VI.optional.2",
        "Descriptions of local implementation partners",
        False,
        ("Narratives: local_partners",),
        (N.LOCAL_PARTNERS,),
    ),
    Item(
        "VI.optional.3",
        "Workforce-training or capacity-building components",
        False,
        ("Narratives: workforce_training",),
        (N.WORKFORCE_TRAINING,),
    ),
    Item(
        "VI.optional.4",
        "Energy, telecommunications, fiber, or other enabling-infrastructure considerations",
        False,
        ("Narratives: enabling_infrastructure",),
        (N.ENABLING_INFRASTRUCTURE,),
    ),
    Item(
        "X.D",
        "Resubmission: concise explanation of material changes",
        True,
        ("Narratives: material_changes", "Consortium: is_resubmission"),
        (N.MATERIAL_CHANGES,),
    ),
)

#: Findings the readers or any sheet can raise go to the item of the sheet they point at
#: (sheet names compared case-insensitively, spaces removed).
SHEET_ITEMS: dict[str, str] = {
    "consortium": "VI.1",
    "members": "VI.1",
    "providers": "VI.2",
    "layers": "VI.2",
    "models": "VI.2",
    "security": "VI.2",
    "bom": "VI.2",
    "rates": "VI.2",
    "markets": "VI.3",
    "operations": "VI.4",
    "federalsupport": "VI.5",
    "exportcontrol": "VI.8",
}
#: The Appendix A requirements a reader finding (`input.*`) bears on, by the sheet it points at
#: (a finding on the Narratives sheet bears on the requirements that list its narrative).
SHEET_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "consortium": ("VI.1",),
    "members": ("VI.1",),
    "providers": ("VI.2.package",),
    "layers": ("III.layers",),
    "models": ("III.models",),
    "security": ("VI.2.security",),
    "bom": ("IV.A.content",),
    "rates": ("IV.A.content",),
    "markets": ("VI.3",),
    "operations": ("VI.4",),
    "federalsupport": ("VI.5",),
    "exportcontrol": ("VI.8",),
}
#: The item of each narrative section.
NARRATIVE_ITEMS: dict[str, str] = {
    section.value: item.id for item in ITEMS for section in item.narratives
} | {N.NCE_JUSTIFICATION.value: "VI.6"}
