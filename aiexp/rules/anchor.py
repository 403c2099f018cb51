"""The anchor member (Section II): one anchor, its attestations, U.S. organization, no CoC link."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import Role
from aiexp.ownership import describe, member_status, us_organization
from aiexp.rules.context import RuleContext
from aiexp.rules.ownership import provider_row_links
from aiexp.rules.registry import check


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
    test = us_organization(anchor)
    for failure in test.failures:
        if failure.field.startswith("ultimate_parent"):
            continue  # anchor.foreign-parent
        yield ctx.finding(
            "anchor.us-organized",
            f"the anchor {anchor.name!r} is {failure.reason}",
            ctx.locate("Members", anchor, failure.field),
            "the anchor must be organized under the laws of the United States or a State "
            "thereof, with its principal place of business in the United States (II.2)",
        )


@check("anchor.foreign-parent")
def anchor_foreign_parent(ctx: RuleContext) -> Iterator[Finding]:
    """II.2: "Any subsidiary, affiliate, or branch whose ultimate parent entity is organized under
    the laws of a foreign jurisdiction or has its principal place of business outside the United
    States is ineligible to be an anchor member." A blank `ultimate_parent` is unknown, never "no
    parent": `none` says the anchor is its own ultimate parent."""
    anchor = ctx.consortium.anchor()
    if anchor is None or not anchor.name:
        return
    test = us_organization(anchor)
    if "ultimate_parent" in test.unknown:
        yield ctx.finding(
            "anchor.foreign-parent",
            f"the anchor {anchor.name!r} does not state its ultimate parent (blank is unknown): "
            "its eligibility under II.2 cannot be shown",
            ctx.locate("Members", anchor, "ultimate_parent"),
            "write none in ultimate_parent if the anchor is its own ultimate parent, or name the "
            "parent with its country and principal place of business (II.2)",
        )
        return
    parent = anchor.parent_name
    for key in test.unknown:
        if not key.startswith("ultimate_parent"):
            continue
        what = (
            "is organized"
            if key == "ultimate_parent_country"
            else "has its principal place of business"
        )
        yield ctx.finding(
            "anchor.foreign-parent",
            f"the anchor's ultimate parent {parent!r} is named, but where it {what} is not "
            "given: its eligibility cannot be shown",
            ctx.locate("Members", anchor, key),
            f"fill in {key} (II.2: a subsidiary of a foreign parent cannot be the anchor)",
        )
    for failure in test.failures:
        if not failure.field.startswith("ultimate_parent"):
            continue
        yield ctx.finding(
            "anchor.foreign-parent",
            f"the anchor's {failure.reason.removeprefix('its ')}: a subsidiary, affiliate or "
            "branch of such a parent is ineligible to be the anchor",
            ctx.locate("Members", anchor, failure.field),
            "choose an anchor whose ultimate parent is organized and based in the U.S. (II.2)",
        )


@check("anchor.coc")
def anchor_coc(ctx: RuleContext) -> Iterator[Finding]:
    """II.3: the anchor must "Not be (1) incorporated or have its principal place of business in a
    country of concern … or (2) owned or controlled through a majority voting or equity interest
    by a country of concern or by an entity or national of a country of concern." A link only
    through a conditionally listed country is `coc.conditional`; blank ownership or control is
    `members.ownership-unknown`."""
    anchor = ctx.consortium.anchor()
    if anchor is None:
        return
    links = member_status(anchor, ctx.profile).firm_links
    if links:
        yield ctx.finding(
            "anchor.coc",
            f"the anchor {anchor.name!r} is linked to a country of concern: {describe(links)}",
            ctx.locate("Members", anchor, links[0].field),
            "choose an anchor that is not linked to a country of concern (II.3)",
        )
    for row, row_links in provider_row_links(ctx, anchor):
        yield ctx.finding(
            "anchor.coc",
            f"the anchor {anchor.name!r} is linked to a country of concern by its Providers row "
            f"(layer {row.layer}): {describe(row_links)}",
            ctx.locate("Providers", row, row_links[0].field),
            "choose an anchor that is not linked to a country of concern (II.3); if the "
            "Providers row is wrong, correct it to match the anchor's Members row",
        )
