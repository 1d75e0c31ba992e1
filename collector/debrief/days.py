"""The debrief's day is a day on the clock where the fieldwork is (config TIMEZONE), not UTC:
an interview finished at 00:30 in Riga belongs to the evening meeting of that new day."""

from datetime import date

# Far enough for any fieldwork, near enough that the day before and after are still dates
# and their midnights convert to UTC without overflow.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)


def parse_day(text: str | None) -> date | None:
    """`YYYY-MM-DD` from a URL, or None when it is no date we can show."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if EARLIEST_DAY < day < LATEST_DAY else None
