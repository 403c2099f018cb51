"""National Champion Enterprises (II.A): who may be one, for which market, and the justification.

A foreign enterprise (SPEC §4) is one not organized under U.S. law or with its principal place of
business outside the U.S.; its home country is its country of organization. The markets of a
package with an NCE are read as the market rule reads them: a country, or a bloc, `Global` or a
region — and only the NCE's own country passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import Member, NarrativeSection
from aiexp.ownership import is_foreign
from aiexp.rules.context import RuleContext
from aiexp.rules.layers import layer_totals
from aiexp.rules.registry import check
from aiexp.values import country_name, normalise_name, parse_country


def _foreign(member: Member) -> bool:
    return is_foreign(member.country_of_incorporation, member.principal_place_of_business)


def nce_members(ctx: RuleContext) -> list[Member]:
    """The foreign members that ask to be designated National Champion Enterprises."""
    return [m for m in ctx.consortium.members if m.nce_requested and _foreign(m)]


def _layer3_owners(ctx: RuleContext) -> set[str]:
    return {
        normalise_name(model.ip_owner)
        for model in ctx.consortium.models
        if model.layer == 3 and model.ip_owner
    }


@check("nce.not-requested")
def nce_not_requested(ctx: RuleContext) -> Iterator[Finding]:
    """II.A: "In exceptional cases, the Department may … designate a package … in which a foreign
    enterprise is the provider of the highest value of products and services for the functions
    described in Layer 1"; such enterprises "will be known as 'National Champion Enterprises'"."""
    top = layer_totals(ctx)[1].top()
    if not top:
        return
    allowed = False
    for total in top:
        member = ctx.consortium.member(total.name)
        row = total.rows[0]
        if member is not None:
            foreign = _foreign(member)
        else:
            foreign = is_foreign(row.country, row.principal_place_of_business)
        if not foreign or (member is not None and member.nce_requested):
            allowed = True
    if allowed:
        return
    leader = top[0]
    member = ctx.consortium.member(leader.name)
    if member is not None:
        location = ctx.locate("Members", member, "nce_requested")
        status = "a foreign member without nce_requested"
    else:
        location = ctx.locate("Providers", leader.rows[0], "provider")
        status = "a foreign enterprise that is not a member"
    yield ctx.finding(
        "nce.not-requested",
        f"the top Layer 1 provider, {leader.name!r}, is {status}: only a National Champion "
        "Enterprise may be that, and only in exceptional cases",
        location,
        "make it a member and set nce_requested (with an nce_justification), or make a U.S. "
        "member the largest Layer 1 provider",
    )


@check("nce.misapplied")
def nce_misapplied(ctx: RuleContext) -> Iterator[Finding]:
    """II.A: "The foreign enterprises providing the highest value products and services for
    Layers 1 and 3 as described in these packages will be known as 'National Champion
    Enterprises'(NCEs)." """
    top_l1 = {p.key for p in layer_totals(ctx)[1].top()}
    owners = _layer3_owners(ctx)
    for member in ctx.consortium.members:
        if not member.nce_requested or not member.name:
            continue
        if not _foreign(member):
            yield ctx.finding(
                "nce.misapplied",
                f"nce_requested is set on {member.name!r}, a U.S. enterprise: NCEs are foreign "
                "enterprises",
                ctx.locate("Members", member, "nce_requested"),
                "remove nce_requested from U.S. members",
            )
            continue
        key = normalise_name(member.name)
        if key not in top_l1 and key not in owners:
            yield ctx.finding(
                "nce.misapplied",
                f"nce_requested is set on {member.name!r}, which is neither the top Layer 1 "
                "provider nor the IP owner of a Layer 3 model",
                ctx.locate("Members", member, "nce_requested"),
                "an NCE provides the highest value of Layer 1 or the Layer 3 models; remove "
                "nce_requested, or correct Providers/Models",
            )


def _market_country(text: str) -> str | None:
    try:
        return parse_country(text)
    except ValueError:
        return None


@check("nce.home-market")
def nce_home_market(ctx: RuleContext) -> Iterator[Finding]:
    """II.A: "Consortia with foreign firms may only be designated as NCEs for packages for their
    home country and may not be designated as NCEs for packages intended for other countries." """
    ncens = nce_members(ctx)
    homes = {m.country_of_incorporation for m in ncens if m.country_of_incorporation}
    if not ncens:
        return
    for market in ctx.consortium.markets:
        if not market.market:
            continue
        code = _market_country(market.market)
        wrong = [m for m in ncens if code is None or code != m.country_of_incorporation]
        if not wrong:
            continue
        names = ", ".join(
            f"{m.name!r} ({country_name(m.country_of_incorporation)})"
            for m in wrong
            if m.country_of_incorporation
        )
        what = "is not a single country" if code is None else f"is {country_name(code)}"
        yield ctx.finding(
            "nce.home-market",
            f"market {market.market!r} {what}, but a package with an NCE may only target the "
            f"NCE's home country: {names}",
            ctx.locate("Markets", market, "market"),
            "limit the markets to "
            + " / ".join(sorted(country_name(h) for h in homes))
            + ", or drop the NCE request",
        )


@check("nce.justification")
def nce_justification(ctx: RuleContext) -> Iterator[Finding]:
    """II.A: "the national interest statement described in section VI(6) should explicitly outline
    why inclusion of the NCE advances the national interest." """
    requested = [m for m in ctx.consortium.members if m.nce_requested]
    if not requested or ctx.consortium.narrative(NarrativeSection.NCE_JUSTIFICATION):
        return
    names = ", ".join(repr(m.name) for m in requested)
    row = next(
        (n for n in ctx.consortium.narratives if n.section is NarrativeSection.NCE_JUSTIFICATION),
        None,
    )
    yield ctx.finding(
        "nce.justification",
        f"NCE designation is requested for {names}, but the nce_justification narrative is blank",
        ctx.locate("Narratives", row, "text"),
        "add a Narratives row nce_justification explaining why including the NCE advances the "
        "national interest (II.A, VI.6)",
    )
