"""Confidential information (VII): a claim must say what kind of information it protects."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import SHEETS, ConfidentialRow
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


@check("confidential.basis")
def confidential_basis(ctx: RuleContext) -> Iterator[Finding]:
    """VII: "Proposers are responsible for properly identifying such information at the time of
    submission. The Department may disregard confidentiality claims that are not properly
    supported." """
    for spec in SHEETS:
        if not issubclass(spec.row_model, ConfidentialRow):
            continue
        rows: list[ConfidentialRow] = getattr(ctx.consortium, spec.attribute)
        for row in rows:
            if row.confidential and row.confidential_basis is None:
                layout = ctx.wb.layouts.get(spec.name)
                has_column = layout is not None and "confidential_basis" in layout.columns
                yield ctx.finding(
                    "confidential.basis",
                    f"{spec.name} row {row.row} is marked confidential without a "
                    "confidential_basis: the Department may disregard confidentiality claims "
                    "that are not properly supported",
                    ctx.locate(
                        spec.name, row, "confidential_basis" if has_column else "confidential"
                    ),
                    "set confidential_basis to commercial (confidential commercial information) "
                    "or export-control (export-control-sensitive information)",
                )
