"""What the campaign pages show, read in a few grouped queries: a survey wave may hold
thousands of interviews, so the database counts them and Python never loads them.

Days are local days where the fieldwork is (TIMEZONE), by when the interview was completed
on the phone, or received when the phone did not say: the rule of the export's Progress
sheet, so the page and the workbook agree.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from flask import current_app
from sqlalchemy import Date, Integer, cast, func, select

from collector.auth.models import Role, User
from collector.campaigns.models import Campaign, RespondentLink
from collector.clock import local_time
from collector.database import dialect_name
from collector.extensions import db
from collector.i18n import in_language
from collector.intake.models import QuarantineItem, QuarantineStatus, Submission
from collector.schema.versions import latest_versions

# SQLite knows no time zones: it counts per quarter of an hour in UTC, and Python folds the
# quarters into local days. Every zone's offset is a whole number of quarters, so no
# quarter straddles a local midnight.
QUARTER_SECONDS = 15 * 60


class RowKind:
    INTERVIEWER = "interviewer"  # assigned to the campaign
    OTHER_USER = "other"  # sent interviews but is not (or no longer) assigned
    RESPONDENT_LINK = "link"  # filled by respondents themselves through a link
    UNKNOWN = "unknown"  # neither a person nor a link is known (should stay empty)


@dataclass
class ProgressRow:
    kind: str
    user: User | None = None
    per_day: dict[date, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.per_day.values())


@dataclass
class Progress:
    """Interviews per person per local day, and the campaign's target."""

    days: list[date]
    rows: list[ProgressRow]
    target: int | None

    def on_day(self, day: date) -> int:
        return sum(row.per_day.get(day, 0) for row in self.rows)

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def share_done(self) -> float | None:
        """Done of target (0–1, more when the target is passed); None without a target."""
        return self.total / self.target if self.target else None


def campaign_progress(campaign: Campaign) -> Progress:
    """Every assigned interviewer (none yet counts as 0), then anyone else who sent
    interviews for the campaign, then the respondents' own interviews through links."""
    counts = _counts_per_local_day(campaign.id)
    per_person: dict[int | None, dict[date, int]] = {}
    per_link: dict[date, int] = {}
    for (who, by_link, day), n in counts.items():
        target = per_link if who is None and by_link else per_person.setdefault(who, {})
        target[day] = target.get(day, 0) + n
    assigned = sorted(campaign.interviewers, key=lambda user: user.username)
    rows = [
        ProgressRow(RowKind.INTERVIEWER, user, per_person.get(user.id, {})) for user in assigned
    ]
    rows += [
        ProgressRow(RowKind.OTHER_USER, user, per_person[user.id])
        for user in _users(set(per_person) - {user.id for user in assigned} - {None})
    ]
    if per_link or _has_links(campaign.id):
        rows.append(ProgressRow(RowKind.RESPONDENT_LINK, per_day=per_link))
    if None in per_person:
        rows.append(ProgressRow(RowKind.UNKNOWN, per_day=per_person[None]))
    return Progress(days=sorted({day for _w, _l, day in counts}), rows=rows, target=campaign.target)


def interviews_per_campaign() -> dict[int, int]:
    """Campaign id → interviews stored so far, every campaign in one query."""
    query = (
        select(Submission.campaign_id, func.count())
        .where(Submission.campaign_id.is_not(None))
        .group_by(Submission.campaign_id)
    )
    return {campaign_id: n for campaign_id, n in db.session.execute(query)}


def open_quarantine_count(slug: str) -> int:
    """Payloads naming this campaign that wait for a coordinator's review."""
    return db.session.scalar(
        select(func.count())
        .select_from(QuarantineItem)
        .where(QuarantineItem.campaign_slug == slug, QuarantineItem.status == QuarantineStatus.OPEN)
    )


def campaigns_by_form() -> dict[int, list[Campaign]]:
    """Form id → its campaigns, oldest first: several campaigns of one form are waves."""
    waves: dict[int, list[Campaign]] = {}
    query = select(Campaign).order_by(Campaign.created_at, Campaign.id)
    for campaign in db.session.scalars(query):
        waves.setdefault(campaign.form_id, []).append(campaign)
    return waves


@dataclass(frozen=True)
class PublishedForm:
    id: int
    key: str
    title: str


def published_forms() -> list[PublishedForm]:
    """Every published form with its newest title, in the interface's language if it has
    it, ordered by title."""
    forms = [
        PublishedForm(
            version.form_id,
            version.form.key,
            in_language(version.schema["title"], None, version.schema["languages"][0]),
        )
        for version in latest_versions()
    ]
    return sorted(forms, key=lambda form: (form.title.casefold(), form.key))


def active_interviewers() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.role == Role.INTERVIEWER, User.active.is_(True))
            .order_by(User.username)
        )
    )


def _counts_per_local_day(campaign_id: int) -> Counter[tuple[int | None, bool, date]]:
    """(interviewer id, filled through a link, local day) → interviews."""
    moment = func.coalesce(Submission.completed_at, Submission.received_at)
    postgres = dialect_name() == "postgresql"
    if postgres:
        bucket = cast(func.timezone(current_app.config["TIMEZONE"], moment), Date)
    else:
        bucket = cast(func.strftime("%s", moment), Integer) // QUARTER_SECONDS
    # Grouped over a subquery: PostgreSQL would not see two bound copies of the zone name
    # in SELECT and GROUP BY as the same expression.
    each = (
        select(
            Submission.submitted_by_id.label("who"),
            Submission.respondent_link_id.is_not(None).label("by_link"),
            bucket.label("bucket"),
        )
        .where(Submission.campaign_id == campaign_id)
        .subquery()
    )
    query = select(each.c.who, each.c.by_link, each.c.bucket, func.count()).group_by(
        each.c.who, each.c.by_link, each.c.bucket
    )
    counts: Counter[tuple[int | None, bool, date]] = Counter()
    for who, by_link, bucket_value, n in db.session.execute(query):
        day = bucket_value if postgres else _local_day_of_quarter(bucket_value)
        counts[(who, bool(by_link), day)] += n
    return counts


def _local_day_of_quarter(quarter: int) -> date:
    return local_time(datetime.fromtimestamp(quarter * QUARTER_SECONDS, UTC)).date()


def _users(ids: set[int | None]) -> list[User]:
    if not ids:
        return []
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.username)))


def _has_links(campaign_id: int) -> bool:
    query = select(RespondentLink.id).where(RespondentLink.campaign_id == campaign_id).limit(1)
    return db.session.scalar(query) is not None
