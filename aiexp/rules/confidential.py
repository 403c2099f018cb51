"""Confidential information (VII): a claim must say what kind of information it protects."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding, Location
from aiexp.model import SHEETS, ConfidentialRow
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check

_HINT = (
    "set confidential_basis to commercial (confidential commercial information) "
    "or export-control (export-control-sensitive information)"
)


@check("confidential.basis")
def confidential_basis(ctx: RuleContext) -> Iterator[Finding]:
    """VII: "Proposers are responsible for properly identifying such information at the time of
    submission. The Department may disregard confidentiality claims that are not properly
    supported."

    Every sheet's rows, and the lines of a BOM file (`--bom FILE` or bom.csv beside the
    workbook), whose `confidential` columns count the same as the BOM sheet's.
    """
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
                    _HINT,
                )
    # The BOM sheet's rows are read above; a BOM file's lines come from the calculation.
    if ctx.bom is None or ctx.content is None:
        return
    lines = ctx.content.confidential_lines
    place = "row" if lines.sheet is not None else "line"
    for number, _ in lines.missing_basis:
        yield ctx.finding(
            "confidential.basis",
            f"BOM {place} {number} of {ctx.bom} is marked confidential without a "
            "confidential_basis: the Department may disregard confidentiality claims that are "
            "not properly supported",
            Location(file=str(ctx.bom), sheet=lines.sheet, row=number, column="confidential_basis"),
            _HINT,
        )
