"""`--json` documents are written in pieces, and the pieces are exactly what `json.dumps` writes.

`aiexp.cli.common.json_pieces` lets json's C encoder write the plain parts of a document (a
content report's long lists of line ids, a finding's location) with the indentation given as
its separator; json itself writes any indented document in Python. Random documents — nested
objects and lists, text with quotes, escapes and non-ASCII, numbers, booleans, nulls, empty
containers, keys that are not text — must come out byte for byte as `json.dumps(…, indent=2,
ensure_ascii=False)` writes them.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from aiexp.cli.common import json_pieces

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(['"', "\\", "\n", "é", "\u2028", "\x00", "L0001"]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=6), children, max_size=5),
        st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none()), children, max_size=3),
    ),
    max_leaves=30,
)


def _same(document: Any) -> None:
    assert "".join(json_pieces(document)) == json.dumps(document, indent=2, ensure_ascii=False)


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS)
def test_pieces_are_what_json_writes(document: Any) -> None:
    _same(document)


class Severity(StrEnum):
    """A text enum, as the findings hold."""

    ERROR = "error"


def test_a_report_with_long_lists_and_enums() -> None:
    _same(
        {
            "total_value": "1.00",
            "undeclared_lines": [f"L{i:07d}" for i in range(10_000)],
            "mixed": [*range(5000), {"a": [1, None]}, *("x" * 5000)],
            "coc_lines": [],
            "findings": [
                {"severity": Severity.ERROR, "location": {"sheet": "BOM", "row": 7}, "n": 1.5},
                {"severity": "warning", "location": {}, "tags": ["a", "b"]},
            ],
            "rates": {"EUR": "1.0832"},
            "meets_threshold": False,
        }
    )


def test_a_compact_list_of_line_ids_is_written_as_the_list() -> None:
    from aiexp.content.result import LineIdList

    ids = [f"L{n:06d}" for n in range(10_000)] + ['é"\\', ""]
    document = {"coc_lines": LineIdList(ids), "empty": LineIdList(), "n": 1}
    expected = {"coc_lines": ids, "empty": [], "n": 1}
    assert "".join(json_pieces(document)) == json.dumps(expected, indent=2, ensure_ascii=False)
