"""Stored moments are UTC; people read them on the clock where the fieldwork is (TIMEZONE)."""

from datetime import date, datetime
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
