"""The compact lists a BOM pass keeps (`aiexp.content.result`): line ids, and flagged lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aiexp.content.result import CocLines, LineIdList


def test_line_ids_read_back_as_the_list_they_were() -> None:
    ids = ["L1", "Lé2", "", "\udcff4", "L5 with spaces", "𝔏6"]
    compact = LineIdList(ids[:2])
    compact.append(ids[2])
    compact.extend(ids[3:])
    compact.extend([])
    assert len(compact) == 6
    assert list(compact) == ids
    assert compact == ids
    assert compact == tuple(ids)
    assert compact != ids[:5]
    assert compact == LineIdList(ids)
    assert compact[0] == "L1"
    assert compact[-1] == "𝔏6"
    assert compact[1:3] == ["Lé2", ""]
    assert compact[:100] == ids
    with pytest.raises(IndexError):
        compact[6]
    assert not LineIdList()
    assert LineIdList() == []


def test_flagged_lines_added_a_chunk_at_a_time_equal_those_added_one_by_one() -> None:
    def value(amount: object, combination: object) -> Decimal:
        return Decimal(str(amount)) * 2

    def cable() -> str:  # a new string object each time, as each CSV row gives
        return "".join(("Ca", "ble"))

    combination = (None, 1, False, ("Pearl River Cable Co.", "CN", "CN", False), "USD")
    batches = [
        [("L1", cable(), combination, 10), ("Lé2", cable(), combination, 2**62)],
        [("L3", "Rack", combination, Decimal("2.5")), ("L4", cable(), combination, 7)],
        [("L5", "Rack", combination, 2**64), ("\udcff6", "Fan", combination, -3)],
        [],
    ]
    one, chunked = CocLines(value), CocLines(value)
    for batch in batches:
        for entry in batch:
            one.append(*entry)
        chunked.extend(batch)
    assert list(chunked) == list(one)
    assert len(chunked) == 6
    assert chunked.line_ids() == ["L1", "Lé2", "L3", "L4", "L5", "\udcff6"]
    assert chunked[2].line_value == Decimal("5.0")
    assert chunked[4].line_value == 2 * 2**64
    descriptions = [chunked[k].description for k in range(6)]
    assert descriptions[0] is descriptions[1] is descriptions[3]  # one text, shared
