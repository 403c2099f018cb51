"""The list's names, indexed once per run, and the search of one party's name against them.

Comparing every party with every name of the list (200 × 90,000) is too slow, so the index finds
candidates first, by distinctive word: a list name is a candidate when it shares a distinctive
word with the party's name, exactly or one edit away (an insertion, deletion, substitution or
transposition: words are indexed by length and by their first and last halves, one of which
such a pair shares), or when the party's distinctive words written together are one of its words
(`Quorvane Zyphrax` / `QuorvaneZyphrax`), or the reverse. Generic names (no distinctive word)
are compared only with generic list names. Each candidate is then scored with
`names.name_score`, and a country that the party and the entry's addresses share adds
`COUNTRY_BONUS`.

What this does not find: a name whose every distinctive word is two or more edits away from
the party's (a badly misspelt one-word name), and a transliteration that shares no word.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from aiexp.screening.lists import Entry, gc_paused
from aiexp.screening.names import (
    MIN_FUZZY_TOKEN,
    NameKey,
    distinctive_words,
    fold_many,
    key_of,
    may_reach,
    name_score,
    name_words,
)

#: What a country shared by the party and the entry's addresses adds to the score.
COUNTRY_BONUS = 5


@dataclass(frozen=True, slots=True)
class NameHit:
    """The best name of one entry for a party: the entry, the name that matched, the score."""

    entry: Entry
    matched_name: str
    alternate: bool
    score: int
    country_agrees: bool


def _halves(word: str, length: int) -> tuple[str, str]:
    """The keys of a word of `length` letters: its first and its last (length - 1) // 2 letters.

    Two words one edit apart (an insertion, deletion, substitution or transposition) share the
    first or the last half of the longer one, so a lookup by length and half finds them.
    """
    m = max(1, (length - 1) // 2)
    return f"{length}<{word[:m]}", f"{length}>{word[-m:]}"


class NameIndex:
    """Every name and alternate name of the list, normalised once, with a word index."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        with gc_paused():
            self._build(list(entries))

    def _build(self, entries: list[Entry]) -> None:
        self.entries = entries
        #: The indexed names: (entry number, the name as the list writes it, alternate, its
        #: words, its distinctive words). A name an entry repeats (an alias equal to its name
        #: once folded) is indexed twice; the search keeps one hit per entry.
        self.names: list[tuple[int, str, bool, list[str], tuple[str, ...]]] = []
        self._keys: dict[int, NameKey] = {}
        by_word: defaultdict[str, list[int]] = defaultdict(list)
        #: Names of two or more distinctive words, by those words written together.
        by_joined: defaultdict[str, list[int]] = defaultdict(list)
        generic: defaultdict[str, list[int]] = defaultdict(list)
        listed = [
            (number, text, alternate)
            for number, entry in enumerate(self.entries)
            for text, alternate in entry.names()
        ]
        folded = fold_many([text for _, text, _ in listed])
        names = self.names
        for (number, text, alternate), folded_words in zip(listed, folded, strict=True):
            words = name_words(folded_words)
            if not words:
                continue
            name_id = len(names)
            tokens = distinctive_words(words)
            names.append((number, text, alternate, words, tokens))
            if not tokens:
                generic[" ".join(sorted(words))].append(name_id)
                continue
            for word in tokens:
                by_word[word].append(name_id)
            if len(tokens) > 1:
                by_joined["".join(tokens)].append(name_id)
        by_half: defaultdict[str, list[str]] = defaultdict(list)
        for word in by_word:
            size = len(word)
            if size >= MIN_FUZZY_TOKEN:
                for half in _halves(word, size):
                    by_half[half].append(word)
        self._by_word, self._by_joined = dict(by_word), dict(by_joined)
        #: Distinctive words by length and first or last half (`_halves`), for one-edit lookups.
        self._by_half = dict(by_half)
        self._generic = dict(generic)

    def key(self, name_id: int) -> NameKey:
        """The full screening form of an indexed name (worked out when first scored)."""
        key = self._keys.get(name_id)
        if key is None:
            key = self._keys[name_id] = key_of(self.names[name_id][3])
        return key

    def candidates(self, party: NameKey) -> set[int]:
        """The ids of the list names that share a distinctive word (or one a single edit away)."""
        if party.generic:
            return self._generic_candidates(party)
        found: set[int] = set()
        words = set(party.tokens)
        if len(party.tokens) > 1:
            words.add("".join(party.tokens))
        by_word, by_joined = self._by_word, self._by_joined
        for word in words:
            found.update(by_word.get(word, ()))
            found.update(by_joined.get(word, ()))
            if len(word) >= MIN_FUZZY_TOKEN:
                for listed in self._near(word):
                    found.update(by_word[listed])
        return found

    def _near(self, word: str) -> set[str]:
        """The list's distinctive words at most one edit from `word` (itself excluded)."""
        near: set[str] = set()
        size = len(word)
        for length in (size - 1, size, size + 1):
            for half in _halves(word, length):
                for listed in self._by_half.get(half, ()):
                    if listed != word and OSA.distance(word, listed, score_cutoff=1) <= 1:
                        near.add(listed)
        return near

    def _generic_candidates(self, party: NameKey) -> set[int]:
        from rapidfuzz import fuzz, process

        found: set[int] = set(self._generic.get(party.sorted_full, ()))
        for choice, _score, _ in process.extract_iter(
            party.sorted_full, self._generic.keys(), scorer=fuzz.ratio, score_cutoff=80
        ):
            found.update(self._generic[choice])
        return found

    def search(self, party: NameKey, countries: frozenset[str], min_score: int) -> list[NameHit]:
        """Every entry whose name or alternate name scores `min_score` or more, best first."""
        best: dict[int, NameHit] = {}
        names, entries = self.names, self.entries
        for name_id in self.candidates(party):
            number, text, alternate, _, tokens = names[name_id]
            entry = entries[number]
            agrees = not countries.isdisjoint(entry.countries)
            floor = min_score - COUNTRY_BONUS if agrees else min_score
            if not may_reach(party, tokens, " ".join(tokens), floor):
                continue
            raw = name_score(party, self.key(name_id))
            if raw <= 0:
                continue
            score = _final_score(raw, agrees)
            if score < min_score:
                continue
            held = best.get(number)
            if held is None or (score, not alternate) > (held.score, not held.alternate):
                best[number] = NameHit(entry, text, alternate, score, agrees)
        return sorted(best.values(), key=lambda hit: (-hit.score, hit.entry.name, hit.entry.id))


def _final_score(raw: float, country_agrees: bool) -> int:
    """0–100, whole points rounded down; the country bonus never makes an inexact name 100."""
    score = math.floor(raw + 1e-9)
    if country_agrees and score < 100:
        score = min(score + COUNTRY_BONUS, 99)
    return score
