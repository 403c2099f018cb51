"""The template context: the model, the validation report and the content result, shaped for
the proposal's sections (notice Section VI 1–8) and already redacted where --public asks.

Values stay plain text here; the Jinja2 environment escapes every `{{ value }}` as Markdown
data when it prints it (see `aiexp.document.render`), and narratives go through the `narrative`
filter. One module per part of the proposal: `overview` (section 1), `package` (section 2),
`sections` (3 to 8), `appendices`; `shaper` holds what they share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiexp.content.format import pct_display
from aiexp.document.redact import Fixed, Redactor
from aiexp.findings import Report
from aiexp.model import Consortium, NarrativeSection
from aiexp.profile import Profile

if TYPE_CHECKING:
    from aiexp.content import ContentResult

from aiexp.document.context.appendices import crossref, factors, open_findings
from aiexp.document.context.hardware import hardware
from aiexp.document.context.overview import anchor, members
from aiexp.document.context.package import layers, security
from aiexp.document.context.sections import (
    coc_disclosures,
    export_control,
    federal_support,
    markets,
    operations,
)
from aiexp.document.context.shaper import Shaper, long_date

__all__ = ["build_context"]

OPTIONAL_NARRATIVES = (
    (NarrativeSection.LETTERS_OF_INTENT, "Letters of intent and evidence of buyer interest"),
    (NarrativeSection.LOCAL_PARTNERS, "Local implementation partners"),
    (NarrativeSection.WORKFORCE_TRAINING, "Workforce training and capacity building"),
    (
        NarrativeSection.ENABLING_INFRASTRUCTURE,
        "Energy, telecommunications and enabling infrastructure",
    ),
)


def build_context(
    consortium: Consortium,
    report: Report,
    content: ContentResult | None,
    profile: Profile,
    *,
    rates: Mapping[str, Decimal],
    date: dt.date,
    redactor: Redactor,
    draft: bool = False,
) -> dict[str, Any]:
    """Everything the templates print, section by section.

    In the public version the context is the redacted model (Section VII): withheld rows are
    redaction marks where the shaper put them, and `Redactor.scrub` then replaces every other
    value that mentions a withheld text — so no template sees a confidential value, whatever it
    prints.
    """
    s = Shaper(consortium, report, content, profile, redactor, rates)
    info = consortium.info
    anchor_member = consortium.anchor()
    member_rows = members(s)
    context: dict[str, Any] = {
        # The program's own words (the profile): never redacted.
        "profile": {
            "id": Fixed(profile.id),
            "docket": Fixed(profile.docket),
            "citation": Fixed(profile.citation),
            "title": Fixed(profile.title),
            "agency": Fixed(profile.agency),
            "threshold": Fixed(pct_display(profile.thresholds.hardware_us_content_pct, 0)),
            "program": Fixed(profile.program),
            "coc_citation": Fixed(profile.coc_citation),
        },
        "document": {
            "date": long_date(info.submission_date or date),
            "draft": draft,
            "public": redactor.public,
        },
        "cover": {
            "consortium_name": info.consortium_name or "",
            "package_name": info.package_name or "",
            "anchor_name": s.name(anchor_member) if anchor_member else (info.anchor_member or ""),
            "contact_name": info.contact_name or "",
            "contact_title": info.contact_title or "",
            "contact_email": info.contact_email or "",
            "contact_phone": info.contact_phone or "",
            "is_resubmission": info.is_resubmission,
            "previous_reference": info.previous_submission_reference or "",
        },
        "anchor": anchor(s, anchor_member),
        "members": member_rows,
        "nce_members": [m["name"] for m in member_rows if m["nce_requested"]],
        "layers": layers(s),
        "hardware": hardware(s),
        "security": security(s),
        "markets": markets(s),
        "operations": operations(s),
        "federal_support": federal_support(s),
        "national_interest": s.narrative(NarrativeSection.NATIONAL_INTEREST_STATEMENT),
        "nce_justification": s.narrative(NarrativeSection.NCE_JUSTIFICATION),
        "package_overview": s.narrative(NarrativeSection.PACKAGE_OVERVIEW),
        "material_changes": s.narrative(NarrativeSection.MATERIAL_CHANGES),
        "coc": coc_disclosures(s),
        "export": export_control(s),
        "optional": [
            {"title": title, **s.narrative(section)}
            for section, title in OPTIONAL_NARRATIVES
            if consortium.narrative(section) is not None
        ],
    }
    context["crossref"] = crossref(s, bool(context["nce_members"]))
    context["factors"] = factors()
    context["findings"] = open_findings(s)
    context["document"]["confidential_rows"] = redactor.confidential_rows
    return redactor.scrub(context)  # type: ignore[no-any-return]
