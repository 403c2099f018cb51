"""The value rules of SPEC §2, each with the inputs it accepts and the ones it refuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiexp.values import (
    country_name,
    is_blank,
    normalise_header,
    normalise_name,
    parse_country,
    parse_date,
    parse_layer,
    parse_layers,
    parse_list,
    parse_money,
    parse_percent,
    parse_text,
    parse_yes_no,
    to_decimal,
)


# -- yes/no ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw", ["yes", "Yes ", "Y", "true", "TRUE", "1", "x", "X", "✓", 1, 1.0, True]
)
def test_yes_no_accepts_yes(raw: object) -> None:
    assert parse_yes_no(raw) is True


@pytest.mark.parametrize("raw", ["no", "N", "false", "0", 0, 0.0, False])
def test_yes_no_accepts_no(raw: object) -> None:
    assert parse_yes_no(raw) is False


@pytest.mark.parametrize("raw", ["maybe", "nope", 2, "", "#N/A"])
def test_yes_no_refuses_anything_else(raw: object) -> None:
    with pytest.raises(ValueError, match=r"yes or no|spreadsheet error"):
        parse_yes_no(raw)


# -- money ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234.56", "1234.56"),
        ("$1,234.56", "1234.56"),
        ("USD 1,234.56", "1234.56"),
        ("usd 5", "5"),
        ("1234.56 USD", "1234.56"),
        ("  7 ", "7"),
        (".5", "0.5"),
        ("5.", "5"),
        ("0", "0"),
        (1234, "1234"),
        (Decimal("0.10"), "0.10"),
    ],
)
def test_money_accepts_amounts(raw: object, expected: str) -> None:
    assert parse_money(raw) == Decimal(expected)


def test_money_float_cell_goes_through_its_shortest_repr() -> None:
    # 0.1 is 0.1000000000000000055… in binary; the cell shows 0.1 and that is the amount.
    assert parse_money(0.1) == Decimal("0.1")
    assert str(parse_money(1234.56)) == "1234.56"
    assert parse_money(0.1) + parse_money(0.2) == Decimal("0.3")


@pytest.mark.parametrize("raw", [-1, -0.01, "-1", "-$5", "$-5", Decimal("-3")])
def test_money_refuses_negative(raw: object) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        parse_money(raw)


@pytest.mark.parametrize(
    "raw",
    [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("Infinity"), "nan", "inf"],
)
def test_money_refuses_nan_and_infinity(raw: object) -> None:
    with pytest.raises(ValueError, match="amount of money"):
        parse_money(raw)


@pytest.mark.parametrize("raw", ["garbage", "1,23", "12,34,567", "€5", "1e3", "", True, "#REF!"])
def test_money_refuses_garbage(raw: object) -> None:
    with pytest.raises(ValueError, match=r"amount of money|spreadsheet error"):
        parse_money(raw)


def test_to_decimal_is_exact() -> None:
    assert to_decimal("1,000.5") == Decimal("1000.5")
    assert to_decimal(2.675) == Decimal("2.675")
    with pytest.raises(ValueError, match="a number"):
        to_decimal("twelve")
    with pytest.raises(ValueError, match="finite"):
        to_decimal(float("nan"))


# -- percent --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "number_format", "expected"),
    [
        ("51%", None, "51"),
        ("51 %", None, "51"),
        ("51.5%", None, "51.5"),
        ("51%", "0%", "51"),
        (0.51, "0%", "51"),
        (0.51, "0.00%", "51"),
        (0.123456, "0.00%", "12.3456"),
        (1, "0%", "100"),
        (0.51, None, "0.51"),
        (0.51, "General", "0.51"),
        ("0.51", None, "0.51"),
        (51, None, "51"),
        (0, None, "0"),
        (100, None, "100"),
    ],
)
def test_percent_accepts(raw: object, number_format: str | None, expected: str) -> None:
    parsed = parse_percent(raw, number_format)
    assert parsed == Decimal(expected)
    assert str(parsed) == expected


@pytest.mark.parametrize(
    ("raw", "number_format"), [(101, None), (-1, None), ("150%", None), (1.5, "0%"), ("-5%", None)]
)
def test_percent_refuses_out_of_range(raw: object, number_format: str | None) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        parse_percent(raw, number_format)


@pytest.mark.parametrize("raw", ["abc", "%", True, float("nan"), "#DIV/0!"])
def test_percent_refuses_non_numbers(raw: object) -> None:
    with pytest.raises(ValueError, match=r"percentage|spreadsheet error"):
        parse_percent(raw)


# -- countries ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("US", "US"),
        ("us", "US"),
        ("USA", "US"),
        ("usa", "US"),
        ("U.S.", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("GB", "GB"),
        ("United Kingdom", "GB"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("Republic of Korea", "KR"),
        ("North Korea", "KP"),
        ("Hong Kong", "HK"),
        ("Macao", "MO"),
        ("Macau", "MO"),
        ("Taiwan", "TW"),
        ("Taiwan, Province of China", "TW"),
        ("China", "CN"),
        ("Russian Federation", "RU"),
        ("Russia", "RU"),
        ("Iran, Islamic Republic of", "IR"),
        ("Viet Nam", "VN"),
        ("deu", "DE"),
        ("Germany", "DE"),
        ("Türkiye", "TR"),
        (" Japan ", "JP"),
        ("Hong Kong SAR, China", "HK"),
        ("Macao SAR, China", "MO"),
        ("Korea (South)", "KR"),
        ("Korea, Rep.", "KR"),
        ("Iran, Islamic Rep.", "IR"),
        ("Venezuela, RB", "VE"),
    ],
)
def test_country_accepts_codes_and_names(raw: str, code: str) -> None:
    assert parse_country(raw) == code


@pytest.mark.parametrize("raw", ["Neverland", "the United States", "", "XX", 1, "#N/A"])
def test_country_refuses_unknown(raw: object) -> None:
    with pytest.raises(ValueError, match=r"not a country|spreadsheet error"):
        parse_country(raw)


@pytest.mark.parametrize(
    ("code", "name"),
    [("US", "United States"), ("KR", "South Korea"), ("TW", "Taiwan"), ("DE", "Germany")],
)
def test_country_name_is_the_common_name(code: str, name: str) -> None:
    assert country_name(code) == name
    assert parse_country(name) == code


# -- lists ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "items"),
    [
        ("a, b; c\nd", ["a", "b", "c", "d"]),
        ("a;\r\nb", ["a", "b"]),
        ("a,,b", ["a", "b"]),
        ("one item", ["one item"]),
        (5, ["5"]),
        (5.0, ["5"]),
        (" ", []),
    ],
)
def test_list_splits_on_commas_semicolons_and_line_breaks(raw: object, items: list[str]) -> None:
    assert parse_list(raw) == items


# -- layers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "layer"),
    [(1, 1), (1.0, 1), ("1", 1), ("L1", 1), ("l3", 3), ("Layer 1", 1), ("layer 5", 5), ("L 2", 2)],
)
def test_layer_accepts(raw: object, layer: int) -> None:
    assert parse_layer(raw) == layer


@pytest.mark.parametrize("raw", [6, 0, -1, 1.5, True, "x", "6", "L6", "Layer 0", ""])
def test_layer_refuses(raw: object) -> None:
    with pytest.raises(ValueError, match="layer 1 to 5"):
        parse_layer(raw)


@pytest.mark.parametrize(
    ("raw", "layers"),
    [("1, 3", [1, 3]), ("L1; L5", [1, 5]), ("3,1,1", [1, 3]), ("1\n2", [1, 2]), (2, [2])],
)
def test_layers_accepts_lists(raw: object, layers: list[int]) -> None:
    assert parse_layers(raw) == layers


@pytest.mark.parametrize("raw", ["1 3", "1-3", "1, 6", ",", "x"])
def test_layers_refuses(raw: object) -> None:
    with pytest.raises(ValueError, match="layer"):
        parse_layers(raw)


# -- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "date"),
    [
        (dt.date(2026, 5, 1), dt.date(2026, 5, 1)),
        # A time, when given, is kept (SPEC §2; the filing window is checked to the minute).
        (dt.datetime(2026, 5, 1, 12, 30), dt.datetime(2026, 5, 1, 12, 30)),
        # A spreadsheet stores a plain date as a datetime at midnight: it stays a date.
        (dt.datetime(2026, 5, 1), dt.date(2026, 5, 1)),
        ("2026-05-01", dt.date(2026, 5, 1)),
        (" 2026-05-01 ", dt.date(2026, 5, 1)),
        ("2026-05-01T10:00", dt.datetime(2026, 5, 1, 10, 0)),
        ("2026-06-30 17:30", dt.datetime(2026, 6, 30, 17, 30)),
    ],
)
def test_date_accepts(raw: object, date: dt.date) -> None:
    parsed = parse_date(raw)
    assert parsed == date
    assert type(parsed) is type(date)


@pytest.mark.parametrize("raw", ["bad", "01/05/2026", "2026-13-01", "2026-5-1", 45000, "#VALUE!"])
def test_date_refuses(raw: object) -> None:
    with pytest.raises(ValueError, match=r"YYYY-MM-DD|spreadsheet error"):
        parse_date(raw)


# -- text, headers and names ----------------------------------------------------------------------
def test_text_shows_cells_as_written() -> None:
    assert parse_text(12.0) == "12"
    assert parse_text(12.5) == "12.5"
    assert parse_text(dt.datetime(2026, 5, 1)) == "2026-05-01"
    assert parse_text(True) == "yes"
    with pytest.raises(ValueError, match="spreadsheet error #NAME\\?"):
        parse_text("#NAME?")


def test_headers_and_names_normalise() -> None:
    assert normalise_header(" Country of incorporation ") == "country_of_incorporation"
    assert normalise_header("U.S. content %") == "u_s_content"
    assert normalise_name("  Acme   Corp ") == normalise_name("acme corp")
    assert is_blank("  ")
    assert is_blank(None)
    assert not is_blank(0)


# -- no crash on any cell value -------------------------------------------------------------------
CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
)
PARSERS = (
    parse_yes_no,
    parse_money,
    parse_percent,
    parse_country,
    parse_list,
    parse_layer,
    parse_layers,
    parse_date,
    parse_text,
)


@given(CELLS)
def test_every_parser_returns_or_raises_value_error(raw: object) -> None:
    for parser in PARSERS:
        try:
            parser(raw)
        except ValueError:
            pass


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_money_text_round_trips_exactly(amount: Decimal) -> None:
    assert parse_money(f"${amount:,}") == amount
    assert parse_money(f"USD {amount}") == amount


def test_the_code_and_state_tables_are_pycountrys() -> None:
    import pycountry

    from aiexp.values import ALPHA_2, US_STATES

    assert {c.alpha_2 for c in pycountry.countries} == ALPHA_2
    states = pycountry.subdivisions.get(country_code="US")
    assert {
        s.code.split("-", 1)[1]: s.name for s in states if s.type in ("State", "District")
    } == US_STATES


@pytest.mark.parametrize("code", ["us", "De", "cn", " jp ", "XK", "ZZ", "usa", "Germany", "840"])
def test_codes_read_without_pycountry_as_pycountry_reads_them(code: str) -> None:
    import pycountry

    from aiexp.values import _lookup_country

    try:
        expected: str | None = pycountry.countries.lookup(code.strip()).alpha_2
    except LookupError:
        expected = None
    aliases = {"us": "US", "usa": "US"}
    assert _lookup_country.__wrapped__(code) == aliases.get(code.strip().casefold(), expected)


def test_states_by_code_and_name() -> None:
    from aiexp.values import us_state_name

    assert us_state_name("DE") == us_state_name(" us-de ") == "Delaware"
    assert us_state_name("state of new york") == "New York"
    assert us_state_name("District of Columbia") == "District of Columbia"
    assert us_state_name("PR") is None  # a territory is not a State
    assert us_state_name("Bavaria") is None


def test_a_csv_bom_of_codes_loads_no_pycountry(tmp_path: Path) -> None:
    import subprocess
    import sys

    bom = tmp_path / "bom.csv"
    bom.write_text(
        "line_id,description,supplier,supplier_country,origin_country,unit_value\n"
        "A,x,Acme,US,de,10\nB,y,Rhein,DE,CN,20\n",
        encoding="utf-8",
    )
    code = (
        "import sys; from aiexp.content import calculate, content_calc_inputs;"
        "from aiexp.profile import load_profile;"
        f"s, b = content_calc_inputs(__import__('pathlib').Path({str(bom)!r}));"
        "calculate(s, b, profile=load_profile(None));"
        "print('pycountry' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
