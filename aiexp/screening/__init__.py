"""Screening every party of the proposal against the Consolidated Screening List (SPEC §1, §5).

`lists` reads the saved list (its CSV or JSON download), `names` normalises and scores names,
`index` finds a party's candidates among the list's names, `parties` collects every party the
workbook and its BOM name, and `screen` puts them together for `aiexp screen` and
`validate --screening-list`. aiexp never downloads the list.
"""

from __future__ import annotations

from aiexp.screening.index import NameHit, NameIndex
from aiexp.screening.lists import Entry, ScreeningList, load_list
from aiexp.screening.names import NameKey, name_score, normalise
from aiexp.screening.parties import Party, collect_parties
from aiexp.screening.screen import (
    MATCH_SCORE,
    PartyMatch,
    ScreeningResult,
    screen_parties,
    screen_workbook,
)

__all__ = [
    "MATCH_SCORE",
    "Entry",
    "NameHit",
    "NameIndex",
    "NameKey",
    "Party",
    "PartyMatch",
    "ScreeningList",
    "ScreeningResult",
    "collect_parties",
    "load_list",
    "name_score",
    "normalise",
    "screen_parties",
    "screen_workbook",
]
