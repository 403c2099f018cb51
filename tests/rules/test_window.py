"""The filing window (DATES), to the minute in America/New_York."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.rules.helpers import findings, where
from tests.workbook_edit import set_field

NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (dt.date(2026, 3, 31), False),
        (dt.date(2026, 4, 1), True),
        (dt.date(2026, 6, 30), True),
        (dt.date(2026, 7, 1), False),
    ],
)
def test_submission_date(sample: Path, day: dt.date, inside: bool) -> None:
    set_field(sample, "submission_date", day)
    expected = [] if inside else ["Consortium!B9"]
    assert where(findings(sample), "window.closed") == expected


def test_date_option_when_the_workbook_has_none(sample: Path) -> None:
    set_field(sample, "submission_date", None)
    assert where(findings(sample, today=dt.date(2026, 5, 1)), "window.closed") == []
    assert where(findings(sample, today=dt.date(2026, 7, 2)), "window.closed") == ["Consortium!B9"]


def test_the_current_time_to_the_minute(sample: Path) -> None:
    set_field(sample, "submission_date", None)
    closing = dt.datetime(2026, 6, 30, 17, 0, 59, tzinfo=NEW_YORK)
    assert where(findings(sample, now=closing), "window.closed") == []
    late = dt.datetime(2026, 6, 30, 21, 1, tzinfo=dt.UTC)  # 17:01 EDT
    assert where(findings(sample, now=late), "window.closed") == ["Consortium!B9"]


def test_submission_date_wins_over_the_date_option(sample: Path) -> None:
    assert where(findings(sample, today=dt.date(2027, 1, 1)), "window.closed") == []
