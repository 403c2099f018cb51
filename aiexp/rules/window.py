"""The filing window (DATES): opens April 1, 2026; proposals accepted until June 30, 2026, 5:00 pm
Eastern Daylight Time — compared to the minute, in the profile's time zone.

The moment compared is the workbook's `submission_date`, else `--date`, else the current time.
A date and time (a datetime cell, or text such as `2026-06-30 17:30`, read in the profile's time
zone unless it gives an offset) is compared to the minute: after the close it is an error
(`window.closed`), before the opening a warning (`window.not-open`). A date without a time is a
whole day: a day after the closing day is an error, a day before the opening day a warning, and
the closing day itself an info finding that names the closing time — the date alone cannot show
whether the proposal goes in before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from aiexp.findings import Finding, Location, Severity
from aiexp.profile import Window
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check


def _describe(window: Window) -> str:
    opens, closes = window.opens_at(), window.closes_at()
    return (
        f"{opens:%Y-%m-%d %H:%M} to {closes:%Y-%m-%d %H:%M} {closes.tzname()} ({window.timezone})"
    )


def _closing(window: Window) -> str:
    closes = window.closes_at()
    return f"{closes:%H:%M} {closes.tzname()} ({window.timezone}) on {closes:%Y-%m-%d}"


def _moment(ctx: RuleContext) -> tuple[dt.datetime | dt.date, str, Location]:
    """What is compared: the submission date, else --date, else now (to the minute)."""
    info = ctx.consortium.info
    location = (
        ctx.field("submission_date")
        if info.row_of("submission_date")
        else Location(file=ctx.wb.file, sheet=ctx.locate("Consortium").sheet)
    )
    if info.submission_date is not None:
        return info.submission_date, "the submission date", location
    if ctx.date is not None:
        return ctx.date, "the date (--date; the workbook has no submission_date)", location
    zone = ZoneInfo(ctx.profile.window.timezone)
    now = (ctx.now or dt.datetime.now(dt.UTC)).astimezone(zone).replace(second=0, microsecond=0)
    return now, "now (the workbook has no submission_date)", location


def _aware(moment: dt.datetime, window: Window) -> dt.datetime:
    zone = ZoneInfo(window.timezone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def _shown(moment: dt.datetime | dt.date) -> str:
    if isinstance(moment, dt.datetime):
        return f"{moment:%Y-%m-%d %H:%M %Z}".strip()
    return moment.isoformat()


@check("window.closed")
def window_closed(ctx: RuleContext) -> Iterator[Finding]:
    """DATES: "This call for proposals opens on April 1, 2026 and proposals will be accepted until
    5:00 pm Eastern Daylight Time on June 30, 2026." A proposal after that is not accepted: an
    error, to the minute."""
    window = ctx.profile.window
    moment, what, location = _moment(ctx)
    closes = window.closes_at()
    if isinstance(moment, dt.datetime):
        late = _aware(moment, window).replace(second=0, microsecond=0) > closes
    else:
        late = moment > closes.date()
        if moment == closes.date():
            yield ctx.finding(
                "window.closed",
                f"{what} {moment.isoformat()} is the closing day: proposals are accepted until "
                f"{_closing(window)}",
                location,
                "submit before the closing time; give the time with the date (YYYY-MM-DD HH:MM) "
                "to have it checked",
                severity=Severity.INFO,
            )
    if late:
        shown = _shown(_aware(moment, window) if isinstance(moment, dt.datetime) else moment)
        yield ctx.finding(
            "window.closed",
            f"{what} {shown} is after the filing window closed: {_describe(window)}",
            location,
            "the window is closed: check for a later notice that reopens it, or correct the "
            "submission_date",
        )


@check("window.not-open")
def window_not_open(ctx: RuleContext) -> Iterator[Finding]:
    """DATES: "This call for proposals opens on April 1, 2026" — a submission before then is not
    yet possible."""
    window = ctx.profile.window
    moment, what, location = _moment(ctx)
    opens = window.opens_at()
    if isinstance(moment, dt.datetime):
        early = _aware(moment, window) < opens
    else:
        early = moment < opens.date()
    if early:
        yield ctx.finding(
            "window.not-open",
            f"{what} {_shown(moment)} is before the filing window opens: {_describe(window)}",
            location,
        )
