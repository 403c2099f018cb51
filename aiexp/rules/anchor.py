"""The anchor member (Section II): one anchor, its attestations, U.S. organization, no CoC link."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import Role
from aiexp.ownership import describe, member_links
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check
from aiexp.values import country_name, normalise_name


@check("anchor.count")
def anchor_count(ctx: RuleContext) -> Iterator[Finding]:
    """II: "Each consortium must identify a single 'anchor member.'" """
    consortium = ctx.consortium
    anchors = [m for m in consortium.members if m.role is Role.ANCHOR]
    if not anchors:
        if consortium.members:
            yield ctx.finding(
                "anchor.count",
                "no member has the role anchor: the consortium must identify a single anchor "
                "member",
                ctx.locate("Members", None, "role"),
                "set the role of the anchor member's Members row to anchor",
            )
        return
    names = ", ".join(repr(a.name) for a in anchors)
    for extra in anchors[1:]:
        yield ctx.finding(
            "anchor.count",
            f"{len(anchors)} members have the role anchor ({names}): the consortium must "
            "identify a single anchor member",
            ctx.locate("Members", extra, "role"),
            "keep role anchor on one member and set the others to member",
        )
    named = consortium.info.anchor_member
    target = consortium.member(named)
    if len(anchors) == 1 and target is not None and target is not anchors[0]:
        yield ctx.finding(
            "anchor.count",
            f"anchor_member is {named!r}, but the member with role anchor is {anchors[0].name!r}",
            ctx.field("anchor_member"),
            "name the member whose role is anchor in anchor_member (or change the roles)",
        )


@check("anchor.experience")
def anchor_experience(ctx: RuleContext) -> Iterator[Finding]:
    """II.1: the anchor must "Affirm it has experience providing products or services
    internationally and the organizational capacity to manage multi-country delivery for that
    layer"."""
    anchor = ctx.consortium.anchor()
    if anchor is None:
        return
    if not anchor.international_experience:
        yield ctx.finding(
            "anchor.experience",
            f"the anchor {anchor.name!r} does not attest experience providing products or "
            "services internationally",
            ctx.locate("Members", anchor, "international_experience"),
            "set international_experience to yes if the anchor can affirm it (II.1)",
        )
    if not anchor.multi_country_capacity:
        yield ctx.finding(
            "anchor.experience",
            f"the anchor {anchor.name!r} does not attest the organizational capacity to manage "
            "multi-country delivery",
            ctx.locate("Members", anchor, "multi_country_capacity"),
            "set multi_country_capacity to yes if the anchor can affirm it (II.1)",
        )


@check("anchor.us-organized")
def anchor_us_organized(ctx: RuleContext) -> Iterator[Finding]:
    """II.2: the anchor must "Be organized under the laws of the United States or a State thereof,
    with its principal place of business in the United States." """
    anchor = ctx.consortium.anchor()
    if anchor is None:
        return
    country = anchor.country_of_incorporation
    if country is not None and country != "US":
        yield ctx.finding(
            "anchor.us-organized",
            f"the anchor {anchor.name!r} is organized in {country_name(country)}, not under the "
            "laws of the United States or a State",
            ctx.locate("Members", anchor, "country_of_incorporation"),
            "the anchor must be organized under U.S. or State law (II.2); choose another anchor",
        )
    place = anchor.principal_place_of_business
    if place is not None and place != "US":
        yield ctx.finding(
            "anchor.us-organized",
            f"the anchor {anchor.name!r} has its principal place of business in "
            f"{country_name(place)}, not in the United States",
            ctx.locate("Members", anchor, "principal_place_of_business"),
            "the anchor's principal place of business must be in the U.S. (II.2)",
        )


@check("anchor.foreign-parent")
def anchor_foreign_parent(ctx: RuleContext) -> Iterator[Finding]:
    """II.2: "Any subsidiary, affiliate, or branch whose ultimate parent entity is organized under
    the laws of a foreign jurisdiction or has its principal place of business outside the United
    States is ineligible to be an anchor member." """
    anchor = ctx.consortium.anchor()
    if anchor is None or not anchor.ultimate_parent or not anchor.name:
        return
    if normalise_name(anchor.ultimate_parent) == normalise_name(anchor.name):
        return  # the anchor is its own ultimate parent
    parent = anchor.ultimate_parent
    for key, value, what in (
        ("ultimate_parent_country", anchor.ultimate_parent_country, "is organized"),
        (
            "ultimate_parent_principal_place_of_business",
            anchor.ultimate_parent_principal_place_of_business,
            "has its principal place of business",
        ),
    ):
        if value is None:
            yield ctx.finding(
                "anchor.foreign-parent",
                f"the anchor's ultimate parent {parent!r} is named, but where it {what} is not "
                "given: its eligibility cannot be shown",
                ctx.locate("Members", anchor, key),
                f"fill in {key} (II.2: a subsidiary of a foreign parent cannot be the anchor)",
            )
        elif value != "US":
            yield ctx.finding(
                "anchor.foreign-parent",
                f"the anchor's ultimate parent {parent!r} {what} in {country_name(value)}: a "
                "subsidiary, affiliate or branch of such a parent is ineligible to be the anchor",
                ctx.locate("Members", anchor, key),
                "choose an anchor whose ultimate parent is organized and based in the U.S. (II.2)",
            )


@check("anchor.coc")
def anchor_coc(ctx: RuleContext) -> Iterator[Finding]:
    """II.3: the anchor must "Not be (1) incorporated or have its principal place of business in a
    country of concern … or (2) owned or controlled through a majority voting or equity interest
    by a country of concern or by an entity or national of a country of concern." """
    anchor = ctx.consortium.anchor()
    if anchor is None:
        return
    links = member_links(anchor, ctx.profile)
    if links:
        yield ctx.finding(
            "anchor.coc",
            f"the anchor {anchor.name!r} is linked to a country of concern: {describe(links)}",
            ctx.locate("Members", anchor, links[0].field),
            "choose an anchor that is not linked to a country of concern (II.3)",
        )
