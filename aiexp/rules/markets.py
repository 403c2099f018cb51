"""Target markets (Section V): at least one, each known, with competition and national interest."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.model import Market
from aiexp.ownership import coc_label
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check
from aiexp.values import normalise_name, parse_country

GLOBAL = "global"


def market_countries(ctx: RuleContext, market: Market) -> list[str] | None:
    """The countries a market covers (alpha-2); [] for Global; None when it is not recognised.

    A market is a country (parse_country), a bloc of the profile, `Global`, or a region of the
    user's naming with its `countries` listed (SPEC §2 Markets).
    """
    name = (market.market or "").strip()
    if not name:
        return None
    if normalise_name(name) == GLOBAL:
        return []
    try:
        return [parse_country(name)]
    except ValueError:
        pass
    bloc = ctx.profile.bloc(name)
    if bloc is not None:
        return list(bloc.members)
    if market.countries:
        return list(market.countries)
    return None


@check("markets.none")
def markets_none(ctx: RuleContext) -> Iterator[Finding]:
    """V: "Each proposal must identify at least one target country or regional bloc for which its
    package is intended – its 'target markets.'" """
    if not any(m.market for m in ctx.consortium.markets):
        yield ctx.finding(
            "markets.none",
            "no target market is identified",
            ctx.locate("Markets", None, "market"),
            "add at least one target country or regional bloc to the Markets sheet",
        )


@check("markets.unknown")
def markets_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """V: "at least one target country or regional bloc"; VI.3: "The global, regional, or country
    markets for which the offering is intended"."""
    blocs = ", ".join(b.id for b in ctx.profile.blocs)
    for market in ctx.consortium.markets:
        if market.market and market_countries(ctx, market) is None:
            yield ctx.finding(
                "markets.unknown",
                f"market {market.market!r} is not a country, a regional bloc of the profile, "
                "Global, or a region with its countries listed",
                ctx.locate("Markets", market, "market"),
                f"write a country (name or ISO code), a bloc ({blocs}), Global, or list the "
                "region's countries in the countries column",
            )


@check("markets.competition")
def markets_competition(ctx: RuleContext) -> Iterator[Finding]:
    """V: "Each proposal must identify relevant foreign competition in the target markets"."""
    for market in ctx.consortium.markets:
        if market.market and not (market.foreign_competition or "").strip():
            yield ctx.finding(
                "markets.competition",
                f"market {market.market!r} does not name the relevant foreign competition",
                ctx.locate("Markets", market, "foreign_competition"),
                "describe the foreign competition in this market (identifying buyers is not "
                "required)",
            )


@check("markets.national-interest")
def markets_national_interest(ctx: RuleContext) -> Iterator[Finding]:
    """V: each proposal must identify "why the proposed offering would advance U.S. national
    interests in those markets"."""
    for market in ctx.consortium.markets:
        if market.market and not (market.national_interest or "").strip():
            yield ctx.finding(
                "markets.national-interest",
                f"market {market.market!r} does not say why the offering would advance U.S. "
                "national interests there",
                ctx.locate("Markets", market, "national_interest"),
                "fill in national_interest for this market",
            )


@check("markets.coc-target")
def markets_coc_target(ctx: RuleContext) -> Iterator[Finding]:
    """V: the stronger case is a market where "a procuring entity is choosing between American
    and foreign technology originating in a country of concern" — not a country of concern
    itself."""
    for market in ctx.consortium.markets:
        countries = market_countries(ctx, market) or []
        concerned = [c for c in countries if c in ctx.profile.coc_codes]
        if concerned:
            names = ", ".join(coc_label(ctx.profile, c) for c in concerned)
            yield ctx.finding(
                "markets.coc-target",
                f"market {market.market!r} is or includes a country of concern: {names}",
                ctx.locate("Markets", market, "market"),
                "check that this market is intended: exports there face export controls and "
                "sanctions (VI.8, XII.A)",
            )
