"""Appendix A: every requirement of notice Sections II–VI, where the proposal answers it, and its
status from the validation findings.

The requirements are `aiexp.requirements.REQUIREMENTS`; which finding codes bear on each comes
from the code table (`aiexp.codes`), and a requirement answered by narratives is open while a
required one of them is blank.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiexp.codes import CODES
from aiexp.findings import Finding, Severity
from aiexp.requirements import REQUIREMENTS, Requirement

#: The codes that bear on each requirement, in the code table's order.
REQUIREMENT_CODES: dict[str, tuple[str, ...]] = {
    requirement.id: tuple(
        code.code
        for code in CODES
        if isinstance(code.requirements, tuple) and requirement.id in code.requirements
    )
    for requirement in REQUIREMENTS
}
NARRATIVE_MISSING = "narrative.missing"


def requirement_status(
    requirement: Requirement,
    findings: Sequence[Finding],
    *,
    nce: bool,
    missing_narratives: frozenset[str] = frozenset(),
) -> tuple[str, str]:
    """The status word (met / open / met with notes / not applicable) and the codes behind it.

    `missing_narratives` are the required narratives left blank (SPEC §5 `narrative.missing`).
    """
    if requirement.applies == "nce" and not nce:
        return "Not applicable", "no NCE requested"
    codes = REQUIREMENT_CODES[requirement.id]
    hits = [f for f in findings if f.code in codes]
    errors = sorted({f.code for f in hits if f.severity is Severity.ERROR})
    if any(section.value in missing_narratives for section in requirement.narratives):
        errors = sorted({*errors, NARRATIVE_MISSING})
    warnings = sorted({f.code for f in hits if f.severity is Severity.WARNING})
    notes = sorted({f.code for f in hits if f.severity is Severity.INFO})
    if errors:
        return "Open", ", ".join(errors + warnings)
    if warnings:
        return "Met, with warnings", ", ".join(warnings)
    if notes:
        return "Met", "note: " + ", ".join(notes)
    return "Met", ""


def appendix_requirements() -> tuple[Requirement, ...]:
    """The requirements Appendix A lists, in the notice's order."""
    return tuple(requirement for requirement in REQUIREMENTS if requirement.appendix)
