"""Value rules shared by the workbook and the BOM (SPEC §2 "Value rules").

Every parser takes a raw cell value (what openpyxl or the CSV reader gives: str, int, float,
Decimal, bool, date, datetime or None) and returns the parsed value, or raises `ValueError`
with a message that says what was expected. Blank cells are handled by the caller.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

YES = frozenset({"yes", "y", "true", "1", "x", "✓", "✔"})
NO = frozenset({"no", "n", "false", "0"})

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
_LIST_SPLIT = re.compile(r"[,;\n\r]+")
_CURRENCY_MARK = re.compile(r"^(?:USD|US\$|\$)\s*|\s*USD$|(?<=-)\s*\$", re.IGNORECASE)
_CURRENCY_CODE = re.compile(r"[A-Z]{3}").fullmatch
_LAYER_TEXT = re.compile(r"^(?:layer|l)?\s*([0-9]+)$")
_ERROR_VALUES = frozenset(
    {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"}
)


def normalise_header(text: object) -> str:
    """Lower case, every run of non-letters/digits to `_`, no leading/trailing `_` (SPEC §2)."""
    return _NON_ALNUM.sub("_", str(text).strip().lower()).strip("_")


def normalise_name(text: str) -> str:
    """Entity names compared ignoring case and runs of spaces (SPEC §2 Providers)."""
    return _SPACES.sub(" ", text.strip()).casefold()


def is_blank(value: object) -> bool:
    """A cell with nothing in it: None, or text that is only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def _check_error_value(value: object) -> None:
    if isinstance(value, str) and value.strip().upper() in _ERROR_VALUES:
        raise ValueError(f"the cell holds the spreadsheet error {value.strip()}; fix the formula")


def parse_text(value: object) -> str:
    """Any cell as text: numbers without a trailing `.0`, dates in ISO form."""
    _check_error_value(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_yes_no(value: object) -> bool:
    """`yes y true 1 x ✓` → True; `no n false 0` → False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal) and value.is_nan():
        raise ValueError(f"expected yes or no, got {_show(value)}")
    if isinstance(value, int | float | Decimal) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(f"expected yes or no, got {_show(value)}")


def to_decimal(value: object, decimal_comma: bool = False) -> Decimal:
    """An exact Decimal from a number cell or numeric text; floats through their shortest repr.

    In text, a comma separates thousands only in groups of three (`1,234,567.89`); any other
    comma (`5,1`, `1.234,56`) is refused, never guessed. `decimal_comma` swaps the roles of comma
    and point (`1.234,56` → 1234.56) for a file that says so. Numbers above 10^15 or with more
    than 40 decimal places are refused: no figure in a proposal needs them.
    """
    return _number(value, "expected a number", decimal_comma)


def parse_number(value: object, decimal_comma: bool = False) -> Decimal:
    """A positive number up to 10^9, such as a quantity or an exchange rate."""
    number = to_decimal(value, decimal_comma)
    if number <= 0:
        raise ValueError(f"expected a positive number, got {_show(value)}")
    if number > MAX_NUMBER:
        raise ValueError(
            f"{_show(value)} is above 10^9 (1,000,000,000); check the figure (a quantity or a "
            "rate is never that large)"
        )
    return number


def parse_money(value: object, decimal_comma: bool = False) -> Decimal:
    """Money: a number cell or text like `1,234.56`, `$1,234.56`, `USD 1,234.56`; never negative.

    Up to 10^15 (a larger amount is a typing slip, or a file made to break the tool).
    """
    expected = "expected an amount of money such as 1,234.56"
    if isinstance(value, str):
        _check_error_value(value)
        text = _CURRENCY_MARK.sub("", value.strip()).replace(" ", "")
        negative = text.startswith("-")
        digits = _unsigned(text.lstrip("-"), value, expected, decimal_comma)
        number = Decimal(digits)
        if negative and number:
            raise ValueError(f"an amount of money cannot be negative, got {_show(value)}")
        _check_size(number, value)
    else:
        number = _number(value, expected, decimal_comma)  # its size checked there
        if number < 0:
            raise ValueError(f"an amount of money cannot be negative, got {_show(value)}")
    return number


def parse_percent(
    value: object, number_format: str | None = None, decimal_comma: bool = False
) -> Decimal:
    """Percent points 0–100: `51%` → 51; a `%`-formatted number cell 0.51 → 51; bare 0.51 → 0.51."""
    expected = "expected a percentage such as 51%"
    if isinstance(value, str):
        _check_error_value(value)
        text = value.strip()
        # A text cell is shown as written, whatever its number format: "0.51" is 0.51 points.
        number = _number(text.rstrip("%").strip(), expected, decimal_comma, shown=value)
    else:
        number = _number(value, expected, decimal_comma)
        if percent_format(number_format):
            number = number.scaleb(2)
    if number < 0 or number > 100:
        raise ValueError(f"a percentage must be between 0 and 100, got {_show(value)}")
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return number


@lru_cache(maxsize=1024)
def percent_format(number_format: str | None) -> bool:
    """Whether Excel shows a number under this format ×100: a `%` format character in the
    section for positive numbers (the first), not a literal one.

    A `%` in quotes (`0.0" %"`), escaped (`0\\%`), after `_` or `*` (a space or fill the width
    of the next character), or inside brackets (`[$%-409]`) is text, shown as it is: 0.6 under
    `0.0" %"` shows "0.6 %" and is 0.6 points, not 60.
    """
    if not number_format:
        return False
    k, size = 0, len(number_format)
    while k < size:
        char = number_format[k]
        if char == ";":
            return False
        if char == "%":
            return True
        if char == '"':
            end = number_format.find('"', k + 1)
            k = size if end < 0 else end + 1
        elif char == "[":
            end = number_format.find("]", k + 1)
            k = size if end < 0 else end + 1
        elif char in "\\_*":
            k += 2
        else:
            k += 1
    return False


def decimal_comma_hint(text: str, decimal_comma: bool = False) -> str:
    """Why a number with a misplaced comma (or, with `decimal_comma`, point) is refused."""
    if decimal_comma:
        return (
            "commas are read as decimal points here, so a point separates thousands only in "
            "groups of three (1.234.567,89)"
        )
    european = _EUROPEAN(text)
    example = text.replace(".", "").replace(",", ".") if european else "5.1"
    return (
        "a decimal comma is not read (a comma separates thousands only in groups of three, as "
        f"in 1,234,567.89); write {example}"
    )


# -- what the number parsers share ---------------------------------------------------------------
#: Money above this is refused (USD or any currency): a typing slip, not a figure.
MAX_MONEY = Decimal(10) ** 15
#: Quantities and exchange rates above this are refused.
MAX_NUMBER = Decimal(10) ** 9
#: Numbers with more decimal places than this (trailing zeros aside) are refused.
MAX_PLACES = 40
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+").fullmatch
_GROUPED_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?").fullmatch
_EXPONENT = re.compile(r"(.*?)([eE][+-]?[0-9]+)").fullmatch
# Digits and separators with a comma (in the text as written): a misplaced decimal comma.
_SEPARATED = re.compile(r"[0-9.,]*,[0-9.,]*").fullmatch
_SEPARATORS = re.compile(r"[0-9.,]*[.,][0-9.,]*").fullmatch
_EUROPEAN = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*,[0-9]+|[0-9]+,[0-9]+").fullmatch
_SWAP = str.maketrans(",.", ".,")


def _unsigned(text: str, value: object, expected: str, decimal_comma: bool) -> str:
    """The digits of an unsigned number written with optional grouping, as Decimal reads them.

    Raises ValueError(`expected`) for anything else, with the decimal-comma hint when the text
    is digits and separators with a comma out of place.
    """
    read = text.translate(_SWAP) if decimal_comma else text
    if _PLAIN_NUMBER(read):
        return read
    if _GROUPED_NUMBER(read):
        return read.replace(",", "")
    if (_SEPARATORS if decimal_comma else _SEPARATED)(text):
        raise ValueError(
            f"{expected}, got {_show(value)}: {decimal_comma_hint(text, decimal_comma)}"
        )
    raise ValueError(f"{expected}, got {_show(value)}")


def _number(
    value: object,
    expected: str,
    decimal_comma: bool,
    *,
    shown: object | None = None,
) -> Decimal:
    """A finite, exact Decimal of sane size from a number cell or text (signs, `e` exponents)."""
    shown = value if shown is None else shown
    _check_error_value(value)
    if isinstance(value, bool):
        raise ValueError(f"{expected}, got {_show(shown)}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        sign = ""
        if text[:1] in ("+", "-"):
            sign, text = text[0], text[1:]
        power = ""
        split = _EXPONENT(text)
        if split is not None:
            text, power = split.group(1), split.group(2)
        number = Decimal(sign + _unsigned(text, shown, expected, decimal_comma) + power)
    else:
        raise ValueError(f"{expected}, got {_show(shown)}")
    if not number.is_finite():
        raise ValueError(f"{expected}, got {_show(shown)} (not a finite number)")
    _check_size(number, shown)
    return number


def _check_size(number: Decimal, shown: object) -> None:
    """Refuse a number above 10^15 or with more than MAX_PLACES decimal places."""
    if abs(number) > MAX_MONEY:
        raise ValueError(f"{_show(shown)} is above 10^15 (1,000,000,000,000,000); check the figure")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        digits = number.as_tuple().digits
        zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        if exponent + zeros < -MAX_PLACES:
            raise ValueError(f"{_show(shown)} has more than {MAX_PLACES} decimal places; round it")


def parse_date(value: object) -> dt.date:
    """A date cell, or ISO text `YYYY-MM-DD`; a time, when given, is kept (SPEC §2 dates).

    A datetime cell or ISO text with a time (`2026-06-30 16:30`) gives a `datetime`, naive unless
    the text gives an offset (the filing-window rule reads a naive time in the profile's time
    zone); a date, or a datetime cell at midnight — how a spreadsheet stores a plain date — gives
    a `date`.
    """
    _check_error_value(value)
    if isinstance(value, dt.datetime):
        return value if _has_time(value) else value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"expected a date as YYYY-MM-DD (or YYYY-MM-DD HH:MM), got {_show(value)}"
        ) from None
    return moment if _has_time(moment) or moment.tzinfo else moment.date()


def _has_time(moment: dt.datetime) -> bool:
    return moment.time() != dt.time()


def parse_list(value: object) -> list[str]:
    """A list separated by commas, semicolons or line breaks; blanks dropped."""
    return [item.strip() for item in _LIST_SPLIT.split(parse_text(value)) if item.strip()]


def parse_layer(value: object) -> int:
    """A layer 1–5: `1`, `L1`, `Layer 1`."""
    if isinstance(value, bool):
        raise ValueError(f"expected a layer 1 to 5, got {_show(value)}")
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite() or number != number.to_integral_value() or not 1 <= number <= 5:
            raise ValueError(f"expected a layer 1 to 5, got {_show(value)}")
        return int(number)
    match = _LAYER_TEXT.match(str(value).strip().casefold())
    if match is None or not 1 <= int(match.group(1)) <= 5:
        raise ValueError(f"expected a layer 1 to 5 (1, L1 or Layer 1), got {_show(value)}")
    return int(match.group(1))


def parse_layers(value: object) -> list[int]:
    """A list of layers in one cell: `1, 3`, `L1; L5`; sorted, without repeats."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return [parse_layer(value)]
    items = parse_list(value)
    if not items:
        raise ValueError("expected one or more layers 1 to 5")
    return sorted({parse_layer(item) for item in items})


def parse_currency(value: object) -> str:
    """An ISO 4217 currency code such as USD or EUR (upper case)."""
    text = parse_text(value).upper()
    if not _CURRENCY_CODE(text):
        raise ValueError(f"expected a three-letter currency code such as EUR, got {text!r}")
    return text


def parse_choice(value: object, choices: Iterable[str]) -> str:
    """One of a column's choices, matched ignoring case, spaces, `_` and `-`."""
    choices = tuple(choices)
    wanted = normalise_header(parse_text(value))
    for choice in choices:
        if normalise_header(choice) == wanted:
            return choice
    raise ValueError(f"expected one of {', '.join(choices)}; got {parse_text(value)!r}")


# Names that people write for countries and that pycountry's lookup does not know.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US",
    "u.s.": "US",
    "u.s": "US",
    "usa": "US",
    "u.s.a.": "US",
    "u.s.a": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "south korea": "KR",
    "republic of korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "korea, north": "KP",
    "korea, south": "KR",
    "macau": "MO",
    "macao sar": "MO",
    "hong kong sar": "HK",
    "taiwan": "TW",
    "russia": "RU",
    "iran": "IR",
    "vietnam": "VN",
    "laos": "LA",
    "syria": "SY",
    "czech republic": "CZ",
    "turkey": "TR",
    "ivory coast": "CI",
    "uae": "AE",
    "u.a.e.": "AE",
    "prc": "CN",
    "mainland china": "CN",
    "people's republic of china": "CN",
    "venezuela": "VE",
    "bolivia": "BO",
    "tanzania": "TZ",
    "moldova": "MD",
    "holland": "NL",
    "the netherlands": "NL",
    "burma": "MM",
    "cape verde": "CV",
    "swaziland": "SZ",
    "east timor": "TL",
    "vatican": "VA",
    "palestine": "PS",
    "brunei": "BN",
    "micronesia": "FM",
    # World Bank / ERP export spellings.
    "hong kong sar, china": "HK",
    "hong kong, china": "HK",
    "hong kong (china)": "HK",
    "macao sar, china": "MO",
    "macau sar, china": "MO",
    "macao, china": "MO",
    "macau, china": "MO",
    "korea (south)": "KR",
    "korea (north)": "KP",
    "korea, rep.": "KR",
    "korea, dem. people's rep.": "KP",
    "iran, islamic rep.": "IR",
    "venezuela, rb": "VE",
    "egypt, arab rep.": "EG",
    "russia (russian federation)": "RU",
}


@lru_cache(maxsize=4096)
def _lookup_country(text: str) -> str | None:
    key = text.strip().casefold()
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    if len(key) == 2 and key.isascii() and key.upper() in ALPHA_2:
        return key.upper()  # what pycountry's lookup gives a code, without loading it
    import pycountry

    try:
        return str(pycountry.countries.lookup(text.strip()).alpha_2)
    except LookupError:
        pass
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        if common and common.casefold() == key:
            return str(country.alpha_2)
    return None


def parse_country(value: object) -> str:
    """A country as ISO alpha-2: codes, official and common names, `USA`, `UK`, `Taiwan`…"""
    text = parse_text(value)
    code = _lookup_country(text) if text else None
    if code is None:
        raise ValueError(
            f"{_show(value)} is not a country: use an ISO code (US, GB, DE) or an English name"
        )
    return code


def us_state_name(text: str) -> str | None:
    """A State of the United States (or the District of Columbia) by name or postal code
    (`Delaware`, `DE`, `US-DE`), as its name; None for anything else (a territory included).

    II.2: "organized under the laws of the United States or a State thereof".
    """
    key = text.strip().casefold().removeprefix("us-").removeprefix("state of ")
    return _US_STATES.get(key)


# The 50 States and the District of Columbia: ISO 3166-2:US codes and names, as pycountry has
# them (tests/test_values.py compares them), so that reading a State does not load pycountry's
# database of every country's subdivisions.
_STATES = (
    "AK:Alaska|AL:Alabama|AR:Arkansas|AZ:Arizona|CA:California|CO:Colorado|CT:Connecticut|"
    "DC:District of Columbia|DE:Delaware|FL:Florida|GA:Georgia|HI:Hawaii|IA:Iowa|ID:Idaho|"
    "IL:Illinois|IN:Indiana|KS:Kansas|KY:Kentucky|LA:Louisiana|MA:Massachusetts|MD:Maryland|"
    "ME:Maine|MI:Michigan|MN:Minnesota|MO:Missouri|MS:Mississippi|MT:Montana|NC:North Carolina|"
    "ND:North Dakota|NE:Nebraska|NH:New Hampshire|NJ:New Jersey|NM:New Mexico|NV:Nevada|"
    "NY:New York|OH:Ohio|OK:Oklahoma|OR:Oregon|PA:Pennsylvania|RI:Rhode Island|"
    "SC:South Carolina|SD:South Dakota|TN:Tennessee|TX:Texas|UT:Utah|VA:Virginia|VT:Vermont|"
    "WA:Washington|WI:Wisconsin|WV:West Virginia|WY:Wyoming"
)
US_STATES = {entry[:2]: entry[3:] for entry in _STATES.split("|")}
_US_STATES = {
    **{code.casefold(): name for code, name in US_STATES.items()},
    **{name.casefold(): name for name in US_STATES.values()},
}
#: ISO 3166-1 alpha-2 codes, as pycountry has them (tests/test_values.py compares them): a cell
#: holding a code is read without loading pycountry; names still go to pycountry.
ALPHA_2 = frozenset(
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR "
    "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ "
    "EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW "
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY "
    "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV "
    "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG "
    "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM "
    "ZW".split()
)


def country_name(code: str) -> str:
    """The common English name of an alpha-2 country code (`KR` → `South Korea`)."""
    import pycountry

    special = {
        "US": "United States",
        "GB": "United Kingdom",
        "KR": "South Korea",
        "KP": "North Korea",
        "TW": "Taiwan",
        "RU": "Russia",
        "IR": "Iran",
        "VE": "Venezuela",
        "MO": "Macau",
        "CN": "China",
        "HK": "Hong Kong",
        "VN": "Vietnam",
    }
    if code in special:
        return special[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def _show(value: object) -> str:
    # Control characters (a line break inside a cell) are shown escaped: a message is one line.
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))
    text = repr(value) if not isinstance(value, str) else f"'{shown}'"
    return text if len(text) <= 60 else text[:57] + "…'"


def number_text(value: Decimal) -> str:
    """A profile figure as people write it: `51`, `0.5` (no exponent, no trailing zeros)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
