"""Stored moments are UTC; people read them on the clock where the fieldwork is (TIMEZONE)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_datetime, format_decimal, format_percent

from collector.types import as_utc, utcnow


def local_time(moment: datetime) -> datetime:
    """A stored moment as the clock shows it where the fieldwork is."""
    return as_utc(moment).astimezone(ZoneInfo(current_app.config["TIMEZONE"]))


def local_today() -> date:
    return local_time(utcnow()).date()


def local_datetime(moment: datetime | None) -> str:
    """For templates: date and time on the local clock, written as the page's language
    writes them (Babel, short: `12.05.26 18:04` in Latvian, `5/12/26, 6:04 PM` in English),
    or nothing for no moment. Machine-readable values belong in `<time datetime>`."""
    if not moment:
        return ""
    return format_datetime(local_time(moment), "short", rebase=False)


def local_number(number: float | None) -> str:
    """For templates: a number as the page's language writes it (`1 234,5` in Latvian)."""
    return "" if number is None else format_decimal(number)


def local_percent(share: float | None) -> str:
    """For templates: a share (0–1) as a percentage in the page's language (`30 %`)."""
    return "" if share is None else format_percent(share)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC moments where the local `day` starts and the next one starts.

    Midnight to midnight in local time: a day with a clock change is 23 or 25 hours long.
    """
    here = ZoneInfo(current_app.config["TIMEZONE"])
    start = datetime.combine(day, time.min, tzinfo=here)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=here)
    return start.astimezone(UTC), end.astimezone(UTC)
