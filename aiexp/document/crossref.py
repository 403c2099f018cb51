"""Appendix A: every requirement of notice Sections II–VI, where the proposal answers it, and its
status — derived from the requirement's own test and its findings, never "Met" while either says
otherwise (SPEC §6).

The requirements are `aiexp.requirements.REQUIREMENTS`. Which finding codes bear on each comes
from the code table (`aiexp.codes`): a code names its requirements (or, for the reader's
`input.*` codes, they follow from the sheet its finding points at), and its `status_of` says what
one of its findings means — "Not met", "Not stated" (a fact is unknown), "To be confirmed",
"Below threshold — presumption not met". A requirement takes the worst status any of its
findings gives; a required narrative left blank makes it "Not met".

Four requirements have their own test, on the same three-valued facts the rules use
(`aiexp.ownership`): II.2 (`us_organization`) and II.3 (`member_status`) on the anchor, IV.C(1)
(`ip_owner_status`, and the support providers relied on) and IV.C's open-weight ban
(`developer_status`). Their test tells "Not met" from "Not stated" where one code covers both
(`anchor.foreign-parent` is one code for a foreign parent and for a parent not stated) and knows
which model or member a finding is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiexp.codes import BY_LOCATION, BY_NARRATIVE, STATUS_ORDER, BySheet, Status, code_for
from aiexp.findings import Finding
from aiexp.model import Consortium
from aiexp.ownership import (
    developer_status,
    ip_owner_status,
    member_status,
    relies_on_support,
    support_provider,
    us_organization,
)
from aiexp.profile import Profile
from aiexp.requirements import REQUIREMENTS, SHEET_REQUIREMENTS, Requirement

NARRATIVE_MISSING = "narrative.missing"

FactTest = Callable[[Consortium, Profile], Status]


def _anchor_organization(consortium: Consortium, profile: Profile) -> Status:
    """II.2 on the anchor's facts."""
    anchor = consortium.anchor()
    if anchor is None:
        return Status.NOT_STATED
    test = us_organization(anchor)
    if test.failures:
        return Status.NOT_MET
    return Status.NOT_STATED if test.unknown else Status.MET


def _anchor_coc(consortium: Consortium, profile: Profile) -> Status:
    """II.3 on the anchor's facts."""
    anchor = consortium.anchor()
    if anchor is None:
        return Status.NOT_STATED
    status = member_status(anchor, profile)
    if status.linked:
        return Status.NOT_MET
    if status.unknown:
        return Status.NOT_STATED
    return Status.TO_CONFIRM if status.conditional else Status.MET


def _model_owners(consortium: Consortium, profile: Profile) -> Status:
    """IV.C(1) on every model's IP owner and every support provider relied on."""
    tests = [ip_owner_status(model, consortium, profile) for model in consortium.models]
    for model in consortium.models:
        supporter = support_provider(model, consortium)
        if supporter is not None and relies_on_support(model, consortium, profile):
            tests.append(supporter.status(profile))
    if any(test.failures for test in tests):
        return Status.NOT_MET
    if any(test.unknown for test in tests):
        return Status.NOT_STATED
    if any(test.interest is not None or test.conditional for test in tests):
        return Status.TO_CONFIRM
    return Status.MET


def _open_weight_developers(consortium: Consortium, profile: Profile) -> Status:
    """IV.C on the developer of every open-weight model."""
    tests = [
        developer_status(model, consortium, profile)
        for model in consortium.models
        if model.open_weight is True
    ]
    if any(test.linked for test in tests):
        return Status.NOT_MET
    if any(test.unknown for test in tests):
        return Status.NOT_STATED
    return Status.TO_CONFIRM if any(test.conditional for test in tests) else Status.MET


#: The requirements with a test of their own; it replaces the status of their own codes.
FACT_TESTS: dict[str, FactTest] = {
    "II.2": _anchor_organization,
    "II.3": _anchor_coc,
    "IV.C(1)": _model_owners,
    "IV.C.open-weight": _open_weight_developers,
}


def finding_requirements(finding: Finding, consortium: Consortium) -> tuple[str, ...]:
    """The Appendix A requirements a finding bears on."""
    declared = code_for(finding.code).requirements
    if isinstance(declared, BySheet):
        return declared.for_sheet(finding.location.sheet)
    if declared == BY_NARRATIVE:
        return ()  # a missing narrative is read from the workbook (`missing_narratives`)
    if declared == BY_LOCATION:
        sheet = (finding.location.sheet or "").casefold().replace(" ", "")
        if sheet == "narratives":
            row = next(
                (n for n in consortium.narratives if n.row and n.row == finding.location.row),
                None,
            )
            if row is None or row.section is None:
                return ()
            return tuple(r.id for r in REQUIREMENTS if row.section in r.narratives)
        return SHEET_REQUIREMENTS.get(sheet, ())
    assert isinstance(declared, tuple)
    return declared


def requirement_status(
    requirement: Requirement,
    findings: Sequence[Finding],
    *,
    nce: bool,
    consortium: Consortium,
    profile: Profile,
    missing_narratives: frozenset[str] = frozenset(),
) -> tuple[Status, list[str]]:
    """The requirement's status and the codes of the findings that bear on it.

    `missing_narratives` are the required narratives left blank (SPEC §5 `narrative.missing`).
    """
    if requirement.applies == "nce" and not nce:
        return Status.NOT_APPLICABLE, []
    hits = [f for f in findings if requirement.id in finding_requirements(f, consortium)]
    codes = list(dict.fromkeys(f.code for f in hits))
    given = {
        status
        for status in (code_for(f.code).status_of(f.severity) for f in hits)
        if status is not None
    }
    if any(section.value in missing_narratives for section in requirement.narratives):
        given.add(Status.NOT_MET)
        codes.append(NARRATIVE_MISSING)
    test = FACT_TESTS.get(requirement.id)
    if test is not None:
        verdict = test(consortium, profile)
        # The test knows "not stated" from "not met"; a finding that says more than it (a bug)
        # still wins over "Met".
        if verdict is not Status.MET or not given:
            return verdict, codes
    worst = next((status for status in STATUS_ORDER if status in given), Status.MET)
    return worst, codes


def appendix_requirements() -> tuple[Requirement, ...]:
    """The requirements Appendix A lists, in the notice's order."""
    return tuple(requirement for requirement in REQUIREMENTS if requirement.appendix)
