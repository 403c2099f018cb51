"""Number formats and Excel dates give what openpyxl gives (the reader's figures must not move)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles import numbers
from openpyxl.utils import datetime as xl_datetime

from aiexp.workbook.numfmt import (
    BUILTIN_FORMATS,
    MAC_EPOCH,
    WINDOWS_EPOCH,
    cast_number,
    format_kind,
    from_excel,
    from_iso8601,
)

FORMATS = [
    *numbers.BUILTIN_FORMATS.values(),
    "yyyy-mm-dd",
    "dd/mm/yyyy hh:mm",
    '"Date:" yyyy',
    '"days" 0',
    "[Red]0.00",
    "[$-409]mmmm d, yyyy",
    "[h]:mm",
    "[mm]:ss",
    "[ss].00",
    "0.0%",
    "#,##0.00 [$€-1]",
    '_("$"* #,##0_)',
    "\\d0",
    "General;[Red]-General",
    "0;d",
    "",
]


def test_builtin_formats_are_openpyxls() -> None:
    assert numbers.BUILTIN_FORMATS == BUILTIN_FORMATS


@pytest.mark.parametrize("code", FORMATS)
def test_format_kind_is_openpyxls(code: str) -> None:
    expected = (
        "timedelta"
        if numbers.is_date_format(code) and numbers.is_timedelta_format(code)
        else "date"
        if numbers.is_date_format(code)
        else "number"
    )
    assert format_kind(code) == expected


@given(st.floats(min_value=-1000, max_value=3_000_000, allow_nan=False))
def test_serials_are_openpyxls(value: float) -> None:
    for epoch in (WINDOWS_EPOCH, MAC_EPOCH):
        for duration in (False, True):
            try:
                expected = xl_datetime.from_excel(value, epoch, timedelta=duration)
            except (OverflowError, ValueError) as exc:
                with pytest.raises(type(exc)):
                    from_excel(value, epoch, timedelta=duration)
                continue
            assert from_excel(value, epoch, timedelta=duration) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-05-01", "2026-05-01T16:30:00", "2026-05-01T16:30:00.125Z", "16:30", "PT1H30M", "PT5.5S"],
)
def test_iso_dates_are_openpyxls(text: str) -> None:
    assert from_iso8601(text) == xl_datetime.from_ISO8601(text)


def test_bad_iso_date_raises() -> None:
    with pytest.raises(ValueError, match="Invalid datetime"):
        from_iso8601("next week")


def test_numbers_keep_int_and_float_apart() -> None:
    assert [type(cast_number(t)) for t in ("12", "12.0", "1e3", "-3", "1E-2")] == [
        int,
        float,
        float,
        int,
        float,
    ]
    assert from_excel(0.5, WINDOWS_EPOCH) == dt.time(12)
