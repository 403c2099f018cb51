"""A resubmission after non-selection (X.D): the explanation of material changes."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import NarrativeSection
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


@check("resubmission.changes")
def resubmission_changes(ctx: RuleContext) -> Iterator[Finding]:
    """X.D: "Proposers of packages that are not selected … may resubmit revised proposals with a
    concise explanation of material changes." """
    info = ctx.consortium.info
    if not info.is_resubmission or ctx.consortium.narrative(NarrativeSection.MATERIAL_CHANGES):
        return
    row = next(
        (n for n in ctx.consortium.narratives if n.section is NarrativeSection.MATERIAL_CHANGES),
        None,
    )
    yield ctx.finding(
        "resubmission.changes",
        "this is a resubmission, but the material_changes narrative is blank",
        ctx.locate("Narratives", row, "text"),
        "write the concise explanation of material changes in a material_changes narrative "
        "(`aiexp diff OLD NEW --out changes.md` drafts it)",
    )


@check("resubmission.reference")
def resubmission_reference(ctx: RuleContext) -> Iterator[Finding]:
    """X.D: a resubmission revises a proposal that was "not selected"; naming it lets the
    Department match the two."""
    info = ctx.consortium.info
    if info.is_resubmission and not (info.previous_submission_reference or "").strip():
        yield ctx.finding(
            "resubmission.reference",
            "this is a resubmission, but previous_submission_reference is blank",
            ctx.field("previous_submission_reference"),
            "give the portal reference of the proposal that was not selected",
        )
