"""The filing window (DATES): opens April 1, 2026; closes June 30, 2026, 5:00 pm Eastern.

The date compared is the workbook's `submission_date`, else `--date`, else the current time. A
date without a time means the whole of that day in the profile's time zone: it is inside the
window when any minute of it is, i.e. from 00:00 to 23:59 overlaps the window (so 2026-06-30 is
inside, since filing is possible until 17:00 that day, and 2026-07-01 is not). The current time,
when no date is given, is compared to the minute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from aiexp.findings import Finding, Location
from aiexp.profile import Window
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


def day_in_window(window: Window, day: dt.date) -> bool:
    """True when some minute of `day` (in the window's time zone) is inside the window."""
    zone = ZoneInfo(window.timezone)
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)
    end = dt.datetime.combine(day, dt.time(23, 59), tzinfo=zone)
    return start <= window.closes_at() and end >= window.opens_at()


def _describe(window: Window) -> str:
    opens, closes = window.opens_at(), window.closes_at()
    return (
        f"{opens:%Y-%m-%d %H:%M} to {closes:%Y-%m-%d %H:%M} {closes.tzname()} ({window.timezone})"
    )


@check("window.closed")
def window_closed(ctx: RuleContext) -> Iterator[Finding]:
    """DATES: "This call for proposals opens on April 1, 2026 and proposals will be accepted until
    5:00 pm Eastern Daylight Time on June 30, 2026." """
    window = ctx.profile.window
    submission = ctx.consortium.info.submission_date
    if submission is not None:
        if not day_in_window(window, submission):
            yield ctx.finding(
                "window.closed",
                f"the submission date {submission.isoformat()} is outside the filing window "
                f"{_describe(window)}",
                ctx.field("submission_date"),
                "submit inside the filing window, or check for a later notice that reopens it",
            )
        return
    if ctx.date is not None:
        if not day_in_window(window, ctx.date):
            yield ctx.finding(
                "window.closed",
                f"the date {ctx.date.isoformat()} (--date; the workbook has no submission_date) "
                f"is outside the filing window {_describe(window)}",
                ctx.field("submission_date"),
            )
        return
    zone = ZoneInfo(window.timezone)
    now = (ctx.now or dt.datetime.now(dt.UTC)).astimezone(zone).replace(second=0, microsecond=0)
    if not window.contains(now):
        yield ctx.finding(
            "window.closed",
            f"now ({now:%Y-%m-%d %H:%M %Z}) is outside the filing window {_describe(window)} "
            "(the workbook has no submission_date)",
            ctx.field("submission_date")
            if ctx.consortium.info.row_of("submission_date")
            else Location(file=ctx.wb.file, sheet=ctx.locate("Consortium").sheet),
        )
