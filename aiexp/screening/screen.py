"""Screening the proposal's parties against the list: the core of `aiexp screen` (SPEC §1, §5).

`screen_parties` searches each party in the index (built once per run) and keeps every entry
that scores `min_score` or more; `ScreeningResult.findings()` turns them into
`screening.match` (95 or more: an error) and `screening.possible` (from `min_score` to 94: a
warning) findings, each naming the party, where the workbook names it, the entry's name, source
list, programs and id, and the score. `screen_workbook` is the whole command: read the workbook,
find its BOM, collect the parties, read the list, screen.

A match is a reason for due diligence, not a conclusion: a listed name can be a namesake, and a
party can be listed under a name no spelling rule reaches. The list is as current as the file
the user saved; its sha256 and newest `start_date` say which file that was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiexp import codes
from aiexp.errors import AiexpError
from aiexp.findings import Finding, Severity, sort_findings, summarise
from aiexp.screening.index import NameHit, NameIndex
from aiexp.screening.lists import ScreeningList, load_list
from aiexp.screening.parties import Party, collect_parties

#: A score from which a name is a match (an error); below it, from --min-score, a possible match.
MATCH_SCORE = 95
DEFAULT_MIN_SCORE = 85
#: Below this a "possible match" is noise: the index looks for names one edit away at most.
LOWEST_MIN_SCORE = 50


@dataclass(frozen=True)
class PartyMatch:
    """A party and one list entry it may be: the entry's best name and the score."""

    party: Party
    hit: NameHit

    @property
    def code(self) -> str:
        """`screening.match` from 95, else `screening.possible`."""
        return "screening.match" if self.hit.score >= MATCH_SCORE else "screening.possible"

    def message(self) -> str:
        """One sentence: the party, its places, the entry, its list, programs, id and score."""
        entry, hit = self.hit.entry, self.hit
        through = f" (through its alternate name “{hit.matched_name}”)" if hit.alternate else ""
        programs = "; ".join(entry.programs) or "none given"
        number = f", entity number {entry.entity_number}" if entry.entity_number else ""
        shared = sorted(self.party.countries & entry.countries)
        country = f"; country shared: {', '.join(shared)}" if shared else ""
        kind = "matches" if self.code == "screening.match" else "may match"
        return (
            f"“{self.party.name}” ({', '.join(self.party.roles)}; {self.party.where()}) {kind} "
            f"the entry “{entry.name}”{through} of the {entry.source or 'screening list'} "
            f"(programs: {programs}; id {entry.id or 'not given'}{number}): score {hit.score}"
            f"{country}"
        )

    def to_json_dict(self) -> dict[str, Any]:
        """The match for `screen --json`: party, places, entry and score."""
        entry, hit = self.hit.entry, self.hit
        return {
            "code": self.code,
            "score": hit.score,
            "party": self.party.name,
            "roles": list(self.party.roles),
            "places": self.party.places_json(),
            "bom_file": self.party.bom_file,
            "bom_lines": list(self.party.bom_lines),
            "countries": sorted(self.party.countries),
            "country_agrees": hit.country_agrees,
            "entry": {
                "id": entry.id,
                "entity_number": entry.entity_number,
                "name": entry.name,
                "matched_name": hit.matched_name,
                "alternate": hit.alternate,
                "source": entry.source,
                "type": entry.type,
                "programs": list(entry.programs),
                "countries": sorted(entry.countries),
                "start_date": entry.start_date.isoformat() if entry.start_date else None,
            },
        }


@dataclass(frozen=True)
class ScreeningResult:
    """Every party screened, the list used, and each party's entries at `min_score` or more."""

    screening_list: ScreeningList
    parties: tuple[Party, ...]
    matches: tuple[PartyMatch, ...]
    min_score: int

    def findings(self, severity: Severity | None = None) -> list[Finding]:
        """The findings (of one severity, when given), best score first."""
        found = []
        for match in self.matches:
            declared = codes.code_for(match.code)
            if severity is None or declared.severity is severity:
                found.append(codes.finding(match.code, match.message(), match.party.location))
        return found

    @property
    def match_count(self) -> int:
        """How many party–entry pairs score 95 or more."""
        return sum(1 for m in self.matches if m.code == "screening.match")

    @property
    def possible_count(self) -> int:
        """How many party–entry pairs score from `min_score` to 94."""
        return len(self.matches) - self.match_count

    def summary_json(self) -> dict[str, Any]:
        """The list (path, sha256, newest start_date) and the counts, for a manifest."""
        return {
            **self.screening_list.to_json_dict(),
            "min_score": self.min_score,
            "parties": len(self.parties),
            "matches": self.match_count,
            "possible_matches": self.possible_count,
        }

    def to_json_dict(self, file: str) -> dict[str, Any]:
        """The `screen --json` document."""
        findings = sort_findings(self.findings())
        return {
            "file": file,
            "list": self.screening_list.to_json_dict(),
            "min_score": self.min_score,
            "parties": len(self.parties),
            "summary": summarise(findings).model_dump(),
            "findings": [f.model_dump(mode="json") for f in findings],
            "matches": [m.to_json_dict() for m in self.matches],
            "screened": [{"name": p.name, "roles": list(p.roles)} for p in self.parties],
        }


def check_min_score(min_score: int) -> int:
    """The --min-score value, or AiexpError when it is outside 50–95."""
    if not LOWEST_MIN_SCORE <= min_score <= MATCH_SCORE:
        raise AiexpError(
            f"--min-score {min_score}: use a score from {LOWEST_MIN_SCORE} to {MATCH_SCORE} "
            f"(a score of {MATCH_SCORE} or more is always reported as a match)"
        )
    return min_score


def screen_parties(
    parties: list[Party], screening_list: ScreeningList, *, min_score: int = DEFAULT_MIN_SCORE
) -> ScreeningResult:
    """Search every party in the list's index (built once here)."""
    check_min_score(min_score)
    index = NameIndex(screening_list.entries)
    matches = [
        PartyMatch(party, hit)
        for party in parties
        for hit in index.search(party.key, frozenset(party.countries), min_score)
    ]
    matches.sort(key=lambda m: (-m.hit.score, m.party.name, m.hit.entry.name))
    return ScreeningResult(screening_list, tuple(parties), tuple(matches), min_score)


def screen_workbook(
    workbook: Path,
    screening_list: Path,
    *,
    bom: Path | None = None,
    min_score: int = DEFAULT_MIN_SCORE,
    today: dt.date | None = None,
) -> tuple[ScreeningResult, int]:
    """`aiexp screen`: the result, and how many input errors the workbook has (validate says
    which); raises WorkbookError, BomError or ScreeningError when an input cannot be read."""
    from aiexp.content.resolve import resolve_bom
    from aiexp.workbook.reader import read_workbook

    check_min_score(min_score)
    listed = load_list(Path(screening_list), today=today)
    wb = read_workbook(Path(workbook))
    parties = collect_parties(wb, resolve_bom(Path(workbook), wb, bom))
    input_errors = sum(1 for f in wb.findings if f.severity is Severity.ERROR)
    return screen_parties(parties, listed, min_score=min_score), input_errors
