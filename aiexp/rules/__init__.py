"""The rules of the notice (SPEC §5): one module per thing guarded, one registry of every code.

`aiexp.rules.registry` declares every code once (severity, notice section, what it checks, how
to fix it); the rule modules attach their check functions to those codes with `@check(code)`.
`run_rules(context)` runs them all. `--ignore`, `docs/rules.md` and `aiexp checklist` all read
the same registry.
"""

from __future__ import annotations

from aiexp.rules.context import RuleContext
from aiexp.rules.registry import RULES, Rule, check_ignore_codes, rule_for, run_rules

__all__ = ["RULES", "Rule", "RuleContext", "check_ignore_codes", "rule_for", "run_rules"]
