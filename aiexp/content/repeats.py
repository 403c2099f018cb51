"""Catching a repeated `line_id` in a BOM of any size, in at most 8 bytes a line (SPEC §3).

The pass hands over each chunk's ids (`LineIds.add`). While the ids rise strictly from line to
line — as a BOM numbered `L0001`, `L0002`, … does — none can repeat an earlier one, and nothing
is kept but the first and the last. From the first chunk that does not rise, every `line_id`
leaves its 64-bit hash, in one of 64 arrays (chosen by the hash, so equal ids meet in one
array, and finding repeats needs one array's set at a time); if such an id lies between the
first and last of the rising lines before, those lines' ids are read again and hashed too
(`needs_prefix`, `add_prefix`). After the pass the hashes seen twice are candidates; the ids are
read again from the file and a repeat is reported only when two lines really have the same id
— a hash collision is never reported.
"""

from __future__ import annotations

import struct
from array import array
from itertools import islice
from operator import lt
from typing import Any

from aiexp.content.result import BomSource
from aiexp.errors import BomError
from aiexp.values import is_blank, parse_text

#: How many arrays the hashes are spread over (`hash & MASK` picks one).
BUCKETS = 64
MASK = BUCKETS - 1
#: Hashes held in lists before they are packed into their arrays (fewer, larger packs).
HASH_BATCH = 4096


class LineIds:
    """The ids of every line of a pass: the rising run's ends, then 8-byte hashes.

    Hashes go to short Python lists first and are moved into the arrays a few thousand at a
    time (`array.append` parses its argument on every call: a list append now and one
    `struct.pack` per bucket later cost less).
    """

    def __init__(self) -> None:
        self.buckets = [array("q") for _ in range(BUCKETS)]
        self.pending: list[list[int]] = [[] for _ in range(BUCKETS)]
        self.held = 0
        #: The rising run: its first and last id and its length (None, None, 0 before any).
        self.first: str | None = None
        self.last: str | None = None
        self.rising = 0
        #: Whether every id so far rose (so the run is every line so far).
        self.ordered = True
        #: Whether a hashed id lies within the rising run, so that it may repeat one of them.
        self.needs_prefix = False

    def add(self, ids: list[str]) -> None:
        """The ids of a chunk's lines, in order (blank rows left out)."""
        if not ids:
            return
        if self.ordered:
            last = self.last
            if (last is None or ids[0] > last) and all(map(lt, ids, islice(ids, 1, None))):
                if self.first is None:
                    self.first = ids[0]
                self.last = ids[-1]
                self.rising += len(ids)
                return
            self.ordered = False
        first, last = self.first, self.last
        if (
            not self.needs_prefix
            and first is not None
            and last is not None
            and min(ids) <= last
            and max(ids) >= first
        ):
            self.needs_prefix = True
        self.hash(ids)

    def hash(self, ids: list[str]) -> None:
        """Record the hashes of `ids`."""
        pending, mask = self.pending, MASK
        for digest in map(hash, ids):
            pending[digest & mask].append(digest)
        self.held += len(ids)
        if self.held >= HASH_BATCH:
            self.flush()

    def add_prefix(self, ids: list[str]) -> None:
        """The rising run's ids, read again (`needs_prefix`): hashed like the others."""
        self.hash(ids)
        self.needs_prefix = False

    def flush(self) -> None:
        """Move the recorded hashes into the arrays."""
        for bucket, pending in zip(self.buckets, self.pending, strict=True):
            if pending:
                bucket.frombytes(struct.pack(f"={len(pending)}q", *pending))
                pending.clear()
        self.held = 0

    def candidates(self) -> set[int]:
        """Hashes seen more than once: repeats, or (rarely) collisions, to be confirmed."""
        self.flush()
        repeated: set[int] = set()
        for bucket in self.buckets:
            distinct = set(bucket)
            if len(distinct) != len(bucket):
                seen: set[int] = set()
                for digest in bucket:
                    if digest in seen:
                        repeated.add(digest)
                    seen.add(digest)
        return repeated


def line_id_text(raw: Any) -> str:
    """A `line_id` cell as the pass reads it: the text, stripped (a number without `.0`)."""
    if isinstance(raw, str):
        return raw if raw == raw.strip() else raw.strip()
    return parse_text(raw)


def confirm_repeats(bom: BomSource, candidates: set[int]) -> None:
    """Read the ids again; BomError naming both lines of the first id that really repeats."""
    first: dict[str, int] = {}
    with bom.open() as table:
        index = table.positions["line_id"]
        for number, row, _ in table.records:
            raw = row[index]
            if is_blank(raw):
                continue
            line_id = line_id_text(raw)
            if hash(line_id) not in candidates:
                continue
            if line_id in first:
                where = table.where(number, "line_id")
                place = "line" if table.sheet is None else "row"
                raise BomError(
                    f"{where}: line_id {line_id!r} is repeated (first at {place} "
                    f"{first[line_id]}); every line needs a unique id"
                )
            first[line_id] = number


def first_ids(bom: BomSource, count: int) -> list[str]:
    """The ids of the first `count` lines (blank rows left out), as the pass reads them."""
    ids: list[str] = []
    with bom.open() as table:
        index = table.positions["line_id"]
        for _, row, _ in table.records:
            if len(ids) >= count:
                break
            raw = row[index]
            if not is_blank(raw):
                ids.append(line_id_text(raw))
    return ids
