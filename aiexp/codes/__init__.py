"""Every finding code, declared once: the data that readers, rules, documents and docs share.

A `Code` says how serious a finding is, which section of the notice it comes from, what it
checks and how to fix it (the title and fix may hold `{placeholders}` filled from the program
profile: `Code.title_for(profile)`), which module raises it (`reader` for the `input.*` codes,
else the rule module under `aiexp/rules/`), which Appendix A requirements it bears on
(`aiexp.requirements.REQUIREMENTS`) and which completeness-review item it belongs to
(`aiexp.requirements.ITEMS`). `validate --ignore`, the rules' findings, the reader's findings,
Appendix A, `aiexp checklist` and `docs/rules.md` are all derived from this table; a test fails
when a code lacks its requirement or its item. A code's `status` says what one of its findings
means for its requirements in Appendix A (`Status`): by default an error is "Not met" and a
warning or info changes nothing; a code about a blank fact gives "Not stated" instead.

The table is data in two parts, `eligibility` (the readers' codes; II, III, IV.A, IV.D) and
`package` (everything else), joined here in the order the rules run; `code` holds the `Code`
shape. Nothing here imports aiexp beyond the findings model and the errors.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiexp.codes.code import (
    BY_LOCATION,
    BY_NARRATIVE,
    ERR,
    INFO,
    NO_ITEM,
    STATUS_ORDER,
    WARN,
    BySheet,
    Code,
    Status,
    profile_words,
)
from aiexp.codes.eligibility import ELIGIBILITY
from aiexp.codes.package import PACKAGE
from aiexp.errors import AiexpError
from aiexp.findings import Finding, Location, Severity

__all__ = [
    "BY_LOCATION",
    "BY_NARRATIVE",
    "CODES",
    "ERR",
    "INFO",
    "NO_ITEM",
    "STATUS_ORDER",
    "WARN",
    "BySheet",
    "Code",
    "Status",
    "check_ignore_codes",
    "code_for",
    "finding",
    "profile_words",
]

#: Every code, in the order docs/rules.md lists them and the rules run.
CODES: tuple[Code, ...] = ELIGIBILITY + PACKAGE

_BY_CODE = {code.code: code for code in CODES}


def code_for(code: str) -> Code:
    """The declared code; KeyError for an unknown one."""
    return _BY_CODE[code]


def finding(
    code: str,
    message: str,
    location: Location,
    hint: str | None = None,
    *,
    severity: Severity | None = None,
) -> Finding:
    """A finding of a declared code: severity and section from the table, the fix as the hint
    unless a more specific one is given."""
    declared = _BY_CODE[code]
    return Finding(
        code=code,
        severity=severity or declared.severity,
        section=declared.section,
        message=message,
        location=location,
        hint=hint or declared.fix,
    )


def check_ignore_codes(codes: Iterable[str]) -> list[str]:
    """The codes `--ignore` may drop; raises AiexpError for an unknown code or an error code."""
    result = []
    for name in codes:
        declared = _BY_CODE.get(name.strip())
        if declared is None:
            raise AiexpError(
                f"--ignore {name}: unknown finding code (see docs/rules.md for the list)"
            )
        if declared.severity is Severity.ERROR:
            raise AiexpError(
                f"--ignore {name}: {name} is an error and cannot be ignored (SPEC §5: only "
                "warnings and info may be ignored); fix the workbook instead"
            )
        result.append(declared.code)
    return result
