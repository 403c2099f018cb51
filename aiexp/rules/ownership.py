"""Ownership and control: "linked to a country of concern" (SPEC §4), members and partners (IV.D).

`linked_to_coc` is the one definition of the test that every rule, the document and the diff
use: an entity is linked when its country of organization or principal place of business is a
country of concern; or its ultimate parent's country or principal place of business is one; or
the country-of-concern interest in it is above `coc_majority_pct` (a majority voting or equity
interest); or it is controlled by a country of concern or its entities or nationals.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from aiexp.findings import Finding
from aiexp.model import BomLine, Member, Provider, ProviderType
from aiexp.profile import Profile
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check
from aiexp.valuation import member_keys
from aiexp.values import country_name, normalise_name


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
                f"their entities or nationals (a majority: above {majority} %)",
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


def member_names(ctx: RuleContext) -> set[str]:
    """The normalised names of the consortium's members."""
    return member_keys(ctx.consortium)


@check("members.coc")
def members_coc(ctx: RuleContext) -> Iterator[Finding]:
    """IV.D: "A consortium may not include members, subcontractors, or local implementation
    partners that are (1) incorporated or have their principal place of business in a country of
    concern … or (2) owned or controlled through a majority voting or equity interest by a country
    of concern or by an entity or national of a country of concern." (IV.B says the same of the
    members of layers 2, 4 and 5.) The anchor is reported by anchor.coc instead."""
    anchor = ctx.consortium.anchor()
    for member in ctx.consortium.members:
        if member is anchor:
            continue
        links = member_links(member, ctx.profile)
        if links:
            yield ctx.finding(
                "members.coc",
                f"member {member.name!r} is linked to a country of concern: {describe(links)}",
                ctx.locate("Members", member, links[0].field),
                "IV.D: a consortium may not include such a member; remove it or correct its "
                "ownership data (a National Champion Enterprise is no exception)",
            )


@check("members.ownership-unknown")
def members_ownership_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """VI.1: the overview "should include relevant ownership and control information sufficient to
    determine compliance with Section IV"."""
    for member in ctx.consortium.members:
        if member.coc_ownership_pct is None:
            yield ctx.finding(
                "members.ownership-unknown",
                f"member {member.name!r} does not give its country-of-concern ownership: the "
                "ownership and control information is incomplete",
                ctx.locate("Members", member, "coc_ownership_pct"),
                "fill in coc_ownership_pct (the larger of the voting and equity interest held by "
                "countries of concern or their entities or nationals; 0 when there is none)",
            )
        if member.ultimate_parent and member.ultimate_parent_country is None:
            if member is ctx.consortium.anchor():
                continue  # anchor.foreign-parent reports the anchor's parent (II.2)
            yield ctx.finding(
                "members.ownership-unknown",
                f"member {member.name!r} names its ultimate parent {member.ultimate_parent!r} "
                "without the parent's country",
                ctx.locate("Members", member, "ultimate_parent_country"),
                "fill in ultimate_parent_country (and its principal place of business)",
            )


def _partners(
    ctx: RuleContext, types: set[ProviderType]
) -> Iterator[tuple[Provider, list[CocLink]]]:
    seen: set[str] = set()
    members = member_names(ctx)
    for provider in ctx.consortium.providers:
        if provider.provider_type not in types or not provider.provider:
            continue
        name = normalise_name(provider.provider)
        if name in seen or name in members:
            continue  # a member is judged on its Members row (members.coc)
        links = provider_links(provider, ctx.profile)
        if links:
            seen.add(name)
            yield provider, links


@check("partners.coc")
def partners_coc(ctx: RuleContext) -> Iterator[Finding]:
    """IV.D: "A consortium may not include members, subcontractors, or local implementation
    partners that are (1) incorporated or have their principal place of business in a country of
    concern … or (2) owned or controlled through a majority voting or equity interest by a country
    of concern or by an entity or national of a country of concern." """
    types = {ProviderType.SUBCONTRACTOR, ProviderType.LOCAL_PARTNER}
    for provider, links in _partners(ctx, types):
        kind = (
            "subcontractor"
            if provider.provider_type is ProviderType.SUBCONTRACTOR
            else ("local implementation partner")
        )
        yield ctx.finding(
            "partners.coc",
            f"{kind} {provider.provider!r} (layer {provider.layer}) is linked to a country of "
            f"concern: {describe(links)}",
            ctx.locate("Providers", provider, links[0].field),
            f"IV.D: a consortium may not include such a {kind}; replace it, or correct its data",
        )


@check("partners.coc-vendor")
def partners_coc_vendor(ctx: RuleContext) -> Iterator[Finding]:
    """IV.A: Layer 1 products and services "must be specifically disclosed if provided by an
    entity, whether a consortium member or not, that is" linked to a country of concern; IV.D bars
    such subcontractors, so a vendor must really be only a vendor."""
    for provider, links in _partners(ctx, {ProviderType.VENDOR}):
        disclosed = " It is disclosed in section 7 (IV.A)." if provider.layer == 1 else ""
        yield ctx.finding(
            "partners.coc-vendor",
            f"vendor {provider.provider!r} (layer {provider.layer}) is linked to a country of "
            f"concern: {describe(links)}.{disclosed}",
            ctx.locate("Providers", provider, links[0].field),
            "confirm it only sells goods or services and performs no part of the package's work "
            "under a member's contract (a subcontractor so linked is barred by IV.D)",
        )
