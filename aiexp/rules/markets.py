"""Target markets (Section V): at least one, each known, with competition and national interest."""

from __future__ import annotations

from collections.abc import Iterator

from aiexp.findings import Finding, Severity
from aiexp.markets import market_scope
from aiexp.model import Market
from aiexp.ownership import coc_label
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


def market_countries(ctx: RuleContext, market: Market) -> list[str] | None:
    """The countries a market covers (alpha-2); [] for Global; None when it is not recognised
    (`aiexp.markets.market_scope`, which the proposal document reads too)."""
    scope = market_scope(ctx.profile, market)
    return None if scope is None else list(scope.countries)


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


@check("markets.domestic")
def markets_domestic(ctx: RuleContext) -> Iterator[Finding]:
    """II: "An eligible pre-set consortium must be able to deliver a full-stack AI technology
    package, as defined in Section III, to one or more foreign markets"; V: "at least one target
    country or regional bloc" — the United States is no foreign market."""
    for market in ctx.consortium.markets:
        scope = market_scope(ctx.profile, market)
        if scope is None or not scope.includes_us:
            continue
        if scope.kind == "country":
            yield ctx.finding(
                "markets.domestic",
                f"market {market.market!r} is the United States: the package is for one or more "
                "foreign markets",
                ctx.locate("Markets", market, "market"),
            )
        else:
            yield ctx.finding(
                "markets.domestic",
                f"market {market.market!r} ({scope.name}) includes the United States, which is "
                "not a target market: the package is for foreign markets",
                ctx.locate("Markets", market, "market"),
                "nothing to fix if the United States is not meant as a target",
                severity=Severity.INFO,
            )
