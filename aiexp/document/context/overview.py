"""Section 1 of the proposal: the anchor member's attestations and the members table (VI.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiexp.content.format import pct_display
from aiexp.model import Member, Role

if TYPE_CHECKING:
    pass

from aiexp.document.context.shaper import Shaper, country
from aiexp.ownership import describe, member_links


def anchor(s: Shaper, anchor: Member | None) -> dict[str, Any]:
    """The anchor member and its three attestations (II.1–II.3), stated from the data."""
    if anchor is None:
        return {"given": False}
    links = member_links(anchor, s.profile)
    parent = anchor.ultimate_parent
    parent_us = anchor.ultimate_parent_country in (
        None,
        "US",
    ) and anchor.ultimate_parent_principal_place_of_business in (None, "US")
    return {
        "given": True,
        "name": s.name(anchor),
        "mark": s.redactor.mark(anchor),
        "country": s.v(anchor, country(anchor.country_of_incorporation), secret=False),
        "ppob": s.v(anchor, country(anchor.principal_place_of_business), secret=False),
        "experience": anchor.international_experience,
        "capacity": anchor.multi_country_capacity,
        "us_organized": anchor.country_of_incorporation == "US",
        "us_ppob": anchor.principal_place_of_business == "US",
        "parent": s.v(anchor, parent) if parent else "",
        "parent_country": s.v(anchor, country(anchor.ultimate_parent_country), secret=False),
        "parent_us": parent_us,
        "coc_linked": bool(links),
        "coc_reasons": s.v(anchor, describe(links), secret=False),
        "coc_ownership": s.pct_or_unknown(anchor, anchor.coc_ownership_pct),
        "coc_controlled": anchor.coc_controlled,
    }


def members(s: Shaper) -> list[dict[str, Any]]:
    """The member table (VI.1): role, layers, country, ownership and control, NCE wish."""
    rows = []
    ordered = sorted(s.consortium.members, key=lambda m: (m.role is not Role.ANCHOR,))
    for member in ordered:
        ownership = []
        if member.ultimate_parent:
            parent_country = country(member.ultimate_parent_country) or "country not stated"
            ownership.append(f"Ultimate parent: {member.ultimate_parent} ({parent_country})")
        else:
            ownership.append("No ultimate parent")
        if member.us_ownership_pct is not None:
            ownership.append(f"U.S. ownership {pct_display(member.us_ownership_pct, 2)}")
        ownership.append(
            "country-of-concern interest "
            + (
                pct_display(member.coc_ownership_pct, 2)
                if member.coc_ownership_pct is not None
                else "not stated"
            )
        )
        ownership.append(
            "controlled by a country of concern"
            if member.coc_controlled
            else "not controlled by a country of concern"
        )
        rows.append(
            {
                "name": s.name(member),
                "mark": s.redactor.mark(member),
                "role": "Anchor" if member.role is Role.ANCHOR else "Member",
                "layers": ", ".join(str(n) for n in sorted(member.layers)),
                "country": s.v(member, country(member.country_of_incorporation), secret=False),
                "ppob": s.v(member, country(member.principal_place_of_business), secret=False),
                "ownership": s.v(member, "; ".join(ownership)),
                "nce": "Yes" if member.nce_requested else "No",
                "description": s.v(member, member.description),
            }
        )
    return rows
