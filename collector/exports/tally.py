"""Aggregates counted in the one pass over the submissions: per question and per campaign.

Memory is bounded by questions × choices × campaigns, never by the number of submissions:
a scale keeps counts per point (its median comes from them), a number its sum and range.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean
from typing import Any

from collector.exports.merge import MergedQuestion
from collector.schema.vocabulary import NUMBER_TYPES

CHOICE_TYPES = frozenset({"select_one", "select_multiple", "yes_no", "consent"})


@dataclass
class ChoiceTally:
    answered: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, value: Any) -> None:
        self.answered += 1
        if isinstance(value, list):
            self.counts.update(value)
        elif isinstance(value, bool):  # consent
            self.counts["yes" if value else "no"] += 1
        else:
            self.counts[value] += 1

    def merge(self, other: "ChoiceTally") -> None:
        self.answered += other.answered
        self.counts.update(other.counts)

    def share(self, code: str) -> float | None:
        """Of those who answered, the part that chose `code` (0–1)."""
        return self.counts[code] / self.answered if self.answered else None


@dataclass
class NumberTally:
    answered: int = 0
    total: float = 0
    low: float | None = None
    high: float | None = None

    def add(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return  # older data of another kind: in Answers as text, not in the mean
        self.answered += 1
        self.total += value
        self.low, self.high = _lower(self.low, value), _higher(self.high, value)

    def merge(self, other: "NumberTally") -> None:
        self.answered += other.answered
        self.total += other.total
        self.low, self.high = _lower(self.low, other.low), _higher(self.high, other.high)

    @property
    def mean(self) -> float | None:
        return self.total / self.answered if self.answered else None


@dataclass
class ScaleTally:
    counts: Counter[int] = field(default_factory=Counter)

    def add(self, value: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            self.counts[value] += 1

    def merge(self, other: "ScaleTally") -> None:
        self.counts.update(other.counts)

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        if not self.counts:
            return None
        return fmean(list(self.counts), weights=list(self.counts.values()))

    @property
    def median(self) -> float | None:
        n = self.answered
        if n == 0:
            return None
        middle = (n - 1) // 2, n // 2  # the same position twice when n is odd
        points, seen, found = sorted(self.counts), 0, []
        for point in points:
            seen += self.counts[point]
            while len(found) < 2 and middle[len(found)] < seen:
                found.append(point)
        return (found[0] + found[1]) / 2

    def share(self, point: int) -> float | None:
        n = self.answered
        return self.counts[point] / n if n else None


@dataclass
class DateTally:
    answered: int = 0
    earliest: str | None = None
    latest: str | None = None

    def add(self, value: Any) -> None:
        # ISO dates compare as text, so the range needs no parsing.
        if not isinstance(value, str):
            return
        self.answered += 1
        self.earliest, self.latest = _lower(self.earliest, value), _higher(self.latest, value)

    def merge(self, other: "DateTally") -> None:
        self.answered += other.answered
        self.earliest = _lower(self.earliest, other.earliest)
        self.latest = _higher(self.latest, other.latest)

    def as_dates(self) -> tuple[date | None, date | None]:
        return _as_date(self.earliest), _as_date(self.latest)


def _lower(a: Any, b: Any) -> Any:
    return b if a is None or (b is not None and b < a) else a


def _higher(a: Any, b: Any) -> Any:
    return b if a is None or (b is not None and b > a) else a


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


Tally = ChoiceTally | NumberTally | ScaleTally | DateTally


def tally_kind(question: MergedQuestion) -> type[Tally] | None:
    """What is counted for a question; open text is read, not counted."""
    if question.type in CHOICE_TYPES:
        return ChoiceTally
    if question.type in NUMBER_TYPES:
        return NumberTally
    if question.type == "scale":
        return ScaleTally
    if question.type == "date":
        return DateTally
    return None


class Tallies:
    """One tally per (campaign, question); the whole form's is their sum."""

    def __init__(self, questions: list[MergedQuestion]) -> None:
        self.kinds = {q.key: kind for q in questions if (kind := tally_kind(q)) is not None}
        self.by_group: dict[str | None, dict[str, Tally]] = {}

    def add(self, group: str | None, answers: dict[str, Any]) -> None:
        tallies = self.by_group.get(group)
        if tallies is None:
            tallies = self.by_group[group] = {key: kind() for key, kind in self.kinds.items()}
        for key, tally in tallies.items():
            value = answers.get(key)
            if value is not None and value != "" and value != []:
                tally.add(value)

    def for_group(self, group: str | None) -> dict[str, Tally]:
        return self.by_group.get(group) or {key: kind() for key, kind in self.kinds.items()}

    def overall(self) -> dict[str, Tally]:
        total = {key: kind() for key, kind in self.kinds.items()}
        for tallies in self.by_group.values():
            for key, tally in tallies.items():
                total[key].merge(tally)
        return total


@dataclass
class ProgressCounts:
    """Interviews per campaign, interviewer and local day."""

    counts: Counter[tuple[str | None, str | None, date]] = field(default_factory=Counter)

    def add(self, campaign: str | None, interviewer: str | None, day: date) -> None:
        self.counts[(campaign, interviewer, day)] += 1
