"""Privacy and security measures (IV.B, VI.2, IX.4), checked against real NIST reference data.

Reference ids are checked on rows whose framework is NIST CSF 2.0 or SP 800-53/53B: each must be
a CSF 2.0 function, category or subcategory id, or an SP 800-53 Rev. 5 control or enhancement,
and not withdrawn (CSF 1.1 ids that CSF 2.0 dropped, withdrawn Rev. 5 controls). Case, spaces and
leading zeros are forgiven (`ac-02 (1)` is `AC-2(1)`, `PR.AA-1` is `PR.AA-01`).

CSF coverage counts CSF 2.0 ids only: an SP 800-53 control is not mapped to a CSF function
(NIST's informative references map many-to-many, and guessing would overstate coverage).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from aiexp.findings import Finding
from aiexp.model import Framework
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check

CSF_FUNCTIONS = ("GV", "ID", "PR", "DE", "RS", "RC")
NIST_FRAMEWORKS = frozenset(
    {Framework.NIST_CSF_2, Framework.NIST_SP_800_53, Framework.NIST_SP_800_53B}
)
_CONTROL = re.compile(r"^([A-Z]{2})-0*([0-9]+)(?:\(0*([0-9]+)\))?$")
_CSF = re.compile(r"^([A-Z]{2})(?:\.([A-Z]{2})(?:-0*([0-9]{1,2}))?)?$")


@dataclass(frozen=True)
class NistData:
    """The NIST ids: CSF 2.0 (id → function), withdrawn CSF 1.1 ids, SP 800-53 Rev. 5 controls."""

    csf: dict[str, str]
    csf_withdrawn: dict[str, str]
    controls: dict[str, str]

    def control_withdrawn(self, control: str) -> bool:
        """True for a withdrawn SP 800-53 Rev. 5 control."""
        return self.controls.get(control) == "W"


@lru_cache(maxsize=1)
def nist_data() -> NistData:
    """The package's NIST data (aiexp/data/nist.json), loaded once, on first use."""
    text = resources.files("aiexp.data").joinpath("nist.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    return NistData(
        csf={key: value[1] for key, value in raw["csf"].items()},
        csf_withdrawn={key: value[1] for key, value in raw["csf_withdrawn"].items()},
        controls=dict(raw["sp800_53"]),
    )


@dataclass(frozen=True)
class Reference:
    """A reference id as written and as understood."""

    text: str
    kind: str  # "csf", "control" or "unknown"
    id: str


def parse_reference(text: str) -> Reference:
    """Recognise a CSF 2.0 id or an SP 800-53 control id, forgiving case, spaces, leading zeros."""
    compact = re.sub(r"\s+", "", text).upper()
    match = _CONTROL.match(compact)
    if match:
        family, number, enhancement = match.groups()
        ident = f"{family}-{int(number)}" + (f"({int(enhancement)})" if enhancement else "")
        return Reference(text, "control", ident)
    match = _CSF.match(compact)
    if match:
        function, category, sub = match.groups()
        ident = function
        if category:
            ident += f".{category}"
            if sub:
                ident += f"-{int(sub):02d}"
        return Reference(text, "csf", ident)
    return Reference(text, "unknown", compact)


def reference_problem(reference: Reference) -> str | None:
    """Why a reference id is not a real, current NIST id; None when it is."""
    data = nist_data()
    if reference.kind == "control":
        if reference.id not in data.controls:
            return f"{reference.text!r} is not an SP 800-53 Rev. 5 control or enhancement"
        if data.control_withdrawn(reference.id):
            return (
                f"{reference.text!r} is withdrawn in SP 800-53 Rev. 5 (its content moved to other "
                "controls)"
            )
        return None
    if reference.kind == "csf":
        if reference.id in data.csf:
            return None
        if reference.id in data.csf_withdrawn:
            return (
                f"{reference.text!r} is a CSF 1.1 id, withdrawn from CSF 2.0 (CSF 2.0 moved or "
                "renumbered it)"
            )
        return f"{reference.text!r} is not a NIST CSF 2.0 function, category or subcategory"
    return (
        f"{reference.text!r} is neither a NIST CSF 2.0 id (such as PR.AA-01) nor an SP 800-53 "
        "Rev. 5 control id (such as AC-2(1))"
    )


def csf_function(reference: Reference) -> str | None:
    """The CSF 2.0 function (GV, ID, PR, DE, RS, RC) a real CSF 2.0 id belongs to."""
    if reference.kind != "csf":
        return None
    return nist_data().csf.get(reference.id)


def covered_functions(ctx: RuleContext) -> set[str]:
    """The CSF 2.0 functions that the measures' CSF 2.0 reference ids address."""
    covered: set[str] = set()
    for measure in ctx.consortium.security:
        if measure.framework not in NIST_FRAMEWORKS:
            continue
        for text in measure.references:
            function = csf_function(parse_reference(text))
            if function is not None:
                covered.add(function)
    return covered


@check("security.none")
def security_none(ctx: RuleContext) -> Iterator[Finding]:
    """IV.B: "the consortium's anchor member must also describe the privacy and security measures
    that the consortium will include as part of the export package to secure the provided
    software and AI systems." """
    measures = [m for m in ctx.consortium.security if m.measure or m.description]
    if not measures:
        yield ctx.finding(
            "security.none",
            "no privacy or security measure is described",
            ctx.locate("Security", None, "measure"),
            "describe the package's security measures and at least one privacy measure in the "
            "Security sheet",
        )
    elif not any(m.privacy for m in measures):
        yield ctx.finding(
            "security.none",
            "no measure is marked as a privacy measure: IV.B asks for privacy and security "
            "measures",
            ctx.locate("Security", None, "privacy"),
            "set privacy to yes on the privacy measures (or add one)",
        )


@check("security.standards")
def security_standards(ctx: RuleContext) -> Iterator[Finding]:
    """VI.2: the description must include "the American cybersecurity standards, or comparable
    frameworks appropriate to the target market, that those measures would comply with"; IX.4
    names "the NIST Cybersecurity Framework, NIST Special Publication 800-53B, or comparable
    frameworks"."""
    measures = ctx.consortium.security
    if not measures:
        return
    aligned = [
        m
        for m in measures
        if m.framework is not None
        and (m.framework is not Framework.OTHER or (m.framework_name or "").strip())
    ]
    if not aligned:
        unnamed = next((m for m in measures if m.framework is Framework.OTHER), None)
        yield ctx.finding(
            "security.standards",
            "no measure is aligned to NIST CSF 2.0, SP 800-53/53B or a named comparable framework",
            ctx.locate("Security", unnamed, "framework_name" if unnamed else "framework"),
            "give each measure the standard it complies with; for other, name the framework in "
            "framework_name",
        )


@check("security.reference")
def security_reference(ctx: RuleContext) -> Iterator[Finding]:
    """IX.4: the Department considers "Cybersecurity architecture and standards alignment,
    including whether the proposal … advances outcomes consistent with American standards,
    including the NIST Cybersecurity Framework, NIST Special Publication 800-53B" — alignment
    claimed with ids that do not exist shows no alignment."""
    for measure in ctx.consortium.security:
        if measure.framework not in NIST_FRAMEWORKS:
            continue
        for text in measure.references:
            problem = reference_problem(parse_reference(text))
            if problem is not None:
                yield ctx.finding(
                    "security.reference",
                    f"measure {measure.measure!r}: {problem}",
                    ctx.locate("Security", measure, "references"),
                    "use a current id: CSF 2.0 such as PR.AA-01 or PR.DS, SP 800-53 Rev. 5 such "
                    "as AC-2 or SC-7(3)",
                )


@check("security.csf-coverage")
def security_csf_coverage(ctx: RuleContext) -> Iterator[Finding]:
    """IX.4: "whether the proposal addresses the cybersecurity layer and advances outcomes
    consistent with American standards, including the NIST Cybersecurity Framework"."""
    if not ctx.consortium.security:
        return
    covered = covered_functions(ctx)
    missing = [f for f in CSF_FUNCTIONS if f not in covered]
    if missing:
        yield ctx.finding(
            "security.csf-coverage",
            f"no measure addresses the CSF 2.0 function{'' if len(missing) == 1 else 's'} "
            f"{', '.join(missing)} (coverage counts CSF 2.0 reference ids; SP 800-53 controls "
            "are not mapped to functions)",
            ctx.locate("Security", None, "references"),
            "add the CSF 2.0 ids the measures address (e.g. GV.OC, ID.AM, PR.AA, DE.CM, RS.MA, "
            "RC.RP), or a measure for the missing function",
        )
