"""The appendices: Appendix A (requirements cross-reference) and the draft's open findings."""

from __future__ import annotations

from aiexp.codes import Status, profile_words
from aiexp.document.context.shaper import Shaper
from aiexp.document.crossref import appendix_requirements, requirement_status
from aiexp.findings import Finding, Severity
from aiexp.requirements import FACTORS


def crossref(s: Shaper, nce: bool) -> list[dict[str, str]]:
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
        rows.append(
            {
                "ref": requirement.ref,
                "text": requirement.text.format_map(words),
                "where": requirement.where,
                "status": status.value,
                "note": "no NCE requested"
                if status is Status.NOT_APPLICABLE and requirement.applies == "nce"
                else "",
                "codes": ", ".join(codes),
            }
        )
    return rows


def factors() -> list[dict[str, str]]:
    """The Section IX considerations, in the notice's words, and where the proposal addresses
    each (no status: the Department weighs them)."""
    return [
        {"number": str(factor.number), "text": factor.text, "where": factor.where}
        for factor in FACTORS
    ]


def open_findings(s: Shaper) -> list[dict[str, str]]:
    """The errors and warnings still open (the --draft appendix)."""
    rows = []
    for finding in s.report.findings:
        if finding.severity is Severity.INFO:
            continue
        rows.append(_finding_row(finding))
    return rows


def _finding_row(finding: Finding) -> dict[str, str]:
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "section": finding.section or "",
        "location": str(finding.location),
        "message": finding.message,
    }
