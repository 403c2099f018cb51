"""The check functions of every rule code, attached with `@check(code)`, and running them.

The codes themselves — severity, notice section, what each checks, how to fix it — are declared
once in the code table, `aiexp.codes`. The `input.*` codes are raised by the readers; every
other code has one or more check functions in the rule module named after what it guards.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from aiexp.codes import CODES, code_for
from aiexp.findings import Finding

if TYPE_CHECKING:
    from aiexp.rules.context import RuleContext

RULE_MODULES = tuple(dict.fromkeys(code.module for code in CODES if not code.reader))

CheckFunction = Callable[["RuleContext"], Iterable[Finding]]
_CHECKS: dict[str, list[CheckFunction]] = {}


def check(code: str) -> Callable[[CheckFunction], CheckFunction]:
    """Attach a check function to a declared code (a rule module's decorator)."""
    code_for(code)  # KeyError for a code the table does not declare

    def attach(function: CheckFunction) -> CheckFunction:
        _CHECKS.setdefault(code, [])
        if function not in _CHECKS[code]:
            _CHECKS[code].append(function)
        return function

    return attach


def checks() -> dict[str, list[CheckFunction]]:
    """Every check function by code, after importing every rule module."""
    for module in RULE_MODULES:
        importlib.import_module(f"aiexp.rules.{module}")
    return _CHECKS


def run_rules(context: RuleContext) -> Iterator[Finding]:
    """Run every rule, in the code table's order."""
    attached = checks()
    for code in CODES:
        for function in attached.get(code.code, ()):
            yield from function(context)
