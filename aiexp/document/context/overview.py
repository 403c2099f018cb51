"""Section 1 of the proposal: the anchor member's attestations and the members table (VI.1).

Every statement rests on known facts only (SPEC §4, §6): an attestation is made when every fact
it rests on is stated and meets the notice's test; otherwise the section states the facts it has
and says what is not stated. The country-of-concern test and II.2's organization test are
`aiexp.ownership`'s, the ones the rules use.
"""

from __future__ import annotations

from typing import Any

from aiexp.content.format import pct_display
from aiexp.document.context.shaper import Shaper, country
from aiexp.document.redact import Fixed
from aiexp.model import Member, Role
from aiexp.ownership import CocStatus, describe, member_status, us_organization
from aiexp.values import us_state_name

#: The facts of the country-of-concern test, as the proposal names them when they are not stated.
FACT_WORDS = {
    "country_of_incorporation": "its country of organization",
    "principal_place_of_business": "its principal place of business",
    "coc_ownership_pct": "the voting or equity interest held by countries of concern or their "
    "entities or nationals",
    "coc_controlled": "whether a country of concern or its entities or nationals control it",
}


def layers_text(layers: list[int]) -> str:
    """`Layer 1`, `Layers 1 and 4`, `Layers 1, 2 and 5`."""
    numbers = [str(n) for n in sorted(layers)]
    if len(numbers) <= 1:
        return f"Layer {''.join(numbers)}"
    return f"Layers {', '.join(numbers[:-1])} and {numbers[-1]}"


def _coc(status: CocStatus) -> str:
    if status.linked:
        return "linked"
    if status.unknown:
        return "unknown"
    return "conditional" if status.conditional else "clear"


def anchor(s: Shaper, anchor: Member | None) -> dict[str, Any]:
    """The anchor member and its three attestations (II.1–II.3), stated from the known facts.

    In the public version, a withheld anchor row withholds its attestations too: each states
    the row's own cells (Section VII).
    """
    if anchor is None:
        return {"given": False, "withheld": False}
    if s.withheld(anchor):
        return {
            "given": True,
            "withheld": True,
            "name": s.name(anchor),
            "mark": "",
            "coc": Fixed("withheld"),
            "parent_state": Fixed("withheld"),
        }
    status = member_status(anchor, s.profile)
    organization = us_organization(anchor)
    has_parent = anchor.has_parent
    parent_state = "unknown" if has_parent is None else ("named" if has_parent else "none")
    return {
        "given": True,
        "withheld": False,
        "name": s.name(anchor),
        "mark": s.redactor.mark(anchor),
        "layers": layers_text(anchor.layers),
        "experience": anchor.international_experience,
        "capacity": anchor.multi_country_capacity,
        "country": country(anchor.country_of_incorporation),
        "state": organization.state or "",
        "ppob": country(anchor.principal_place_of_business),
        "us_organized": anchor.country_of_incorporation == "US",
        "us_ppob": anchor.principal_place_of_business == "US",
        "parent_state": Fixed(parent_state),
        "parent": anchor.parent_name or "",
        "parent_country": country(anchor.ultimate_parent_country),
        "parent_ppob": country(anchor.ultimate_parent_principal_place_of_business),
        # The II.2 attestation is made only when every fact is stated and meets the test.
        "organization_met": organization.met,
        "coc": Fixed(_coc(status)),
        "coc_reasons": describe(status.links),
        "coc_not_stated": [FACT_WORDS.get(key, key) for key in status.unknown],
        "coc_ownership": s.pct_or_unknown(anchor, anchor.coc_ownership_pct),
    }


def _ownership(member: Member) -> str:
    """The members table's ownership and control cell: only what the Members row states."""
    parts = []
    if member.has_parent is None:
        parts.append("Ultimate parent not stated")
    elif member.has_parent:
        parent_country = country(member.ultimate_parent_country) or "country not stated"
        parts.append(f"Ultimate parent: {member.parent_name} ({parent_country})")
    else:
        parts.append("Its own ultimate parent")
    if member.us_ownership_pct is not None:
        parts.append(f"U.S. ownership {pct_display(member.us_ownership_pct, 2)}")
    parts.append(
        "country-of-concern interest "
        + (
            pct_display(member.coc_ownership_pct, 2)
            if member.coc_ownership_pct is not None
            else "not stated"
        )
    )
    if member.coc_controlled is None:
        parts.append("control by a country of concern not stated")
    elif member.coc_controlled:
        parts.append("controlled by a country of concern")
    else:
        parts.append("not controlled by a country of concern")
    return "; ".join(parts)


def _incorporated(member: Member) -> str:
    """`Delaware, United States (both)`, `Japan (both)`, `Germany; Switzerland`."""
    home = country(member.country_of_incorporation) or "not stated"
    if member.state_of_organization:
        state = member.state_of_organization.strip()
        home = f"{us_state_name(state) or state}, {home}"
    place = country(member.principal_place_of_business) or "not stated"
    if member.principal_place_of_business and (
        member.principal_place_of_business == member.country_of_incorporation
    ):
        return f"{home} (both)"
    return f"{home}; {place}"


def members(s: Shaper) -> list[dict[str, Any]]:
    """The member table (VI.1): role, layers, country, ownership and control, NCE wish.

    In the public version a withheld member's row is in its place with every cell redacted.
    """
    ordered = sorted(s.consortium.members, key=lambda m: (m.role is not Role.ANCHOR,))
    return [
        {
            "name": s.name(member),
            "mark": s.redactor.mark(member),
            "role": s.v(member, "Anchor" if member.role is Role.ANCHOR else "Member", short=True),
            "layers": s.v(member, ", ".join(str(n) for n in sorted(member.layers)), short=True),
            "incorporated": s.v(member, _incorporated(member), short=True),
            "ownership": s.v(member, _ownership(member), short=True),
            "nce": s.v(member, "Yes" if member.nce_requested else "No", short=True),
            "nce_requested": bool(member.nce_requested),
            "description": s.v(member, member.description),
        }
        for member in ordered
    ]
