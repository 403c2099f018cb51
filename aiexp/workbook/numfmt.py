"""Number formats and Excel dates, read exactly as openpyxl reads them.

The reader used openpyxl until 0.2; users' figures must not change with the reader, so the
built-in format table, the date-format test and the serial-number conversion below follow
openpyxl 3.1 (`styles/numbers.py`, `utils/datetime.py`, MIT licence) line for line, and
tests/workbook/test_numfmt.py compares them with openpyxl's own. They live here, not imported,
because importing openpyxl costs about 0.3 s of start-up for every command.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

# ECMA-376 Part 1, 18.8.30: the formats every reader knows by id; an id below 164 that is not
# in the table (a locale's own date format, 27-36 or 50-81) reads as General, as in openpyxl.
BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
FIRST_CUSTOM_ID = 164

_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_PART = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)

WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
_SECONDS_PER_DAY = 86400
_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})"
    r"(?P<microsecond>\.\d{1,3})?)?)?Z?"
)
_ISO_DURATION = re.compile(
    r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?"
)

FormatKind = Literal["number", "date", "timedelta"]


def format_kind(code: str | None) -> FormatKind:
    """How a number under this format code reads: a number, a date/time, or a duration."""
    if code is None:
        return "number"
    first = code.split(";")[0]  # only the format of positive numbers decides, as in Excel
    if _DATE_PART.search(_STRIP.sub("", first)) is None:
        return "number"
    return "timedelta" if _TIMEDELTA.search(first) is not None else "date"


def from_excel(
    value: float, epoch: dt.datetime, *, timedelta: bool = False
) -> dt.datetime | dt.time | dt.timedelta:
    """An Excel serial number as a datetime (or a time below 1, or a duration)."""
    if timedelta:
        span = dt.timedelta(days=value)
        if span.microseconds:
            # milliseconds are the precision Excel keeps
            span = dt.timedelta(
                seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3)
            )
        return span
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * _SECONDS_PER_DAY * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return dt.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        # Excel counts 1900-02-29, a day that never was (Lotus 1-2-3's leap-year bug)
        day += 1
    return epoch + dt.timedelta(days=day) + diff


def from_iso8601(text: str) -> dt.datetime | dt.date | dt.time | dt.timedelta | None:
    """An ISO 8601 date cell (`t="d"`, ECMA-376 18.17.4) as openpyxl reads it."""
    if not text:
        return None
    match = _ISO.match(text)
    if match and any(match.groups()):
        parts = match.groupdict()
        number = {k: int(parts[k] or 0) for k in ("year", "month", "day", "hour", "minute")}
        second = int(parts["second"] or 0)
        micro = int(float(parts["microsecond"]) * 1_000_000) if parts["microsecond"] else 0
        if not parts["date"]:
            return dt.time(number["hour"], number["minute"], second, micro)
        if not parts["time"]:
            return dt.date(number["year"], number["month"], number["day"])
        return dt.datetime(
            number["year"],
            number["month"],
            number["day"],
            number["hour"],
            number["minute"],
            second,
            micro,
        )
    duration = _ISO_DURATION.match(text)
    if duration and any(duration.groups()):
        spans = {k: float(v) for k, v in duration.groupdict().items() if v}
        return dt.timedelta(**spans)
    raise ValueError(f"Invalid datetime value {text}")


def cast_number(text: str) -> int | float:
    """A number cell's text: an int unless it has a point or an exponent (as openpyxl)."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)
