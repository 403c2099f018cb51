"""Checks across the rows of a read workbook: what must be unique, and names that must refer.

Each is an `input.*` finding that names both places, never a silent choice (SPEC §2).
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.codes import finding
from aiexp.findings import Finding
from aiexp.model import Row
from aiexp.values import normalise_name
from aiexp.workbook.result import WorkbookRead


def cross_row_findings(read: WorkbookRead) -> Iterator[Finding]:
    """Duplicate narratives, members and models; anchor and support names that match nobody."""
    consortium = read.consortium
    sections: dict[str, Row] = {}
    for narrative in consortium.narratives:
        if narrative.section is None:
            continue
        earlier = sections.setdefault(narrative.section, narrative)
        if earlier is not narrative:
            # The document takes one text per section; the other row would be edited in vain,
            # so it is an error, not a choice made for the user.
            yield finding(
                "input.duplicate",
                f"section {narrative.section} has two rows in "
                f"{read.locate('Narratives').sheet} (rows {earlier.row} and {narrative.row})",
                read.locate("Narratives", narrative, "section"),
                "keep one row per section: merge the two texts into one",
            )
    for sheet_name, rows, key in (
        ("Members", consortium.members, "name"),
        ("Models", consortium.models, "model"),
    ):
        first: dict[str, Row] = {}
        for row in rows:
            name = getattr(row, key)
            if not name:
                continue
            norm = normalise_name(name)
            if norm in first:
                yield finding(
                    "input.duplicate",
                    f"{sheet_name} lists {name!r} twice (rows {first[norm].row} and {row.row})",
                    read.locate(sheet_name, row, key),
                    "merge the two rows into one",
                )
            else:
                first[norm] = row
    members = {normalise_name(m.name) for m in consortium.members if m.name}
    anchor = consortium.info.anchor_member
    if anchor and consortium.members and normalise_name(anchor) not in members:
        yield finding(
            "input.unknown-entity",
            f"anchor_member {anchor!r} is not a name in the Members sheet",
            read.locate("Consortium", consortium.info, "anchor_member"),
            "write the anchor member's name exactly as in the Members sheet",
        )
    providers = {normalise_name(p.provider) for p in consortium.providers if p.provider}
    for model in consortium.models:
        provider = model.us_support_provider
        if provider and normalise_name(provider) not in members | providers:
            yield finding(
                "input.unknown-entity",
                f"us_support_provider {provider!r} of model {model.model!r} is neither a "
                "member nor a Providers row",
                read.locate("Models", model, "us_support_provider"),
                "name a member, or a provider listed in Providers with its ownership, exactly "
                "as written there (IV.C: its own ownership must be checked)",
            )
