"""The appendices: Appendix A (requirements cross-reference) and the draft's open findings."""

from __future__ import annotations

import re
from typing import Any

from aiexp.codes import Status, profile_words
from aiexp.document.context.shaper import Shaper
from aiexp.document.crossref import appendix_requirements, requirement_status
from aiexp.document.redact import Fixed, redaction
from aiexp.findings import Finding, Severity
from aiexp.model import SHEETS, ConfidentialRow
from aiexp.requirements import FACTORS


def crossref(s: Shaper, nce: bool) -> list[dict[str, Any]]:
    """Appendix A rows: requirement, where answered, status, and the codes behind the status
    (shown in a draft only: the filed document carries no tool's finding codes)."""
    rows = []
    words = profile_words(s.profile)
    missing = frozenset(
        section
        for section in s.profile.required_narratives
        if s.consortium.narrative(section) is None
    )
    for requirement in appendix_requirements():
        status, codes = requirement_status(
            requirement,
            s.report.findings,
            nce=nce,
            consortium=s.consortium,
            profile=s.profile,
            missing_narratives=missing,
        )
        # The notice's words and the tool's statuses: never redacted (`Fixed`).
        rows.append(
            {
                "ref": Fixed(requirement.ref),
                "text": Fixed(requirement.text.format_map(words)),
                "where": Fixed(requirement.where),
                "status": Fixed(status.value),
                "note": Fixed(
                    "no NCE requested"
                    if status is Status.NOT_APPLICABLE and requirement.applies == "nce"
                    else ""
                ),
                "codes": Fixed(", ".join(codes)),
            }
        )
    return rows


def factors() -> list[dict[str, Any]]:
    """The Section IX considerations, in the notice's words, and where the proposal addresses
    each (no status: the Department weighs them)."""
    return [
        {
            "number": Fixed(str(factor.number)),
            "text": Fixed(factor.text),
            "where": Fixed(factor.where),
        }
        for factor in FACTORS
    ]


def open_findings(s: Shaper) -> list[dict[str, Any]]:
    """The errors and warnings still open (the --draft appendix).

    In the public version a finding about a withheld row — located in it, or a
    `confidential.basis` finding, which is about a confidential row by definition — shows its
    severity only: its code, section, place and message (which may quote the row's cells) are
    redacted. Any other finding whose message mentions a withheld text is redacted by the
    context's scrub like every other value.
    """
    withheld = _withheld_places(s) if s.public else set()
    rows = []
    for finding in s.report.findings:
        if finding.severity is Severity.INFO:
            continue
        if s.public and (finding.code == "confidential.basis" or _place(finding) in withheld):
            mark = redaction()
            rows.append(
                {
                    "severity": Fixed(finding.severity.value),
                    "code": mark,
                    "section": mark,
                    "location": mark,
                    "message": mark,
                }
            )
            continue
        rows.append(_finding_row(finding))
    return rows


def _sheet_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _place(finding: Finding) -> tuple[str, int] | None:
    location = finding.location
    if location.sheet is None or location.row is None:
        return None
    return _sheet_key(location.sheet), location.row


def _withheld_places(s: Shaper) -> set[tuple[str, int] | None]:
    """(sheet, row) of every withheld row of the workbook."""
    places: set[tuple[str, int] | None] = set()
    for spec in SHEETS:
        if not issubclass(spec.row_model, ConfidentialRow):
            continue
        for row in getattr(s.consortium, spec.attribute):
            if row.withheld and row.row is not None:
                places.add((_sheet_key(spec.name), row.row))
    return places


def _finding_row(finding: Finding) -> dict[str, Any]:
    return {
        "severity": Fixed(finding.severity.value),
        "code": Fixed(finding.code),
        "section": Fixed(finding.section or ""),
        "location": str(finding.location),
        "message": finding.message,
    }
