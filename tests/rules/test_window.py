"""The filing window (DATES), to the minute in America/New_York."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from aiexp.findings import Severity
from tests.rules.helpers import findings, of, where
from tests.workbook_edit import set_field

NEW_YORK = ZoneInfo("America/New_York")
CELL = "Consortium!B9"


@pytest.mark.parametrize(
    ("day", "closed", "not_open"),
    [
        (dt.date(2026, 3, 31), [], [CELL]),
        (dt.date(2026, 4, 1), [], []),
        (dt.date(2026, 6, 29), [], []),
        (dt.date(2026, 7, 1), [CELL], []),
    ],
)
def test_submission_date(
    sample: Path, day: dt.date, closed: list[str], not_open: list[str]
) -> None:
    set_field(sample, "submission_date", day)
    found = findings(sample)
    assert where(found, "window.closed") == closed
    assert where(found, "window.not-open") == not_open


def test_after_the_close_is_an_error_before_the_opening_a_warning(sample: Path) -> None:
    # DATES: "proposals will be accepted until 5:00 pm Eastern Daylight Time on June 30, 2026"
    # (0.1.0: a warning).
    set_field(sample, "submission_date", dt.date(2026, 7, 1))
    assert of(findings(sample), "window.closed")[0].severity is Severity.ERROR
    set_field(sample, "submission_date", dt.date(2026, 3, 31))
    assert of(findings(sample), "window.not-open")[0].severity is Severity.WARNING


def test_the_closing_day_alone_is_a_note_naming_the_closing_time(sample: Path) -> None:
    set_field(sample, "submission_date", dt.date(2026, 6, 30))
    (finding,) = of(findings(sample), "window.closed")
    assert finding.severity is Severity.INFO
    assert "17:00 EDT" in finding.message


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2026, 6, 30, 17, 30),  # a datetime cell
        "2026-06-30 17:30",  # text with a time
        "2026-06-30T17:01",
        "2026-06-30T21:30+00:00",  # 17:30 EDT, with an offset
    ],
)
def test_after_five_pm_on_the_closing_day_is_closed(sample: Path, value: object) -> None:
    # 0.1.0 compared the day only: 17:30 on June 30 passed, as a datetime cell and as text.
    set_field(sample, "submission_date", value)
    found = findings(sample)
    (finding,) = of(found, "window.closed")
    assert finding.severity is Severity.ERROR
    assert str(finding.location) == CELL


@pytest.mark.parametrize(
    "value", [dt.datetime(2026, 6, 30, 17, 0), "2026-06-30 16:59", "2026-06-30 17:00"]
)
def test_up_to_five_pm_on_the_closing_day_is_open(sample: Path, value: object) -> None:
    set_field(sample, "submission_date", value)
    assert of(findings(sample), "window.closed") == []


def test_date_option_when_the_workbook_has_none(sample: Path) -> None:
    set_field(sample, "submission_date", None)
    assert where(findings(sample, today=dt.date(2026, 5, 1)), "window.closed") == []
    assert where(findings(sample, today=dt.date(2026, 7, 2)), "window.closed") == [CELL]


def test_the_current_time_to_the_minute(sample: Path) -> None:
    set_field(sample, "submission_date", None)
    closing = dt.datetime(2026, 6, 30, 17, 0, 59, tzinfo=NEW_YORK)
    assert where(findings(sample, now=closing), "window.closed") == []
    late = dt.datetime(2026, 6, 30, 21, 1, tzinfo=dt.UTC)  # 17:01 EDT
    assert where(findings(sample, now=late), "window.closed") == [CELL]
    early = dt.datetime(2026, 3, 31, 23, 59, tzinfo=NEW_YORK)
    assert where(findings(sample, now=early), "window.not-open") == [CELL]


def test_submission_date_wins_over_the_date_option(sample: Path) -> None:
    assert where(findings(sample, today=dt.date(2027, 1, 1)), "window.closed") == []
