"""A repeated `line_id` is found in every order of ids, whether the ids rise or not (SPEC §3).

While the ids rise strictly, the pass keeps none of them (`aiexp.content.repeats.LineIds`); these
tests prove that no repeat slips through that shortcut: against a plain set on random id
sequences, and end to end on CSV and .xlsx BOMs whose repeat lies before, at and after the
chunk boundaries where the rising run ends.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from aiexp.content.repeats import LineIds
from aiexp.content.rows import CHUNK_ROWS
from aiexp.errors import BomError
from tests.content.bomfiles import calc, line, write_csv, write_xlsx


def _repeats(ids: list[str], chunk: int) -> bool:
    """What the pass finds, by LineIds, for ids read `chunk` at a time (no file re-read)."""
    seen = LineIds()
    for start in range(0, len(ids), chunk):
        seen.add(ids[start : start + chunk])
    if seen.needs_prefix:
        seen.add_prefix(ids[: seen.rising])
    return bool(seen.candidates())


def _sequence(rng: random.Random) -> list[str]:
    """Ids mostly rising (as BOMs number their lines), sometimes disturbed, sometimes repeated."""
    count = rng.randint(0, 60)
    width = rng.choice((1, 2, 4))
    ids = [f"L{n:0{width}d}" for n in range(1, count + 1)]
    roll = rng.random()
    if ids and roll < 0.3:  # one id again, anywhere
        ids.insert(rng.randint(0, len(ids)), rng.choice(ids))
    elif ids and roll < 0.5:  # two lines swapped: still unique
        i, j = rng.randrange(len(ids)), rng.randrange(len(ids))
        ids[i], ids[j] = ids[j], ids[i]
    elif roll < 0.6:
        rng.shuffle(ids)
    elif ids and roll < 0.7:  # an id from outside the run, then the run again
        ids.insert(rng.randint(0, len(ids)), "A" if rng.random() < 0.5 else "Z")
    return ids


def test_line_ids_agree_with_a_set_on_random_sequences() -> None:
    rng = random.Random(16)
    found = {True: 0, False: 0}
    for _ in range(3000):
        ids = _sequence(rng)
        chunk = rng.choice((1, 2, 3, 7, 64))
        expected = len(set(ids)) != len(ids)
        assert _repeats(ids, chunk) == expected, (ids, chunk)
        found[expected] += 1
    assert min(found.values()) > 500  # both answers were tested, often


def test_a_rising_run_keeps_no_hash() -> None:
    seen = LineIds()
    seen.add(["L1", "L2", "L3"])
    seen.add(["L4", "L5"])
    assert seen.ordered
    assert (seen.first, seen.last, seen.rising) == ("L1", "L5", 5)
    assert sum(len(bucket) for bucket in seen.buckets) == 0
    assert seen.candidates() == set()


def test_an_id_within_the_run_after_it_ends_asks_for_the_run_again() -> None:
    seen = LineIds()
    seen.add(["L1", "L2", "L3"])
    seen.add(["L9", "L8"])  # not rising: hashed; L8 and L9 lie beyond L3
    assert not seen.ordered
    assert not seen.needs_prefix
    seen.add(["L2"])  # between L1 and L3: it may repeat one of them
    assert seen.needs_prefix
    seen.add_prefix(["L1", "L2", "L3"])
    assert not seen.needs_prefix
    assert len(seen.candidates()) == 1


def test_a_chunk_starting_with_the_last_id_of_the_run_is_not_rising() -> None:
    seen = LineIds()
    seen.add(["L1", "L2"])
    seen.add(["L2", "L3"])
    assert not seen.ordered
    assert seen.needs_prefix


def _bom(count: int, extra: list[str], at: int | None = None) -> list[dict[str, str]]:
    """`count` lines L0001… (rising), with `extra` ids inserted at `at` (default: the end)."""
    ids = [f"L{n:04d}" for n in range(1, count + 1)]
    where = len(ids) if at is None else at
    ids[where:where] = extra
    return [line(line_id, "10") for line_id in ids]


# (lines L0001… before, the extra id, where it goes: None for the end). CHUNK_ROWS lines make
# a chunk of a CSV (an .xlsx sheet's chunks are smaller: other boundaries, same answer).
REPEATS = {
    "after-two-rising-chunks": (2 * CHUNK_ROWS + 100, "L0007", None),
    "first-of-second-chunk": (CHUNK_ROWS + 50, f"L{CHUNK_ROWS:04d}", CHUNK_ROWS),
    "inside-the-first-chunk": (CHUNK_ROWS + 50, "L0003", 5),
    "end-of-the-run": (3 * CHUNK_ROWS, f"L{3 * CHUNK_ROWS:04d}", None),
}


@pytest.mark.parametrize("case", sorted(REPEATS))
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_repeat_after_a_rising_run_is_found(tmp_path: Path, case: str, kind: str) -> None:
    count, extra, at = REPEATS[case]
    lines = _bom(count, [extra], at)
    ids = [str(row["line_id"]) for row in lines]
    first = ids.index(extra)
    second = ids.index(extra, first + 1)
    # The header is line (row) 1: the k-th id (from 0) is on line k + 2.
    if kind == "csv":
        bom = write_csv(tmp_path / "bom.csv", lines)
        where = f"line {second + 2}, column line_id"
        first_at = f"first at line {first + 2}"
    else:
        bom = write_xlsx(tmp_path / "bom.xlsx", lines)
        where = f"BOM!A{second + 2} (line_id)"
        first_at = f"first at row {first + 2}"
    with pytest.raises(BomError) as error:
        calc(bom)
    assert where in str(error.value)
    assert first_at in str(error.value)
    assert repr(extra) in str(error.value)


@pytest.mark.parametrize(
    "ids",
    [
        [str(n) for n in range(1, 1500)],  # rising as numbers, not as text ("10" < "9")
        [f"L{n:04d}" for n in range(1, 1500)][::-1],  # falling
        [f"L{n:04d}" for n in random.Random(3).sample(range(1, 5000), 1499)],  # shuffled
        [f"L{n:04d}" for n in range(1, 1500)] + ["A0001", "Z0001"],  # after, outside the run
    ],
    ids=["numbers", "falling", "shuffled", "outside"],
)
def test_unique_ids_in_any_order_give_the_same_figures(tmp_path: Path, ids: list[str]) -> None:
    lines = [line(line_id, str(k + 1)) for k, line_id in enumerate(ids)]
    result = calc(write_csv(tmp_path / "bom.csv", lines))
    assert result.line_count == len(ids)
    assert result.figures.total_value == sum(range(1, len(ids) + 1))
