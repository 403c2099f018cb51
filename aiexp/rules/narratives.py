"""The narratives of Section VI: required ones present, no placeholder left anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import SHEETS, ConsortiumInfo, Kind, Row, columns
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check

# Text left as a placeholder: TBD, TODO, TK, XXX, [insert …], <…> prompts, lorem ipsum.
PLACEHOLDER = re.compile(
    r"(?i:\bTBD\b|\bTODO\b|\blorem ipsum\b|\[\s*insert\b[^\]]*\])"
    r"|\bTK\b|\bXXX+\b"
    r"|<(?![^<>]*(?:@|://))[A-Za-z][^<>\n]{0,120}>"
)


def placeholder(text: str) -> str | None:
    """The first placeholder in a text, if any."""
    match = PLACEHOLDER.search(text)
    return match.group(0) if match else None


@check("narrative.missing")
def narrative_missing(ctx: RuleContext) -> Iterator[Finding]:
    """VI: "The Proposal application must include, at a minimum, the following" eight items;
    the narratives the profile requires answer VI.2, VI.4, VI.6 and VI.8 (and IV.B)."""
    for section in ctx.profile.required_narratives:
        if ctx.consortium.narrative(section) is not None:
            continue
        row = next((n for n in ctx.consortium.narratives if n.section == section), None)
        yield ctx.finding(
            "narrative.missing",
            f"the required narrative {section} is blank",
            ctx.locate("Narratives", row, "text"),
            f"add a Narratives row with section {section} and its text",
        )


def _text_cells(ctx: RuleContext) -> Iterator[tuple[str, Row, str, str]]:
    """Every text cell of the workbook: (sheet, row, column key, text)."""
    for spec in SHEETS:
        keys = [c.key for c in columns(spec.row_model) if c.kind is Kind.TEXT]
        if spec.row_model is ConsortiumInfo:
            rows: list[Row] = [ctx.consortium.info]
        else:
            rows = list(getattr(ctx.consortium, spec.attribute))
        for row in rows:
            for key in keys:
                value = getattr(row, key, None)
                if isinstance(value, str) and value.strip():
                    yield spec.name, row, key, value


@check("narrative.placeholder")
def narrative_placeholder(ctx: RuleContext) -> Iterator[Finding]:
    """VI: the proposal "must include, at a minimum" its eight items — text left as a placeholder
    does not answer them, and the 14-day completeness review (X.A) will notice."""
    # Texts repeat (a BOM's suppliers and descriptions): each distinct one is searched once.
    seen: dict[str, str | None] = {}
    for sheet, row, key, text in _text_cells(ctx):
        if text in seen:
            found = seen[text]
        else:
            found = seen[text] = placeholder(text)
        if found is None:
            continue
        section = getattr(row, "section", None)
        where = f"the {section} narrative" if section else f"{sheet} {key}"
        location = (
            ctx.field(key) if isinstance(row, ConsortiumInfo) else ctx.locate(sheet, row, key)
        )
        yield ctx.finding(
            "narrative.placeholder",
            f"{where} still holds the placeholder {found!r}",
            location,
            "replace the placeholder with the real text",
        )
