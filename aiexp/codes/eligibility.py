"""The code table, part 1: the readers' `input.*` codes and eligibility (II, III, IV.A, IV.D).

`aiexp.codes.CODES` is this part followed by `aiexp.codes.package`'s, in this order.
"""

from __future__ import annotations

from aiexp.codes.code import (
    BY_LOCATION,
    ERR,
    INFO,
    WARN,
    Code,
    Status,
)

ELIGIBILITY: tuple[Code, ...] = (
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
        "members.facts-mismatch",
        WARN,
        "VI.1",
        "ownership",
        "A member's Providers rows state its country, principal place of business and "
        "country-of-concern interest as its Members row does: the proposal prints both rows.",
        "Make the Providers row say what the Members row says, or leave its cell blank.",
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
)
