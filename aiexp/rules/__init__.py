"""The rules of the notice (SPEC §5): one module per thing guarded.

Every code is declared once in the code table (`aiexp.codes`); the rule modules attach their
check functions to those codes with `@check(code)` (`aiexp.rules.registry`), and
`run_rules(context)` runs them all.
"""

from __future__ import annotations

from aiexp.rules.context import RuleContext
from aiexp.rules.registry import run_rules

__all__ = ["RuleContext", "run_rules"]
