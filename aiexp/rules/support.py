"""Requested Federal support (VI.5)."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


@check("input.cell")
def support_type_known(ctx: RuleContext) -> Iterator[Finding]:
    """VI.5: "Identification of the types of Federal support …, which may include" the types the
    program profile lists (its `support_types`; a later notice may change them)."""
    types = ", ".join(ctx.profile.support_types)
    for row in ctx.consortium.federal_support:
        if row.support_type and ctx.profile.choice("support_types", row.support_type) is None:
            yield ctx.finding(
                "input.cell",
                f"Support type: expected one of {types}; got {row.support_type!r}",
                ctx.locate("FederalSupport", row, "support_type"),
                "Support type: one of the types VI.5 lists (the program profile's support types)",
            )


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
