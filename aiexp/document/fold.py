"""Text compared as a reader sees it: the normalised form in which confidential text is found.

Section VII puts the burden of identifying confidential information on the proposer; once it is
identified, the public version must not show it in any form a reader would recognise. Two texts
are the same here when their *folded* forms agree, word for word:

- Unicode compatibility forms are one (NFKC: full-width `Ｚ` is `Z`, `ﬁ` is `fi`), accents are
  dropped, and case is folded (`ZYPHRAX`, `zyphrax`);
- format characters are removed (zero-width joiners and spaces, soft hyphens, bidi marks, word
  joiners, variation selectors), so `Zyph\\u00adrax` is `Zyphrax`;
- Markdown is flattened: emphasis and code marks are dropped (`**Zyph**rax` is `Zyphrax`) and a
  link or image is its text (`[Zyphrax](http://x)`); `variants` also gives the text with the
  link's address, so an address that names an entity is found too;
- every other run of characters that are not letters or digits — spaces, no-break spaces, line
  breaks, punctuation — is one word boundary, except a `.` or `,` between two digits, which
  belongs to the number (`7,777,777.77` is one word, so the needle `7` never hits it).

A *needle* is a confidential text in folded form; a text mentions it when the needle's words
appear in the text's words consecutively (whole words, any length).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

Label = TypeVar("Label")

# Default-ignorable characters that are not in category Cf (which is removed as a whole).
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
_MARKDOWN = str.maketrans("", "", "*_`~\\")
# A word: letters and digits, with a `.` or `,` between digits kept (one number).
_WORD = re.compile(r"[^\W_]+(?:(?<=\d)[.,]\d[^\W_]*)*")


def _plain(text: str) -> str:
    """NFKD, without accents, format and ignorable characters; then NFKC and case folded."""
    if text.isascii():
        return text.lower()  # (ASCII has no accents, format characters or compatibility forms)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    kept = _IGNORABLE.sub("", kept)
    return unicodedata.normalize("NFKC", kept).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text (Markdown links flattened to their text)."""
    return list(_words(text))


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    # Cached: a BOM repeats its suppliers and descriptions line after line.
    text = _AUTOLINK.sub(r"\1", _LINK.sub(r"\1", text))
    return tuple(_WORD.findall(_plain(text).translate(_MARKDOWN)))


def variants(text: str) -> Iterator[list[str]]:
    """The folded words of a text as shown (`words`), then with its links' addresses in."""
    shown = words(text)
    yield shown
    if "](" in text or "<" in text:
        with_addresses = _WORD.findall(_plain(text).translate(_MARKDOWN))
        if with_addresses != shown:
            yield with_addresses


def fold(text: str) -> str:
    """The folded form of a text: its words joined by single spaces."""
    return " ".join(words(text))


class Needles(Generic[Label]):
    """Folded texts to look for, each with a label; found as whole words in other texts.

    Indexed by first word, then by length: a text is scanned once, and at each word only the
    lengths of the needles that start with it are tried, each a set lookup (many confidential
    BOM lines may share a first word).
    """

    def __init__(self) -> None:
        self._by_first: dict[str, dict[int, dict[tuple[str, ...], Label]]] = {}
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def add(self, text: str, label: Label) -> None:
        """Look for `text` (any length; a text with no letter or digit is never found)."""
        self._add(_words(text), label)

    def _add(self, key: tuple[str, ...], label: Label) -> None:
        if not key:
            return
        known = self._by_first.setdefault(key[0], {}).setdefault(len(key), {})
        if key not in known:
            known[key] = label
            self._count += 1

    def needles(self) -> Iterator[tuple[tuple[str, ...], Label]]:
        """Every needle (its folded words) with its label."""
        for lengths in self._by_first.values():
            for known in lengths.values():
                yield from known.items()

    def _hits(self, tokens: list[str]) -> Iterator[tuple[tuple[str, ...], Label]]:
        by_first = self._by_first
        for index, token in enumerate(tokens):
            lengths = by_first.get(token)
            if lengths is None:
                continue
            for size, known in lengths.items():
                key = (token,) if size == 1 else tuple(tokens[index : index + size])
                label = known.get(key)
                if label is not None:
                    yield key, label

    def find_words(self, tokens: list[str]) -> tuple[tuple[str, ...], Label] | None:
        """The first needle whose words appear consecutively in `tokens`, or None."""
        return next(self._hits(tokens), None)

    def all_in_words(self, tokens: list[str]) -> set[tuple[str, ...]]:
        """Every needle that appears in `tokens`."""
        return {key for key, _ in self._hits(tokens)}

    def find(self, text: str) -> Label | None:
        """The label of a needle that `text` mentions (shown, or in a link's address), or None."""
        if not self._count:
            return None
        for tokens in variants(text):
            hit = self.find_words(tokens)
            if hit is not None:
                return hit[1]
        return None

    def without(self, keys: Iterable[tuple[str, ...]]) -> Needles[Label]:
        """A copy without the given needles."""
        dropped = set(keys)
        copy: Needles[Label] = Needles()
        for key, label in self.needles():
            if key not in dropped:
                copy._add(key, label)
        return copy
