"""The appendices: Appendix A (requirements cross-reference) and the draft's open findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiexp.findings import Finding, Severity

if TYPE_CHECKING:
    pass

from aiexp.codes import profile_words
from aiexp.document.context.shaper import Shaper
from aiexp.document.crossref import appendix_requirements, requirement_status


def crossref(s: Shaper, nce: bool) -> list[dict[str, str]]:
    """Appendix A rows: requirement, where answered, status."""
    rows = []
    words = profile_words(s.profile)
    missing = frozenset(
        section
        for section in s.profile.required_narratives
        if s.consortium.narrative(section) is None
    )
    for requirement in appendix_requirements():
        status, codes = requirement_status(
            requirement, s.report.findings, nce=nce, missing_narratives=missing
        )
        rows.append(
            {
                "ref": requirement.ref,
                "text": requirement.text.format_map(words),
                "where": requirement.where,
                "status": status,
                "codes": codes,
            }
        )
    return rows


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
