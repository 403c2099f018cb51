"""Ownership and control of members and partners (IV.B, IV.D, VI.1).

The test itself — "linked to a country of concern" — is `aiexp.ownership.linked_to_coc`, the one
definition shared with the content calculation, the document and the diff.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import Provider, ProviderType
from aiexp.ownership import CocLink, describe, member_links, provider_links
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check
from aiexp.valuation import member_keys
from aiexp.values import normalise_name


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
