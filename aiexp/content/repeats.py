"""Catching a repeated `line_id` in a BOM of any size, in 8 bytes a line (SPEC §3).

During the pass every `line_id` leaves only its 64-bit hash, in one of 64 arrays (chosen by the
hash, so equal ids meet in one array, and finding repeats needs one array's set at a time). After
the pass the hashes seen twice are candidates; the ids are read again from the file and a repeat
is reported only when two lines really have the same id — a hash collision is never reported.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Callable
from typing import Any

from aiexp.content.result import BomSource
from aiexp.errors import BomError
from aiexp.values import is_blank, parse_text

#: How many arrays the hashes are spread over (`hash & MASK` picks one).
BUCKETS = 64
MASK = BUCKETS - 1


class LineIds:
    """The hashes of every `line_id` of a pass, 8 bytes each.

    The hot loop appends to short Python lists (`appenders()[h & MASK](h)`); `flush()` moves
    them into the arrays a few thousand lines at a time (array.append parses its argument on
    every call: a list append now and one `struct.pack` per bucket later cost less).
    """

    def __init__(self) -> None:
        self.buckets = [array("q") for _ in range(BUCKETS)]
        self.pending: list[list[int]] = [[] for _ in range(BUCKETS)]

    def appenders(self) -> list[Callable[[int], None]]:
        """`appenders()[h & MASK](h)` records the hash `h` until the next `flush()`."""
        return [pending.append for pending in self.pending]

    def flush(self) -> None:
        """Move the recorded hashes into the arrays."""
        for bucket, pending in zip(self.buckets, self.pending, strict=True):
            if pending:
                bucket.frombytes(struct.pack(f"={len(pending)}q", *pending))
                pending.clear()

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
