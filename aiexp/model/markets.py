"""The Markets sheet: target markets, foreign competition and national interest."""

from __future__ import annotations

from aiexp.model.base import ConfidentialRow, Kind, column


class Market(ConfidentialRow):
    """A target market (Section V)."""

    market: str | None = column(
        "Market",
        "a country, a regional bloc (EU, GCC, ASEAN, African Union…), Global, or a region you "
        "name with its countries listed",
        Kind.TEXT,
        required=True,
    )
    countries: list[str] = column(
        "Countries", "for a region of your own naming: its countries", Kind.COUNTRIES
    )
    foreign_competition: str | None = column(
        "Foreign competition",
        "the relevant foreign competition in this market",
        Kind.TEXT,
        required=True,
    )
    coc_competitor: bool = column(
        "Country-of-concern competitor",
        "yes if a procurer there is choosing between American technology and technology from a "
        "country of concern",
        Kind.YES_NO,
        default=False,
    )
    national_interest: str | None = column(
        "National interest",
        "why the offering would advance U.S. national interests there",
        Kind.TEXT,
        required=True,
    )
    demand_evidence: str | None = column(
        "Demand evidence", "evidence of demand in the market", Kind.TEXT
    )
