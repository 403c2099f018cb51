"""Export-control compliance and national security information (VI.8)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import ExportControlItem, Jurisdiction
from aiexp.ownership import coc_label
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check

ECCN = re.compile(r"^[0-9][A-E][0-9]{3}(\.[a-z0-9.]+)?$")
EAR99 = "EAR99"
USML = re.compile(
    r"^(?:USML\s*)?(?:CAT(?:EGORY)?\.?\s*)?"
    r"(XXI|XX|XIX|XVIII|XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
    r"(\s*\([a-z0-9]+\))*$",
    re.IGNORECASE,
)
# Advanced-computing ECCNs: 3A090 (integrated circuits), 4A090 (computers containing them) and
# 4E091 (model weights), whatever the paragraph; and the ".z" paragraphs that other ECCNs carry
# for items meeting the 3A090/4A090 parameters (5A992.z, 5D992.z, 4A003.z, 3A001.z, ...). SPEC §5
# lists "5A992" whole, but 5A992.c is ordinary mass-market encryption, not advanced computing, so
# only 5A992.z — or a bare 5A992 whose paragraph is not given — is flagged.
ADVANCED_COMPUTING = ("3A090", "4A090", "4E091")
_Z_PARAGRAPH = re.compile(r"^[0-9][A-E][0-9]{3}\.Z(?:[.0-9A-Z]*)$")
_UNSPECIFIED_Z_CARRIERS = ("5A992", "5D992")


def is_advanced_computing(classification: str) -> bool:
    """True for an advanced-computing ECCN: 3A090, 4A090, 4E091, a `.z` paragraph, bare 5A992."""
    text = classification.strip().upper()
    return (
        any(text.startswith(code) for code in ADVANCED_COMPUTING)
        or bool(_Z_PARAGRAPH.match(text))
        or text in _UNSPECIFIED_Z_CARRIERS
    )


def classification_kind(text: str) -> str | None:
    """`eccn`, `ear99` or `usml` for a valid classification; None otherwise."""
    value = text.strip()
    # The ECCN's category letter is written upper case; forgive lower case there only.
    candidate = value[:1] + value[1:2].upper() + value[2:]
    if ECCN.match(candidate):
        return "eccn"
    if value.upper() == EAR99:
        return "ear99"
    if USML.match(value):
        return "usml"
    return None


@check("export.items")
def export_items(ctx: RuleContext) -> Iterator[Finding]:
    """VI: "The Proposal application must include, at a minimum, the following: … 8.
    Export-control compliance and national security information. Identification of items,
    destinations, end uses, end users, or technical features that may implicate the Export
    Administration Regulations (EAR), the International Traffic in Arms Regulations (ITAR), U.S.
    outbound investment regulations, end-user restrictions, or other national security
    controls"."""
    if not any(row.item for row in ctx.consortium.export_control):
        yield ctx.finding(
            "export.items",
            "no export-control items are listed: VI.8 is an item the proposal must include at a "
            "minimum, and an AI stack almost always includes items subject to the EAR (advanced "
            "chips, servers, models)",
            ctx.locate("ExportControl", None, "item"),
            "list the items, destinations, end uses and technical features that may implicate "
            "the EAR, ITAR, outbound-investment rules or other controls — the hardware at least, "
            "with EAR99 where that is its classification",
        )


@check("export.classification-missing")
def export_classification_missing(ctx: RuleContext) -> Iterator[Finding]:
    """VI.8: "Recognizing that proposers may not yet know the end users, preliminary information
    other than the end user will suffice to make the anticipated license review process more
    efficient." An item without its ECCN or USML category yet is preliminary information: a
    warning, not an error."""
    for row in ctx.consortium.export_control:
        if (
            row.jurisdiction in (Jurisdiction.EAR, Jurisdiction.ITAR)
            and not (row.classification or "").strip()
        ):
            what = "ECCN (or EAR99)" if row.jurisdiction is Jurisdiction.EAR else "USML category"
            yield ctx.finding(
                "export.classification-missing",
                f"{row.jurisdiction.value} item {row.item!r} has no classification yet; the "
                "proposal lists it as not yet classified",
                ctx.locate("ExportControl", row, "classification"),
                f"give the item's {what} when it is known",
            )


def _classification_problem(row: ExportControlItem) -> str | None:
    text = (row.classification or "").strip()
    if not text:
        return None
    kind = classification_kind(text)
    if kind is None:
        return (
            f"classification {text!r} of {row.item!r} is neither an ECCN (such as 3A090.a), "
            "EAR99, nor a USML category (I-XXI, such as XI(a))"
        )
    if row.jurisdiction is Jurisdiction.EAR and kind == "usml":
        return f"EAR item {row.item!r} is classified {text!r}, a USML category (ITAR)"
    if row.jurisdiction is Jurisdiction.ITAR and kind in ("eccn", "ear99"):
        return f"ITAR item {row.item!r} is classified {text!r}, an EAR classification"
    return None


@check("export.classification")
def export_classification(ctx: RuleContext) -> Iterator[Finding]:
    """VI.8: items "that may implicate the Export Administration Regulations (EAR), the
    International Traffic in Arms Regulations (ITAR)" are identified by their ECCN or USML
    category."""
    for row in ctx.consortium.export_control:
        problem = _classification_problem(row)
        if problem is not None:
            yield ctx.finding(
                "export.classification",
                problem,
                ctx.locate("ExportControl", row, "classification"),
            )


@check("export.advanced-computing")
def export_advanced_computing(ctx: RuleContext) -> Iterator[Finding]:
    """VI.8: "preliminary information other than the end user will suffice to make the
    anticipated license review process more efficient"; advanced-computing items and
    country-of-concern destinations are what that review looks at first."""
    for row in ctx.consortium.export_control:
        if is_advanced_computing(row.classification or ""):
            yield ctx.finding(
                "export.advanced-computing",
                f"{row.item!r} is classified {row.classification}: advanced-computing items are "
                "likely to need license review",
                ctx.locate("ExportControl", row, "classification"),
                "describe the license strategy for it in the export compliance program",
            )
        concerned = [c for c in row.destinations if c in ctx.profile.coc_codes]
        if concerned:
            names = ", ".join(coc_label(ctx.profile, c) for c in concerned)
            yield ctx.finding(
                "export.advanced-computing",
                f"{row.item!r} lists destinations that are countries of concern: {names}",
                ctx.locate("ExportControl", row, "destinations"),
                "check licensing and sanctions for these destinations",
            )
