"""Restricted-party screening: the parties against the Consolidated Screening List (SPEC §5).

These rules run only when a list was given (`validate --screening-list FILE`); the screening
itself is `aiexp.screening`, done once by `check_workbook` before the rules run.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding, Severity
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


@check("screening.match")
def listed_party(context: RuleContext) -> Iterator[Finding]:
    """XII.A: "All proposal-related activities and any resulting transactions must comply with
    all applicable U.S. national security laws and regulations, including the EAR, the ITAR, U.S.
    outbound investment regulations, end-user requirements, and export license conditions."
    VI.8 asks for the "end users … that may implicate … end-user restrictions"; IV.D bars members,
    subcontractors and local partners linked to a country of concern. A party whose name scores
    95 or more against a listed entry is an error until due diligence clears it."""
    if context.screening is not None:
        yield from context.screening.findings(Severity.ERROR)


@check("screening.possible")
def possibly_listed_party(context: RuleContext) -> Iterator[Finding]:
    """VI.8: "Identification of items, destinations, end uses, end users, or technical features
    that may implicate … end-user restrictions, or other national security controls." A score
    from --min-score to 94 is a possible match: a warning that calls for due diligence."""
    if context.screening is not None:
        yield from context.screening.findings(Severity.WARNING)
