"""Numbers in text (SPEC §2): a comma only in groups of three, decimal commas on request, sane size.

The fuzz test writes random numbers the way people of several locales do — grouped by `,` `.`
space or `'`, a decimal `,` or `.`, signs, currency marks — and compares aiexp's reading with an
independent reference of the SPEC rule: aiexp gives the reference's value or refuses, never
another value. (A locale's own reading is the reference when aiexp is told that locale:
`decimal_comma` for `1.234,5`.)
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiexp.values import parse_money, parse_number, parse_percent, to_decimal

D = Decimal


@pytest.mark.parametrize("text", ["5,1", "0,4", "2,5", "1.234,56", "1,23,456", "1,2345", "12,34"])
def test_a_comma_out_of_its_groups_is_refused_with_the_hint(text: str) -> None:
    for parse in (parse_money, to_decimal, parse_percent, parse_number):
        with pytest.raises(ValueError, match="a decimal comma is not read") as caught:
            parse(text)
        assert "\n" not in str(caught.value)
    with pytest.raises(ValueError, match=r"write 5\.1"):
        parse_percent("5,1")
    with pytest.raises(ValueError, match=r"write 1234\.56"):
        parse_money("1.234,56")


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234", "1234"), ("1,234,567.89", "1234567.89"), ("12,345.5", "12345.5"), ("999", "999")],
)
def test_groups_of_three_are_thousands(text: str, value: str) -> None:
    assert parse_money(text) == D(value)
    assert to_decimal(text) == D(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.234,56", "1234.56"), ("5,1", "5.1"), ("1,500", "1.5"), ("1.500", "1500"), ("7", "7")],
)
def test_decimal_comma_reads_the_comma_as_the_point(text: str, value: str) -> None:
    assert parse_money(text, decimal_comma=True) == D(value)
    assert to_decimal(text, decimal_comma=True) == D(value)


@pytest.mark.parametrize("text", ["1.5", "1.23.456", "1,2,3"])
def test_decimal_comma_refuses_a_stray_point(text: str) -> None:
    with pytest.raises(ValueError, match="point separates thousands"):
        parse_money(text, decimal_comma=True)


def test_percent_with_decimal_comma() -> None:
    assert parse_percent("5,1%", decimal_comma=True) == D("5.1")
    assert parse_percent("51,0 %", decimal_comma=True) == 51


@pytest.mark.parametrize(
    "raw", [1e250, D("1E+16"), "1000000000000001", 10**16, "$2,000,000,000,000,000"]
)
def test_money_above_ten_to_the_fifteen_is_an_input_error(raw: object) -> None:
    with pytest.raises(ValueError, match=r"above 10\^15"):
        parse_money(raw)
    assert parse_money("1000000000000000") == 10**15


@pytest.mark.parametrize("raw", [1e199, "1e199", "1000000001", 2e9])
def test_quantity_above_ten_to_the_nine_is_an_input_error(raw: object) -> None:
    with pytest.raises(ValueError, match=r"above 10\^(9|15)"):
        parse_number(raw)
    assert parse_number("1000000000") == 10**9


@pytest.mark.parametrize("raw", ["1e-999999999", D("1E-41"), "0." + "0" * 40 + "1", 5e-324])
def test_more_than_forty_places_is_an_input_error(raw: object) -> None:
    with pytest.raises(ValueError, match="decimal places"):
        parse_percent(raw)
    assert parse_percent("0.5" + "0" * 60) == D("0.5")  # trailing zeros are not places


# -- the fuzz target: locale-style strings against a reference of the rule ------------------
_MARKS = ["", "$", "USD ", "US$", "€", "£ ", "CHF "]
_GROUPINGS = ["", ",", ".", " ", "'"]
_POINTS = [".", ","]


def _reference(text: str, decimal_comma: bool) -> Decimal | None:
    """The SPEC's reading of money text, written without regular expressions; None = refuse.

    Strip `USD`, `US$` or `$` before the number (or `USD` after it) and every space; an optional
    `-` (only -0 is money); then the point (`.`, or `,` with decimal_comma) at most once, the
    other separator only between groups of exactly three digits before the point.
    """
    text = text.strip()
    for mark in ("USD", "US$", "$"):
        if text[: len(mark)].upper() == mark:
            text = text[len(mark) :]
            break
    else:
        if text[-3:].upper() == "USD":
            text = text[:-3]
    text = text.replace(" ", "")
    negative = text.startswith("-")
    text = text.lstrip("-")
    point, group = (",", ".") if decimal_comma else (".", ",")
    whole, _, fraction = text.partition(point)
    if point in fraction or group in fraction:
        return None
    parts = whole.split(group)
    if len(parts) > 1 and (not 1 <= len(parts[0]) <= 3 or any(len(p) != 3 for p in parts[1:])):
        return None
    digits = "".join(parts)
    ascii_digits = set("0123456789")
    if not set(digits) <= ascii_digits or not set(fraction) <= ascii_digits:
        return None
    if not digits and not fraction:
        return None
    value = Decimal(f"{digits or '0'}.{fraction or '0'}")
    if negative and value:
        return None
    return value if value <= 10**15 else None


@st.composite
def _locale_number(draw: st.DrawFn) -> tuple[str, Decimal, str, str]:
    """(text, the value its writer meant, the grouping and the point they used)."""
    whole = draw(st.integers(min_value=0, max_value=10**13))
    places = draw(st.integers(min_value=0, max_value=4))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    group, point = draw(st.sampled_from(_GROUPINGS)), draw(st.sampled_from(_POINTS))
    digits = str(whole)
    if group:
        head = len(digits) % 3 or 3
        digits = group.join([digits[:head], *re.findall("...", digits[head:])])
    text = digits + (point + str(fraction).zfill(places) if places else "")
    sign = draw(st.sampled_from(["", "", "-", "+"]))
    mark = draw(st.sampled_from(_MARKS))
    meant = Decimal(f"{whole}.{str(fraction).zfill(places) if places else '0'}")
    return f"{mark}{sign}{text}", -meant if sign == "-" else meant, group, point


@settings(max_examples=400, deadline=None)
@given(_locale_number(), st.booleans())
def test_money_reading_is_the_reference_or_a_refusal(
    case: tuple[str, Decimal, str, str], decimal_comma: bool
) -> None:
    text, meant, group, point = case
    expected = _reference(text, decimal_comma)
    try:
        got = parse_money(text, decimal_comma=decimal_comma)
    except ValueError:
        return  # refusing is always allowed; reading something else is not
    assert got == expected, (text, decimal_comma)
    # Written in the locale that aiexp was told, a number means what its writer meant.
    own_point = "," if decimal_comma else "."
    if point == own_point and group in ("", " ", "." if decimal_comma else ",") and got:
        assert got == meant, (text, decimal_comma)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789,. '-+$%eE", max_size=14), st.booleans())
def test_any_digits_and_separators_read_as_the_reference_or_refused(
    text: str, decimal_comma: bool
) -> None:
    try:
        got = parse_money(text, decimal_comma=decimal_comma)
    except ValueError:
        return
    assert got == _reference(text, decimal_comma), (text, decimal_comma)
