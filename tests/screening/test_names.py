"""Name normalisation: property tests (any text) and the folding rules one by one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiexp.screening.names import fold, fold_many, name_score, normalise

NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=8))
def test_folding_a_block_is_folding_each_name(texts: list[str]) -> None:
    assert fold_many(texts) == [fold_many([text])[0] for text in texts]


@settings(max_examples=300, deadline=None)
@given(NAMES, NAMES)
def test_any_two_names_score_between_0_and_100(a: str, b: str) -> None:
    first, second = normalise(a), normalise(b)
    score = name_score(first, second)
    assert 0 <= score <= 100
    if first.full:
        assert name_score(first, first) == 100


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("S.A.R.L. Zyphrax", "sarl zyphrax"),
        ("U.S.A. Zyphrax", "usa zyphrax"),
        ("Zyphrax Co.,Ltd.", "zyphrax co ltd"),
        ("Société Générale", "societe generale"),
        ("Straße München", "strasse munchen"),
        ("Wisła Cyfrowa sp. z o.o.", "wisla cyfrowa sp z oo"),
        ("A&B Int'l", "a and b intl"),
        ("ОАО Газпром", "оао газпром"),
        ("  Acme\n\tZyphrax  ", "acme zyphrax"),
    ],
)
def test_folding(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("Zyphrax Quorvane Co., Ltd.", "zyphrax quorvane"),
        ("Zyphrax Quorvane Sp. z o.o.", "zyphrax quorvane"),
        ("Zyphrax Quorvane S.A. de C.V.", "zyphrax quorvane"),
        ("OOO Zyphrax", "zyphrax"),
        ("The Zyphrax Company", "zyphrax"),
        ("Zyphrax Intl. Tech. Labs", "zyphrax international technology laboratory"),
        ("Inc.", "inc"),  # a legal form alone stays: the name is not emptied
    ],
)
def test_legal_forms_and_abbreviations(name: str, full: str) -> None:
    assert normalise(name).full == full


def test_distinctive_words_leave_out_generic_ones() -> None:
    assert normalise("Beijing Zyphrax Global Technology Group").tokens == ("zyphrax",)
    assert normalise("Global Technologies International").generic
