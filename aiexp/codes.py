"""Every finding code, declared once: the data that readers, rules, documents and docs share.

A `Code` says how serious a finding is, which section of the notice it comes from, what it
checks and how to fix it (the title and fix may hold `{placeholders}` filled from the program
profile: `Code.title_for(profile)`), which module raises it (`reader` for the `input.*` codes,
else the rule module under `aiexp/rules/`), which Appendix A requirements it bears on
(`aiexp.requirements.REQUIREMENTS`) and which completeness-review item it belongs to
(`aiexp.requirements.ITEMS`). `validate --ignore`, the rules' findings, the reader's findings,
Appendix A, `aiexp checklist` and `docs/rules.md` are all derived from this table; a test fails
when a code lacks its requirement or its item.

This module is data: it imports nothing of aiexp but the findings model.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
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
class Code:
    """A finding code: severity, notice section, what it checks, the fix, where it belongs."""

    code: str
    severity: Severity
    section: str | None
    module: str
    title: str
    fix: str
    requirements: tuple[str, ...] | str
    item: str

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
    ),
    Code(
        "input.sheet-missing",
        ERR,
        None,
        "reader",
        "A required sheet is missing.",
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
    ),
    Code(
        "input.duplicate",
        ERR,
        None,
        "reader",
        "Two members, two models or two Consortium fields with the same name (case and "
        "spaces ignored).",
        "Merge the rows into one.",
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
        "The anchor is organized under U.S. (or State) law and has its principal place "
        "of business in the U.S.",
        "Choose a U.S.-organized anchor with its principal place of business in the U.S.",
        requirements=("II.2",),
        item="VI.1",
    ),
    Code(
        "anchor.foreign-parent",
        ERR,
        "II.2",
        "anchor",
        "The anchor's ultimate parent (when it has one) is organized in the U.S. and has"
        " its principal place of business there; both must be given.",
        "Give `ultimate_parent_country` and "
        "`ultimate_parent_principal_place_of_business`; a subsidiary of a foreign parent"
        " cannot be the anchor.",
        requirements=("II.2",),
        item="VI.1",
    ),
    Code(
        "anchor.coc",
        ERR,
        "II.3",
        "anchor",
        "The anchor is not linked to a country of concern (incorporation, principal "
        "place of business, ultimate parent, a majority interest, or control).",
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
        WARN,
        "VI.1",
        "ownership",
        "Each member gives its country-of-concern ownership (and its ultimate parent's "
        "country when it has a parent): the ownership and control information VI.1 asks "
        "for.",
        "Fill in `coc_ownership_pct` (0 when there is none) and the parent's country.",
        requirements=("IV.D", "VI.1"),
        item="VI.1",
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
        "A smaller, non-zero country-of-concern interest in the IP owner: IV.C(1), "
        'unlike IV.D, has no "majority" qualifier.',
        "Have counsel confirm the interest is not ownership or control within IV.C(1).",
        requirements=("IV.C(1)",),
        item="VI.2",
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
    ),
    Code(
        "models.open-weight-support",
        ERR,
        "IV.C",
        "models",
        "An open-weight model whose owner fails IV.C(2) has a support provider that is a"
        " member, itself meets IV.C(1)-(2), and covers deployment, integration, fine-"
        "tuning, security and support.",
        "Name such a member in `us_support_provider` and list all five `support_functions`.",
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
        WARN,
        "VI.8",
        "export_control",
        "Export-control items are listed (items, destinations, end uses, end users, "
        "technical features).",
        "List what may implicate the EAR, the ITAR, outbound-investment rules or other controls.",
        requirements=("VI.8",),
        item="VI.8",
    ),
    Code(
        "export.classification-missing",
        ERR,
        "VI.8",
        "export_control",
        "Every EAR or ITAR item has a classification.",
        "Give the ECCN (or EAR99) or the USML category.",
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
        "VI.1",
        "contact",
        "The contact's name, email and phone are given, and the email is an email address.",
        "Fill in `contact_name`, `contact_email` and `contact_phone`.",
        requirements=("II.anchor", "VI.1"),
        item="VI.1",
    ),
    Code(
        "window.closed",
        WARN,
        "DATES",
        "window",
        "The submission date (else `--date`, else now) is inside the profile's filing "
        "window, to the minute in its time zone.",
        "Submit inside the filing window; check the `submission_date`.",
        requirements=("DATES",),
        item=NO_ITEM,
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
