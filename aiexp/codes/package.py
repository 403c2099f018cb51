"""The code table, part 2: models, NCEs, markets, security, operations, support, export control,
narratives, resubmission, confidentiality, contact, screening, the filing window, conditional
countries (III, II.A, IV.B, IV.C, V, VI, VII, X.D, DATES).
"""

from __future__ import annotations

from aiexp.codes.code import (
    BY_LOCATION,
    BY_NARRATIVE,
    ERR,
    INFO,
    NO_ITEM,
    WARN,
    BySheet,
    Code,
    Status,
)

PACKAGE: tuple[Code, ...] = (
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
