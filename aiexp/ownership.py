"""Linked to a country of concern (SPEC §4), and foreign enterprise (II.A): the one definition.

Every part of aiexp that asks whether an entity is linked to a country of concern — the rules,
the U.S.-content calculation (BOM suppliers), the proposal document and the diff — calls
`linked_to_coc` here. An entity is linked when its country of organization or principal place of
business is a country of concern; or its ultimate parent's country or principal place of
business is one; or the country-of-concern interest in it is above the profile's
`coc_majority_pct` (II.3, IV.A, IV.B, IV.D: "a majority voting or equity interest"); or it is
controlled by a country of concern or its entities or nationals. The countries and the majority
threshold come from the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aiexp.codes import number_text
from aiexp.model import BomLine, Member, Provider
from aiexp.profile import Profile
from aiexp.values import country_name


@dataclass(frozen=True)
class CocLink:
    """One reason an entity is linked to a country of concern, and the column that shows it."""

    field: str
    reason: str


def coc_label(profile: Profile, code: str) -> str:
    """A country of concern's name with the statute's condition (Venezuela: the Maduro regime)."""
    entry = profile.country_of_concern(code)
    name = country_name(code)
    if entry is not None and entry.condition:
        return f"{name} ({entry.condition})"
    return name


def linked_to_coc(
    profile: Profile,
    *,
    country: str | None = None,
    principal_place_of_business: str | None = None,
    parent_country: str | None = None,
    parent_principal_place_of_business: str | None = None,
    coc_ownership_pct: Decimal | None = None,
    coc_controlled: bool = False,
    fields: dict[str, str] | None = None,
) -> list[CocLink]:
    """Every reason the entity is linked to a country of concern (SPEC §4); empty when none.

    `fields` maps the argument names to the entity's column keys (for the CocLink.field).
    """
    names = {
        "country": "country_of_incorporation",
        "principal_place_of_business": "principal_place_of_business",
        "parent_country": "ultimate_parent_country",
        "parent_principal_place_of_business": "ultimate_parent_principal_place_of_business",
        "coc_ownership_pct": "coc_ownership_pct",
        "coc_controlled": "coc_controlled",
        **(fields or {}),
    }
    coc = profile.coc_codes
    links: list[CocLink] = []
    if country in coc:
        links.append(CocLink(names["country"], f"incorporated in {coc_label(profile, country)}"))
    if principal_place_of_business in coc:
        links.append(
            CocLink(
                names["principal_place_of_business"],
                f"principal place of business in {coc_label(profile, principal_place_of_business)}",
            )
        )
    if parent_country in coc:
        links.append(
            CocLink(
                names["parent_country"],
                f"ultimate parent organized in {coc_label(profile, parent_country)}",
            )
        )
    if parent_principal_place_of_business in coc:
        links.append(
            CocLink(
                names["parent_principal_place_of_business"],
                "ultimate parent's principal place of business in "
                f"{coc_label(profile, parent_principal_place_of_business)}",
            )
        )
    majority = profile.thresholds.coc_majority_pct
    if coc_ownership_pct is not None and coc_ownership_pct > majority:
        links.append(
            CocLink(
                names["coc_ownership_pct"],
                f"{coc_ownership_pct} % voting or equity interest held by countries of concern or "
                f"their entities or nationals (a majority: above {number_text(majority)} %)",
            )
        )
    if coc_controlled:
        links.append(
            CocLink(
                names["coc_controlled"],
                "controlled by a country of concern or its entities or nationals",
            )
        )
    return links


def member_links(member: Member, profile: Profile) -> list[CocLink]:
    """Why a Members row is linked to a country of concern (empty when it is not)."""
    return linked_to_coc(
        profile,
        country=member.country_of_incorporation,
        principal_place_of_business=member.principal_place_of_business,
        parent_country=member.ultimate_parent_country,
        parent_principal_place_of_business=member.ultimate_parent_principal_place_of_business,
        coc_ownership_pct=member.coc_ownership_pct,
        coc_controlled=member.coc_controlled,
    )


def provider_links(provider: Provider, profile: Profile) -> list[CocLink]:
    """Why a Providers row is linked to a country of concern (empty when it is not)."""
    return linked_to_coc(
        profile,
        country=provider.country,
        principal_place_of_business=provider.principal_place_of_business,
        coc_ownership_pct=provider.coc_ownership_pct,
        coc_controlled=provider.coc_controlled,
        fields={"country": "country"},
    )


def bom_line_links(line: BomLine, profile: Profile) -> list[CocLink]:
    """Why a BOM line's supplier is linked to a country of concern (empty when it is not)."""
    return linked_to_coc(
        profile,
        country=line.supplier_country,
        principal_place_of_business=line.supplier_principal_place_of_business,
        coc_controlled=line.supplier_coc_controlled,
        fields={
            "country": "supplier_country",
            "principal_place_of_business": "supplier_principal_place_of_business",
            "coc_controlled": "supplier_coc_controlled",
        },
    )


def describe(links: list[CocLink]) -> str:
    """The reasons joined into one clause."""
    return "; ".join(link.reason for link in links)


def is_foreign(country: str | None, principal_place_of_business: str | None) -> bool:
    """A foreign enterprise (II.A): not organized in the U.S., or based outside the U.S."""
    return (country is not None and country != "US") or (
        principal_place_of_business is not None and principal_place_of_business != "US"
    )
