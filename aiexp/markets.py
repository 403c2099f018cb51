"""What a target market names (Section V), read one way by the rules and the proposal document.

A market is a country (an ISO code or an English name, always shown by its name), a regional
bloc of the profile, `Global`, or a region of the user's own naming whose countries are listed
(SPEC §2 Markets). A country is tried first, so `AU` is Australia and a bloc id that is also a
country's code or name would never be reached (the shipped profile has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from aiexp.model import Market
from aiexp.profile import Profile
from aiexp.values import country_name, normalise_name, parse_country

GLOBAL = "global"


@dataclass(frozen=True)
class MarketScope:
    """A market read: its kind, the name the proposal shows, and the countries it covers."""

    kind: Literal["country", "bloc", "global", "region"]
    name: str
    countries: tuple[str, ...]

    @property
    def includes_us(self) -> bool:
        """True when the United States is one of its countries."""
        return "US" in self.countries


def market_scope(profile: Profile, market: Market) -> MarketScope | None:
    """The market read as SPEC §2 says; None when it is none of a country, a bloc, Global or a
    region with its countries."""
    name = (market.market or "").strip()
    if not name:
        return None
    if normalise_name(name) == GLOBAL:
        return MarketScope("global", "Global", ())
    try:
        code = parse_country(name)
    except ValueError:
        pass
    else:
        return MarketScope("country", country_name(code), (code,))
    bloc = profile.bloc(name)
    if bloc is not None:
        return MarketScope("bloc", bloc.name, tuple(bloc.members))
    if market.countries:
        return MarketScope("region", name, tuple(market.countries))
    return None
