"""Every finding code, declared once: the data that readers, rules, documents and docs share.

A `Code` says how serious a finding is, which section of the notice it comes from, what it
checks and how to fix it (the title and fix may hold `{placeholders}` filled from the program
profile: `Code.title_for(profile)`), which module raises it (`reader` for the `input.*` codes,
else the rule module under `aiexp/rules/`), which Appendix A requirements it bears on
(`aiexp.requirements.REQUIREMENTS`) and which completeness-review item it belongs to
(`aiexp.requirements.ITEMS`). `validate --ignore`, the rules' findings, the reader's findings,
Appendix A, `aiexp checklist` and `docs/rules.md` are all derived from this table; a test fails
when a code lacks its requirement or its item. A code's `status` says what one of its findings
means for its requirements in Appendix A (`Status`): by default an error is "Not met" and a
warning or info changes nothing; a code about a blank fact gives "Not stated" instead.

This module is data: it imports nothing of aiexp but the findings model.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from aiexp.errors import AiexpError
from aiexp.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from aiexp.profile import Profile

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
#: The requirement or item follows from where the finding points (its sheet, or its narrative).
BY_LOCATION = "by-location"
#: The requirement follows from the narrative the finding is about (each requirement lists its
#: narratives; Appendix A reads whether they are given).
BY_NARRATIVE = "by-narrative"
#: Deliberately no item of the completeness review (listed under "other").
NO_ITEM = "none"


@dataclass(frozen=True)
class BySheet:
    """Requirements that depend on the sheet a finding points at (the kind of entity it is
    about: a member, a provider, a model)."""

    sheets: tuple[tuple[str, tuple[str, ...]], ...]

    def for_sheet(self, sheet: str | None) -> tuple[str, ...]:
        """The requirements of a finding on this sheet (names compared ignoring case)."""
        key = (sheet or "").casefold().replace(" ", "")
        return next((ids for name, ids in self.sheets if name == key), ())

    @property
    def every(self) -> tuple[str, ...]:
        """Every requirement it may name."""
        return tuple(dict.fromkeys(r for _, ids in self.sheets for r in ids))


class Status(StrEnum):
    """A requirement's status in Appendix A (SPEC §6), from its own test and its findings."""

    MET = "Met"
    NOT_MET = "Not met"
    #: IV.A: the hardware U.S. content is below the threshold — not disqualifying by itself (IX).
    BELOW_THRESHOLD = "Below threshold — presumption not met"
    #: A fact the requirement needs is unknown (a blank cell is never "no").
    NOT_STATED = "Not stated"
    #: The facts are stated, but whether they meet the requirement is for counsel to confirm (a
    #: small country-of-concern interest under IV.C(1); a conditionally listed country).
    TO_CONFIRM = "To be confirmed"
    NOT_APPLICABLE = "Not applicable"


#: The worst status first: a requirement takes the first of these that any finding gives it.
STATUS_ORDER = (Status.NOT_MET, Status.NOT_STATED, Status.TO_CONFIRM, Status.BELOW_THRESHOLD)


@dataclass(frozen=True)
class Code:
    """A finding code: severity, notice section, what it checks, the fix, where it belongs."""

    code: str
    severity: Severity
    section: str | None
    module: str
    title: str
    fix: str
    requirements: tuple[str, ...] | BySheet | str
    item: str
    #: What one of its findings means for its requirements; None: an error is "Not met", a
    #: warning or info changes nothing.
    status: Status | None = None

    def status_of(self, severity: Severity) -> Status | None:
        """The status a finding of this code (with this severity) gives its requirements."""
        if self.status is not None:
            return self.status
        return Status.NOT_MET if severity is Severity.ERROR else None

    @property
    def reader(self) -> bool:
        """True for the `input.*` codes that the readers raise."""
        return self.module == "reader"

    def title_for(self, profile: Profile) -> str:
        """The title with the profile's figures filled in."""
        return self.title.format_map(profile_words(profile))

    def fix_for(self, profile: Profile) -> str:
        """The fix with the profile's figures filled in."""
        return self.fix.format_map(profile_words(profile))


CODES: tuple[Code, ...] = (
    Code(
        "input.cell",
        ERR,
        None,
        "reader",
        "A value does not parse (type, choice, country, layer, percent outside 0-100, "
        "negative money, a formula without a saved value).",
        "Correct the cell; the message says what was expected.",
        requirements=BY_LOCATION,
        item=BY_LOCATION,
        status=Status.NOT_STATED,
    ),
    Code(
        "input.sheet-missing",
        ERR,
        None,
        "reader",
        "A required sheet is missing, or a chart or dialog sheet has a data sheet's name.",
        "Add the sheet (`aiexp init` writes a template with every sheet).",
        requirements=BY_LOCATION,
        item=BY_LOCATION,
    ),
    Code(
        "input.column-missing",
        ERR,
        None,
        "reader",
        "A required column is missing from a sheet's header row.",
        "Add the column to the header row (see `aiexp schema --format markdown`).",
        requirements=BY_LOCATION,
        item=BY_LOCATION,
    ),
    Code(
        "input.required",
        ERR,
        None,
        "reader",
        "A required cell is blank.",
        "Fill in the cell.",
        requirements=BY_LOCATION,
        item=BY_LOCATION,
        status=Status.NOT_STATED,
    ),
    Code(
        "input.duplicate",
        ERR,
        None,
        "reader",
        "Two of what must be one: members, models or Consortium fields with the same name "
        "(case and spaces ignored), sheets whose names match one sheet, header cells for one "
        "column, Narratives rows for one section.",
        "Merge the rows into one, or delete or rename the extra sheet or column.",
        requirements=BY_LOCATION,
        item=BY_LOCATION,
    ),
    Code(
        "input.unknown-entity",
        ERR,
        None,
        "reader",
        "A name that must refer to a member does not: `anchor_member`, a model's "
        "`us_support_provider`, a Providers row of type `member`.",
        "Write the member's name exactly as in the Members sheet, or add the member.",
        requirements=BY_LOCATION,
        item=BY_LOCATION,
    ),
    Code(
        "input.unknown-column",
        INFO,
        None,
        "reader",
        "A column (or Consortium field) that aiexp does not use; it is ignored.",
        "Rename it to one of the sheet's columns if it was meant to be read.",
        requirements=BY_LOCATION,
        item=BY_LOCATION,
    ),
    Code(
        "anchor.count",
        ERR,
        "II",
        "anchor",
        "Exactly one member has role `anchor`, and it is the Consortium sheet's `anchor_member`.",
        "Give exactly one Members row the role anchor and name it in `anchor_member`.",
        requirements=("II.anchor", "VI.1"),
        item="VI.1",
    ),
    Code(
        "anchor.experience",
        ERR,
        "II.1",
        "anchor",
        "The anchor attests both international experience and the organizational "
        "capacity to manage multi-country delivery.",
        "Set the anchor's `international_experience` and `multi_country_capacity` to yes, if true.",
        requirements=("II.1",),
        item="VI.1",
    ),
    Code(
        "anchor.us-organized",
        ERR,
        "II.2",
        "anchor",
        "The anchor is organized under the laws of the United States or a State thereof "
        "(its `state_of_organization`, when given, is a State) and has its principal place of "
        "business in the U.S.",
        "Choose a U.S.-organized anchor with its principal place of business in the U.S.",
        requirements=("II.2",),
        item="VI.1",
    ),
    Code(
        "anchor.foreign-parent",
        ERR,
        "II.2",
        "anchor",
        "The anchor's ultimate parent is stated (`none` when the anchor is its own ultimate "
        "parent; blank is unknown) and, when it has one, is organized in the U.S. and has its "
        "principal place of business there; both must be given.",
        "Write `none` in `ultimate_parent`, or name the parent with its "
        "`ultimate_parent_country` and `ultimate_parent_principal_place_of_business`; a "
        "subsidiary of a foreign parent cannot be the anchor.",
        requirements=("II.2",),
        item="VI.1",
    ),
    Code(
        "anchor.coc",
        ERR,
        "II.3",
        "anchor",
        "The anchor is not linked to a country of concern (incorporation, principal "
        "place of business, ultimate parent, a majority interest, or control). Whether its "
        "ownership or control is stated is `members.ownership-unknown`.",
        "Choose an anchor that is not linked to a country of concern.",
        requirements=("II.3",),
        item="VI.1",
    ),
    Code(
        "layers.coverage",
        ERR,
        "III",
        "layers",
        "Every layer 1-5 is provided by at least one member (the Members sheet's `layers`).",
        "Add the layer to the member that provides it, or add a member for it.",
        requirements=("II.package", "III.layers"),
        item="VI.2",
    ),
    Code(
        "layers.top-provider",
        ERR,
        "II",
        "layers",
        "In every layer, the provider with the greatest value (Providers rows summed per"
        " name, in USD) is a member; a tie that includes a member satisfies it.",
        "Make the largest provider of the layer a consortium member, or correct the values.",
        requirements=("II.top-provider",),
        item="VI.2",
    ),
    Code(
        "layers.providers-missing",
        WARN,
        "II, VI.2",
        "layers",
        "A layer has Providers rows, so that the top-provider rule can be checked.",
        "Add the layer's providers and their values to the Providers sheet.",
        requirements=("II.top-provider",),
        item="VI.2",
        status=Status.NOT_STATED,
    ),
    Code(
        "layers.offering",
        ERR,
        "III, VI.2",
        "layers",
        "Every layer 1-5 has its `offering` narrative in the Layers sheet.",
        "Add a Layers row for the layer describing what the package provides and how.",
        requirements=("III.layers", "VI.2.package"),
        item="VI.2",
    ),
    Code(
        "providers.top-two",
        WARN,
        "VI.2",
        "layers",
        "Layers 1, 2 and 5 name the two highest-value non-member providers.",
        "Add the two highest-value non-member providers of the layer to Providers "
        "(ignore this warning if the layer has fewer).",
        requirements=("VI.2.package",),
        item="VI.2",
    ),
    Code(
        "members.coc",
        ERR,
        "IV.B, IV.D",
        "ownership",
        "No member is linked to a country of concern.",
        "Remove the member from the consortium, or correct its ownership data.",
        requirements=("IV.B.members", "IV.D"),
        item="VI.1",
    ),
    Code(
        "members.ownership-unknown",
        ERR,
        "VI.1, IV",
        "ownership",
        "Each member states its country-of-concern ownership (`coc_ownership_pct`) and "
        "control (`coc_controlled`), and its ultimate parent's country when it names a parent:"
        ' VI.1 asks for ownership and control information "sufficient to determine compliance'
        ' with Section IV". A blank is unknown, never "no".',
        "Fill in `coc_ownership_pct` (0 when there is none), `coc_controlled` (yes or no) and "
        "the parent's country.",
        requirements=("IV.B.members", "IV.D", "VI.1"),
        item="VI.1",
        status=Status.NOT_STATED,
    ),
    Code(
        "members.layers-mismatch",
        WARN,
        "VI.1",
        "layers",
        "Each member's `layers` in Members are the layers it has Providers rows in: the "
        "overview and the package description must not contradict each other.",
        "Correct the member's `layers`, or its Providers rows.",
        requirements=("VI.1",),
        item="VI.1",
    ),
    Code(
        "partners.ownership-unknown",
        WARN,
        "IV.D",
        "ownership",
        "Each subcontractor and local implementation partner in Providers states its "
        "country, principal place of business, country-of-concern ownership and control, so "
        "that IV.D can be shown for it.",
        "Fill in the partner's `principal_place_of_business`, `coc_ownership_pct` and "
        "`coc_controlled`.",
        requirements=("IV.D",),
        item="VI.2",
        status=Status.NOT_STATED,
    ),
    Code(
        "partners.coc",
        ERR,
        "IV.D",
        "ownership",
        "No subcontractor or local implementation partner is linked to a country of concern.",
        "Replace the subcontractor or partner, or correct its ownership data.",
        requirements=("IV.D",),
        item="VI.2",
    ),
    Code(
        "partners.coc-vendor",
        WARN,
        "IV.A, IV.D",
        "ownership",
        "A vendor linked to a country of concern: it is disclosed if in Layer 1; confirm"
        " it is not in fact a subcontractor (IV.D).",
        "Confirm the vendor only sells goods or services and performs no part of the work.",
        requirements=("IV.A.disclosure",),
        item="VI.2",
    ),
    Code(
        "hardware.no-bom",
        ERR,
        "IV.A, VI.2",
        "hardware",
        "A BOM, or the hardware summary figures, show the hardware valuation and U.S. content.",
        "Give a BOM (`--bom`, a BOM sheet or bom.csv beside the workbook), or fill in "
        "`hardware_total_value` and `hardware_us_value`.",
        requirements=("IV.A.content", "VI.2.package"),
        item="VI.2",
        status=Status.NOT_STATED,
    ),
    Code(
        "hardware.summary-only",
        WARN,
        "IV.A",
        "hardware",
        "Hardware figures given as a summary without a BOM: the Department may ask how "
        "they were established.",
        "Give a BOM, or explain in `hardware_basis` how the figures were established.",
        requirements=("IV.A.content",),
        item="VI.2",
    ),
    Code(
        "hardware.us-content",
        WARN,
        "IV.A, IX",
        "hardware",
        "The hardware U.S. content is at least the threshold ({hardware_us_content_pct} "
        "%); below it the presumption is not met, which is not disqualifying by itself.",
        "Raise U.S. content (see `aiexp content-calc --top`), or explain the shortfall.",
        requirements=("IV.A.content",),
        item="VI.2",
        status=Status.BELOW_THRESHOLD,
    ),
    Code(
        "hardware.undeclared",
        WARN,
        "IV.A",
        "hardware",
        "Every BOM line declares its U.S. content (undeclared lines count as 0 %).",
        "Ask the suppliers for `us_content_pct` or `non_us_unit_value` of each line.",
        requirements=("IV.A.content",),
        item="VI.2",
    ),
    Code(
        "hardware.coc-disclosure",
        INFO,
        "IV.A, VI.7",
        "hardware",
        "Layer 1 BOM lines or providers linked to a country of concern; they are "
        "disclosed in section 7.",
        "Nothing to fix: check that the disclosure in section 7 is right.",
        requirements=("IV.A.disclosure", "VI.7"),
        item="VI.7",
    ),
    Code(
        "hardware.supplier-unknown",
        WARN,
        "IV.A, VI.7",
        "hardware",
        "Every Layer 1 BOM line's supplier, and every Layer 1 provider, has its "
        "country-of-concern status stated (a blank `supplier_coc_controlled` is unknown, never "
        '"no"): otherwise section 7 cannot say it is clear.',
        "Fill in `supplier_coc_controlled` (and the principal place of business) for the "
        "lines, and the ownership columns of the providers.",
        requirements=("IV.A.disclosure", "VI.7"),
        item="VI.7",
        status=Status.NOT_STATED,
    ),
    Code(
        "hardware.valuation-mismatch",
        WARN,
        "IV.A, VI.2",
        "hardware",
        "The BOM total and the Layer 1 value of the Providers sheet (or the summary "
        "figures) agree within `valuation_tolerance_pct` ({valuation_tolerance_pct} %): "
        "otherwise the proposal would state two valuations of the hardware.",
        "Make the Layer 1 Providers values (or `hardware_total_value`) add up to the BOM.",
        requirements=("VI.2.package",),
        item="VI.2",
    ),
    Code(
        "models.none",
        ERR,
        "III",
        "models",
        "At least one Layer 3 model or system is listed.",
        "List the package's AI models and systems in the Models sheet.",
        requirements=("III.models",),
        item="VI.2",
    ),
    Code(
        "models.coc-owner",
        ERR,
        "IV.C(1)",
        "models",
        "The model's IP owner is not controlled by a country of concern (or its entities"
        " or nationals), not incorporated in one, and their interest in it is below "
        "`model_owner_coc_error_pct` ({model_owner_coc_error_pct} %).",
        "Use a model whose IP owner has no country-of-concern ownership or control.",
        requirements=("IV.C(1)",),
        item="VI.2",
    ),
    Code(
        "models.coc-interest",
        WARN,
        "IV.C(1)",
        "models",
        "A smaller, non-zero country-of-concern interest in the IP owner or in an "
        'open-weight model\'s support provider: IV.C(1), unlike IV.D, has no "majority" '
        "qualifier. IP owners and support providers get the same two-level test "
        "(`models.coc-owner` at {model_owner_coc_error_pct} % or control, this warning below).",
        "Have counsel confirm the interest is not ownership or control within IV.C(1).",
        requirements=("IV.C(1)",),
        item="VI.2",
        status=Status.TO_CONFIRM,
    ),
    Code(
        "models.ownership-unknown",
        WARN,
        "IV.C",
        "models",
        "Each model's IP owner states its country-of-concern interest and control (on the "
        "Models row, or its Members row for a member), and each open-weight model's developer "
        "its country, principal place of business, interest and control: a blank is unknown, "
        'never "no".',
        "Fill in the IP owner's `ip_owner_coc_controlled` (yes or no), and the developer's "
        "columns of an open-weight model.",
        requirements=("IV.C(1)", "IV.C.open-weight"),
        item="VI.2",
        status=Status.NOT_STATED,
    ),
    Code(
        "models.us-owned",
        ERR,
        "IV.C(2)",
        "models",
        "A closed model's IP owner is at least {model_owner_us_ownership_min_pct} % "
        "owned and controlled by U.S. persons (a warning when the owner itself is a "
        "member asking to be an NCE).",
        "Use a model whose IP owner is at least {model_owner_us_ownership_min_pct} % "
        "U.S.-owned, or request the NCE exception.",
        requirements=("IV.C(2)",),
        item="VI.2",
        # Also as a warning (the NCE exception): the requirement itself is not met.
        status=Status.NOT_MET,
    ),
    Code(
        "models.open-weight-support",
        ERR,
        "IV.C",
        "models",
        "An open-weight model whose owner fails IV.C(2) names a support provider — a "
        "member, or a Providers row — whose ownership is stated, that itself meets "
        'IV.C(1)-(2) ("an entity meeting requirements (1) and (2)": membership is not '
        "required), and that covers deployment, integration, fine-tuning, security and "
        "support.",
        "Name such an entity in `us_support_provider` (a member, or a Providers row with its "
        "ownership and `us_ownership_pct`) and list all five `support_functions`.",
        requirements=("IV.C(2)",),
        item="VI.2",
    ),
    Code(
        "models.coc-open-weight",
        ERR,
        "IV.C",
        "models",
        "No open-weight model (in any layer) is developed by an entity linked to a "
        "country of concern: the package could not be designated.",
        "Remove the model from the package.",
        requirements=("IV.C.open-weight",),
        item="VI.2",
    ),
    Code(
        "nce.not-requested",
        ERR,
        "II.A",
        "nce",
        "When the top Layer 1 provider is a foreign enterprise, it is a member with "
        "`nce_requested` (only an NCE may be that, and only in exceptional cases).",
        "Make the foreign provider a member and request NCE designation, or rebalance Layer 1.",
        requirements=("II.A",),
        item="VI.6",
    ),
    Code(
        "nce.misapplied",
        WARN,
        "II.A",
        "nce",
        "`nce_requested` only on a foreign member that is the top Layer 1 provider or "
        "the IP owner of a Layer 3 model.",
        "Remove `nce_requested` from members that cannot be NCEs.",
        requirements=("II.A",),
        item="VI.1",
    ),
    Code(
        "nce.home-market",
        ERR,
        "II.A",
        "nce",
        "A package with an NCE targets only the NCE's home country (its country of organization).",
        "Limit the markets to the NCE's home country, or drop the NCE request.",
        requirements=("II.A",),
        item="VI.3",
    ),
    Code(
        "nce.justification",
        ERR,
        "II.A, VI.6",
        "nce",
        "An NCE request comes with the `nce_justification` narrative.",
        "Explain in `nce_justification` why including the NCE advances the national interest.",
        requirements=("II.A", "VI.6"),
        item="VI.6",
    ),
    Code(
        "markets.none",
        ERR,
        "V",
        "markets",
        "At least one target market.",
        "Add a target country or regional bloc to the Markets sheet.",
        requirements=("II.package", "V.markets", "VI.3"),
        item="VI.3",
    ),
    Code(
        "markets.unknown",
        ERR,
        "V",
        "markets",
        "Every market is a country, a bloc of the profile, `Global`, or a named region "
        "with its `countries`.",
        "Write a country or bloc name, or list the region's countries in `countries`.",
        requirements=("V.markets",),
        item="VI.3",
    ),
    Code(
        "markets.competition",
        ERR,
        "V",
        "markets",
        "Every market names its relevant foreign competition.",
        "Describe the foreign competition in `foreign_competition`.",
        requirements=("V.competition",),
        item="VI.3",
    ),
    Code(
        "markets.national-interest",
        ERR,
        "V",
        "markets",
        "Every market says why the offering would advance U.S. national interests there.",
        "Fill in `national_interest`.",
        requirements=("V.interest",),
        item="VI.3",
    ),
    Code(
        "markets.coc-target",
        WARN,
        "V",
        "markets",
        "A target market that is itself a country of concern.",
        "Check that the market is intended; export controls and sanctions likely apply.",
        requirements=("V.markets",),
        item="VI.3",
    ),
    Code(
        "markets.domestic",
        ERR,
        "V",
        "markets",
        'No target market is the United States: the package is for "one or more foreign '
        'markets" (II). A bloc or region that includes the U.S. is accepted with an info '
        "finding that the U.S. is not a target.",
        "Remove the United States from the target markets.",
        requirements=("II.package", "V.markets"),
        item="VI.3",
    ),
    Code(
        "security.none",
        ERR,
        "IV.B",
        "security",
        "At least one security measure and at least one privacy measure.",
        "Describe the package's security and privacy measures in the Security sheet.",
        requirements=("IV.B.security",),
        item="VI.2",
    ),
    Code(
        "security.standards",
        ERR,
        "VI.2, IX.4",
        "security",
        "At least one measure is aligned to NIST CSF 2.0, SP 800-53/53B or a named "
        "comparable framework.",
        "Give each measure its `framework` (and `framework_name` for other).",
        requirements=("VI.2.security",),
        item="VI.2",
    ),
    Code(
        "security.reference",
        ERR,
        "IX.4",
        "security",
        "Every reference id on a NIST CSF or SP 800-53/53B row is a real CSF 2.0 id or "
        "SP 800-53 Rev. 5 control, and not withdrawn.",
        "Correct the id (CSF 2.0 such as PR.AA-01; SP 800-53 Rev. 5 such as AC-2(1)).",
        requirements=("VI.2.security",),
        item="VI.2",
    ),
    Code(
        "security.csf-coverage",
        WARN,
        "IX.4",
        "security",
        "Every CSF 2.0 function (GV, ID, PR, DE, RS, RC) is addressed by a measure's CSF"
        " ids (SP 800-53 controls are not mapped to functions).",
        "Add the CSF 2.0 ids that the measures address, or a measure for the missing function.",
        requirements=("VI.2.security",),
        item="VI.2",
    ),
    Code(
        "operations.functions",
        ERR,
        "VI.4",
        "operations",
        "Build, own, operate, deliver and support each have an entity.",
        "Add an Operations row for the function with its entity and arrangement.",
        requirements=("VI.4",),
        item="VI.4",
    ),
    Code(
        "support.none",
        ERR,
        "VI.5",
        "support",
        "At least one type of Federal support is requested.",
        "Add the types of Federal support that would be most useful to FederalSupport.",
        requirements=("VI.5",),
        item="VI.5",
    ),
    Code(
        "export.items",
        ERR,
        "VI.8",
        "export_control",
        "Export-control items are listed (items, destinations, end uses, end users, "
        'technical features): VI.8 is an item the proposal "must include, at a minimum".',
        "List what may implicate the EAR, the ITAR, outbound-investment rules or other "
        "controls — the hardware at least, EAR99 where that is its classification.",
        requirements=("VI.8",),
        item="VI.8",
    ),
    Code(
        "export.classification-missing",
        WARN,
        "VI.8",
        "export_control",
        "Every EAR or ITAR item has a classification; until it has one, the item is listed"
        ' as preliminary information ("preliminary information … will suffice").',
        "Give the ECCN (or EAR99) or the USML category when it is known.",
        requirements=("VI.8",),
        item="VI.8",
    ),
    Code(
        "export.classification",
        ERR,
        "VI.8",
        "export_control",
        "A classification is an ECCN (such as 3A090.a), EAR99, or a USML category "
        "(I-XXI), and matches the item's jurisdiction.",
        "Write the ECCN as 3A090.a or EAR99, or the USML category as XI(a).",
        requirements=("VI.8",),
        item="VI.8",
    ),
    Code(
        "export.advanced-computing",
        INFO,
        "VI.8",
        "export_control",
        "Items classified 3A090, 4A090, 4E091, or in a `.z` paragraph such as 5A992.z "
        "(likely license review), and destinations that are countries of concern.",
        "Nothing to fix: describe the license strategy in the compliance program.",
        requirements=("VI.8",),
        item="VI.8",
    ),
    Code(
        "narrative.missing",
        ERR,
        "VI",
        "narratives",
        "Every required narrative has text.",
        "Write the narrative in the Narratives sheet.",
        requirements=BY_NARRATIVE,
        item=BY_LOCATION,
    ),
    Code(
        "narrative.placeholder",
        WARN,
        "VI",
        "narratives",
        "No narrative or description still holds a placeholder (TBD, TODO, TK, XXX, "
        "[insert …], <…> prompts, lorem ipsum, the template's example text).",
        "Replace the placeholder with the real text.",
        requirements=("VI.placeholder",),
        item=BY_LOCATION,
        # The requirement is that no placeholder is left: one left fails it.
        status=Status.NOT_MET,
    ),
    Code(
        "resubmission.changes",
        ERR,
        "X.D",
        "resubmission",
        "A resubmission includes its `material_changes` narrative.",
        "Write the concise explanation of material changes (`aiexp diff` drafts it).",
        requirements=("X.D",),
        item="X.D",
    ),
    Code(
        "resubmission.reference",
        WARN,
        "X.D",
        "resubmission",
        "A resubmission gives `previous_submission_reference`.",
        "Give the portal reference of the proposal that was not selected.",
        requirements=("X.D",),
        item="X.D",
    ),
    Code(
        "confidential.basis",
        WARN,
        "VII",
        "confidential",
        "A row or narrative marked confidential gives its `confidential_basis`.",
        "Set `confidential_basis` to commercial or export-control.",
        requirements=("VII",),
        item=BY_LOCATION,
    ),
    Code(
        "contact.missing",
        ERR,
        "II",
        "contact",
        "The single point of contact's name and email are given, and the email is an email "
        "address (a phone is optional).",
        "Fill in `contact_name` and `contact_email`.",
        requirements=("II.anchor", "VI.1"),
        item="VI.1",
    ),
    Code(
        "screening.match",
        ERR,
        "IV.D, VI.8, XII.A",
        "screening",
        "No party of the proposal matches a Consolidated Screening List entry with a score of "
        "95 or more (only with a screening list: `validate --screening-list`, `aiexp screen`).",
        "Do the due diligence the entry's source list calls for (read the entry and its "
        "Federal Register notice); if it is the same party, resolve it before filing.",
        requirements=("IV.D", "VI.8"),
        item="VI.8",
    ),
    Code(
        "screening.possible",
        WARN,
        "VI.8, XII.A",
        "screening",
        "A possible match: a party's name scores from `--min-score` (85) to 94 against a "
        "Consolidated Screening List entry's name or alternate name.",
        "Compare the entry's details (addresses, identifiers, programs) with the party's before "
        "proceeding; a possible match calls for due diligence, not a conclusion.",
        requirements=("VI.8",),
        item="VI.8",
    ),
    Code(
        "window.closed",
        ERR,
        "DATES",
        "window",
        "The submission date and time (else `--date`, else now) is not after the profile's "
        "closing time, to the minute in its time zone; a date alone on the closing day is an "
        "info finding naming the closing time.",
        "Submit before the window closes; check the `submission_date` (give the time too: "
        "YYYY-MM-DD HH:MM).",
        requirements=("DATES",),
        item=NO_ITEM,
    ),
    Code(
        "window.not-open",
        WARN,
        "DATES",
        "window",
        "The submission date is not before the filing window opens.",
        "Check the `submission_date`: the portal accepts proposals from the opening date.",
        requirements=("DATES",),
        item=NO_ITEM,
    ),
    Code(
        "coc.conditional",
        WARN,
        "IV",
        "ownership",
        "An entity linked to a country of concern only through a country the profile lists "
        'with a condition (Venezuela: "under the regime of Nicolás Maduro Moros"): counsel must '
        "confirm whether the condition holds. It replaces the error the link would otherwise "
        "give.",
        "Have counsel confirm whether the statute's condition holds for this entity.",
        # II.3 for the anchor is Appendix A's own test of the anchor (aiexp.document.crossref).
        requirements=BySheet(
            (
                ("members", ("IV.B.members", "IV.D")),
                ("providers", ("IV.D",)),
                ("models", ("IV.C(1)", "IV.C.open-weight")),
            )
        ),
        item=BY_LOCATION,
        status=Status.TO_CONFIRM,
    ),
)

_BY_CODE = {code.code: code for code in CODES}


def code_for(code: str) -> Code:
    """The declared code; KeyError for an unknown one."""
    return _BY_CODE[code]


def finding(
    code: str,
    message: str,
    location: Location,
    hint: str | None = None,
    *,
    severity: Severity | None = None,
) -> Finding:
    """A finding of a declared code: severity and section from the table, the fix as the hint
    unless a more specific one is given."""
    declared = _BY_CODE[code]
    return Finding(
        code=code,
        severity=severity or declared.severity,
        section=declared.section,
        message=message,
        location=location,
        hint=hint or declared.fix,
    )


def number_text(value: Decimal) -> str:
    """A profile figure as people write it: `51`, `0.5` (no exponent, no trailing zeros)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def profile_words(profile: Profile) -> dict[str, str]:
    """The profile's figures by name, for `{placeholders}` in titles, fixes and hints."""
    thresholds = profile.thresholds
    return {name: number_text(getattr(thresholds, name)) for name in type(thresholds).model_fields}


def check_ignore_codes(codes: Iterable[str]) -> list[str]:
    """The codes `--ignore` may drop; raises AiexpError for an unknown code or an error code."""
    result = []
    for name in codes:
        declared = _BY_CODE.get(name.strip())
        if declared is None:
            raise AiexpError(
                f"--ignore {name}: unknown finding code (see docs/rules.md for the list)"
            )
        if declared.severity is Severity.ERROR:
            raise AiexpError(
                f"--ignore {name}: {name} is an error and cannot be ignored (SPEC §5: only "
                "warnings and info may be ignored); fix the workbook instead"
            )
        result.append(declared.code)
    return result
