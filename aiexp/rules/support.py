"""Requested Federal support (VI.5)."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


@check("support.none")
def support_none(ctx: RuleContext) -> Iterator[Finding]:
    """VI.5: "Identification of the types of Federal support that would be most useful if the
    proposal is designated"."""
    if not any(row.support_type for row in ctx.consortium.federal_support):
        types = ", ".join(ctx.profile.support_types)
        yield ctx.finding(
            "support.none",
            "no type of Federal support is requested",
            ctx.locate("FederalSupport", None, "support_type"),
            f"add the types of Federal support that would be most useful ({types})",
        )
