"""The business and operational model (VI.4): who builds, owns, operates, delivers, supports."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import OperationFunction
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


@check("operations.functions")
def operations_functions(ctx: RuleContext) -> Iterator[Finding]:
    """VI.4: "A high-level explanation of which entities will build, own, operate, deliver, and
    support the package, including any relevant infrastructure, cloud, or managed-service
    arrangements"."""
    done = {op.function for op in ctx.consortium.operations if (op.entity or "").strip()}
    for function in OperationFunction:
        if function not in done:
            yield ctx.finding(
                "operations.functions",
                f"no entity is named to {function.value} the package",
                ctx.locate("Operations", None, "function"),
                f"add an Operations row: function {function.value}, the entity, and the "
                "arrangement (a member, a provider or the customer)",
            )
