"""Ownership and control of members and partners (IV.B, IV.D, VI.1), on three values.

The test itself — "linked to a country of concern" — is `aiexp.ownership`, the one definition
shared with the proposal document and the diff. A blank fact is unknown, never "no": a member
whose ownership or control is blank is `members.ownership-unknown` (an error: VI.1 asks for the
information "sufficient to determine compliance with Section IV"), a subcontractor or local
partner `partners.ownership-unknown`; a link only through a conditionally listed country is
`coc.conditional` for counsel, in place of the error.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import Member, Provider, ProviderType
from aiexp.ownership import (
    CocLink,
    CocStatus,
    describe,
    member_status,
    merged_provider,
    provider_status,
)
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check
from aiexp.valuation import member_keys
from aiexp.values import country_name, normalise_name

#: The facts of a Members row that VI.1 needs stated (its country and principal place of business
#: are required cells, reported by the reader when blank).
OWNERSHIP_FACTS = ("coc_ownership_pct", "coc_controlled")
PARTNER_TYPES = frozenset({ProviderType.SUBCONTRACTOR, ProviderType.LOCAL_PARTNER})
#: A member's facts that its Providers rows state again: (Providers column, Members column).
SHARED_FACTS = (
    ("country", "country_of_incorporation"),
    ("principal_place_of_business", "principal_place_of_business"),
    ("coc_ownership_pct", "coc_ownership_pct"),
    ("coc_controlled", "coc_controlled"),
)


def member_names(ctx: RuleContext) -> set[str]:
    """The normalised names of the consortium's members."""
    return member_keys(ctx.consortium)


def partner_kind(provider: Provider) -> str:
    """`subcontractor`, `local implementation partner` or `vendor`, as the notice names them."""
    if provider.provider_type is ProviderType.SUBCONTRACTOR:
        return "subcontractor"
    if provider.provider_type is ProviderType.LOCAL_PARTNER:
        return "local implementation partner"
    return "vendor"


def non_member_providers(
    ctx: RuleContext, types: frozenset[ProviderType] | set[ProviderType]
) -> Iterator[tuple[Provider, CocStatus]]:
    """Each non-member provider of these types once (its rows merged), with its status.

    A member is judged on its Members row (`members.coc`), whatever its Providers rows say.
    """
    members = member_names(ctx)
    rows: dict[str, list[Provider]] = {}
    for provider in ctx.consortium.providers:
        if provider.provider_type not in types or not provider.provider:
            continue
        name = normalise_name(provider.provider)
        if name not in members:
            rows.setdefault(name, []).append(provider)
    for group in rows.values():
        merged = merged_provider(group)
        assert merged is not None
        merged.at_row(group[0].row)
        yield merged, provider_status(merged, ctx.profile)


def own_provider_rows(ctx: RuleContext, member: Member) -> list[Provider]:
    """The member's own Providers rows (its name, case and spaces ignored)."""
    if not member.name:
        return []
    return ctx.consortium.providers_by_name().get(normalise_name(member.name), [])


def provider_row_links(
    ctx: RuleContext, member: Member
) -> Iterator[tuple[Provider, list[CocLink]]]:
    """The member's Providers rows that link it to a country of concern, when its Members row
    does not: the proposal states both rows, so a link stated in either is judged (a blank
    Providers cell is no statement: the Members row's facts stand)."""
    if member_status(member, ctx.profile).firm_links:
        return  # reported on the Members row
    for row in own_provider_rows(ctx, member):
        links = provider_status(row, ctx.profile).firm_links
        if links:
            yield row, links


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
        links = member_status(member, ctx.profile).firm_links
        if links:
            yield ctx.finding(
                "members.coc",
                f"member {member.name!r} is linked to a country of concern: {describe(links)}",
                ctx.locate("Members", member, links[0].field),
                "IV.D: a consortium may not include such a member; remove it or correct its "
                "ownership data (a National Champion Enterprise is no exception)",
            )
        for row, row_links in provider_row_links(ctx, member):
            yield ctx.finding(
                "members.coc",
                f"member {member.name!r} is linked to a country of concern by its Providers row "
                f"(layer {row.layer}): {describe(row_links)}",
                ctx.locate("Providers", row, row_links[0].field),
                "IV.D: a consortium may not include such a member; if the Providers row is "
                "wrong, correct it to match the member's Members row",
            )


@check("members.facts-mismatch")
def members_facts_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """VI.1: the overview gives each member's "ownership and control information"; a member's
    Providers rows state its country, principal place of business and country-of-concern
    interest again, and the proposal prints both. Two different statements of one fact are
    reported (the rules judge the Members row, and a link stated on either row)."""
    for member in ctx.consortium.members:
        for row in own_provider_rows(ctx, member):
            for provider_key, member_key in SHARED_FACTS:
                stated, own = getattr(row, provider_key), getattr(member, member_key)
                if stated is None or own is None or stated == own:
                    continue
                yield ctx.finding(
                    "members.facts-mismatch",
                    f"member {member.name!r}: its Providers row (layer {row.layer}) gives "
                    f"{provider_key} {_shown(provider_key, stated)}, its Members row "
                    f"{member_key} {_shown(provider_key, own)}",
                    ctx.locate("Providers", row, provider_key),
                    "make the Providers row say what the Members row says (or correct the "
                    "Members row); or leave the Providers cell blank",
                )


def _shown(key: str, value: object) -> str:
    """A fact as a finding quotes it: a country's name, yes/no, a percentage."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "coc_ownership_pct":
        return f"{value} %"
    return country_name(str(value))


@check("members.ownership-unknown")
def members_ownership_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """VI.1: the overview "should include relevant ownership and control information sufficient to
    determine compliance with Section IV". A blank is unknown, never "no"."""
    anchor = ctx.consortium.anchor()
    for member in ctx.consortium.members:
        blank = [
            key for key in member_status(member, ctx.profile).unknown if key in OWNERSHIP_FACTS
        ]
        if blank:
            yield ctx.finding(
                "members.ownership-unknown",
                f"member {member.name!r} does not state {' or '.join(blank)}: whether it is "
                "owned or controlled by a country of concern is unknown (a blank is never "
                '"no")',
                ctx.locate("Members", member, blank[0]),
                "fill in coc_ownership_pct (the larger of the voting and equity interest held by "
                "countries of concern or their entities or nationals; 0 when there is none) and "
                "coc_controlled (yes or no)",
            )
        if member.has_parent and member.ultimate_parent_country is None:
            if member is anchor:
                continue  # anchor.foreign-parent reports the anchor's parent (II.2)
            yield ctx.finding(
                "members.ownership-unknown",
                f"member {member.name!r} names its ultimate parent {member.parent_name!r} "
                "without the parent's country",
                ctx.locate("Members", member, "ultimate_parent_country"),
                "fill in ultimate_parent_country (and its principal place of business)",
            )


@check("partners.ownership-unknown")
def partners_ownership_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """IV.D: "A consortium may not include members, subcontractors, or local implementation
    partners that are" linked to a country of concern; a partner whose ownership is blank cannot
    be shown not to be."""
    for provider, status in non_member_providers(ctx, PARTNER_TYPES):
        if status.links or not status.unknown:
            continue  # partners.coc or coc.conditional; or clear
        kind = partner_kind(provider)
        yield ctx.finding(
            "partners.ownership-unknown",
            f"{kind} {provider.provider!r} (layer {provider.layer}) does not state "
            f"{' or '.join(status.unknown)}: IV.D cannot be shown for it",
            ctx.locate("Providers", provider, status.unknown[0]),
            "fill in its principal_place_of_business, coc_ownership_pct (0 when there is none) "
            "and coc_controlled (yes or no) on its Providers row",
        )


@check("partners.coc")
def partners_coc(ctx: RuleContext) -> Iterator[Finding]:
    """IV.D: "A consortium may not include members, subcontractors, or local implementation
    partners that are (1) incorporated or have their principal place of business in a country of
    concern … or (2) owned or controlled through a majority voting or equity interest by a country
    of concern or by an entity or national of a country of concern." """
    for provider, status in non_member_providers(ctx, PARTNER_TYPES):
        links = status.firm_links
        if not links:
            continue
        kind = partner_kind(provider)
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
    for provider, status in non_member_providers(ctx, {ProviderType.VENDOR}):
        if not status.links:
            continue
        disclosed = " It is disclosed in section 7 (IV.A)." if provider.layer == 1 else ""
        yield ctx.finding(
            "partners.coc-vendor",
            f"vendor {provider.provider!r} (layer {provider.layer}) is linked to a country of "
            f"concern: {describe(status.links)}.{disclosed}",
            ctx.locate("Providers", provider, status.links[0].field),
            "confirm it only sells goods or services and performs no part of the package's work "
            "under a member's contract (a subcontractor so linked is barred by IV.D)",
        )


@check("coc.conditional")
def coc_conditional(ctx: RuleContext) -> Iterator[Finding]:
    """IV.D (and II.3, IV.B): "a country of concern, as defined in Sec. 8521 of the 2026 National
    Defense Authorization Act (Pub. L. 119-60)" — which lists Venezuela only "under the regime of
    Nicolás Maduro Moros". A link only through such a country is for counsel to confirm; it
    replaces the error (anchor.coc, members.coc, partners.coc) an unconditional link gives."""
    for member in ctx.consortium.members:
        status = member_status(member, ctx.profile)
        if status.conditional:
            role = "the anchor" if member is ctx.consortium.anchor() else "member"
            yield ctx.finding(
                "coc.conditional",
                f"{role} {member.name!r} is linked to a country of concern only through a country "
                f"listed under a condition: {describe(status.links)}",
                ctx.locate("Members", member, status.links[0].field),
                "have counsel confirm whether the statute's condition holds; if it does, the "
                "member is barred (II.3, IV.D)",
            )
    for provider, status in non_member_providers(ctx, PARTNER_TYPES):
        if status.conditional:
            yield ctx.finding(
                "coc.conditional",
                f"{partner_kind(provider)} {provider.provider!r} (layer {provider.layer}) is "
                "linked to a country of concern only through a country listed under a condition:"
                f" {describe(status.links)}",
                ctx.locate("Providers", provider, status.links[0].field),
                "have counsel confirm whether the statute's condition holds; if it does, the "
                "partner is barred (IV.D)",
            )
