"""Stored moments are UTC; people read them on the clock where the fieldwork is (TIMEZONE)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from collector.types import as_utc, utcnow


def local_time(moment: datetime) -> datetime:
    """A stored moment as the clock shows it where the fieldwork is."""
    return as_utc(moment).astimezone(ZoneInfo(current_app.config["TIMEZONE"]))


def local_today() -> date:
    return local_time(utcnow()).date()


def local_datetime(moment: datetime | None) -> str:
    """For templates: `2026-05-12 18:04`, or nothing for no moment."""
    return local_time(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC moments where the local `day` starts and the next one starts.

    Midnight to midnight in local time: a day with a clock change is 23 or 25 hours long.
    """
    here = ZoneInfo(current_app.config["TIMEZONE"])
    start = datetime.combine(day, time.min, tzinfo=here)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=here)
    return start.astimezone(UTC), end.astimezone(UTC)
