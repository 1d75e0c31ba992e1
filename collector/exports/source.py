"""What an export reads from the database: versions, campaigns, tags, and the submissions
themselves as a stream (a server-side cursor on PostgreSQL), never a list in memory."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, func, select

from collector.auth.models import User
from collector.campaigns.models import Campaign
from collector.debrief.models import AnswerTag
from collector.debrief.tags import tag_order, theme_label
from collector.exports.options import ResolvedExport
from collector.extensions import db
from collector.intake.models import Submission
from collector.schema.models import FormVersion

# Rows fetched per round trip: large enough to be fast, small enough to keep memory flat.
STREAM_BATCH = 2_000


@dataclass(frozen=True)
class CampaignInfo:
    slug: str
    title: str
    target: int | None
    created_at: datetime


def schemas_newest_first(form_id: int) -> list[dict[str, Any]]:
    return list(
        db.session.scalars(
            select(FormVersion.schema)
            .where(FormVersion.form_id == form_id)
            .order_by(FormVersion.number.desc())
        )
    )


def campaigns_in_order(resolved: ResolvedExport) -> list[CampaignInfo]:
    """The form's campaigns (or the one asked for) in the order they were opened: waves."""
    query = select(Campaign.slug, Campaign.title, Campaign.target, Campaign.created_at).where(
        Campaign.form_id == resolved.form_id
    )
    if resolved.campaign_id is not None:
        query = query.where(Campaign.id == resolved.campaign_id)
    rows = db.session.execute(query.order_by(Campaign.created_at, Campaign.id))
    return [CampaignInfo(*row) for row in rows]


def count_submissions(resolved: ResolvedExport) -> int:
    query = select(func.count()).select_from(Submission).join(FormVersion)
    return db.session.scalar(_matching(query, resolved)) or 0


def stream_submissions(resolved: ResolvedExport) -> Iterator[Row]:
    """Every matching submission in the order received, a batch at a time.

    Rows have: id, uuid, version, campaign, interviewer, lang, started_at, completed_at,
    received_at, answers.
    """
    query = (
        select(
            Submission.id,
            Submission.uuid,
            FormVersion.number.label("version"),
            Campaign.slug.label("campaign"),
            User.username.label("interviewer"),
            Submission.lang,
            Submission.started_at,
            Submission.completed_at,
            Submission.received_at,
            Submission.answers,
        )
        .join(FormVersion, Submission.form_version_id == FormVersion.id)
        .outerjoin(Campaign, Submission.campaign_id == Campaign.id)
        .outerjoin(User, Submission.submitted_by_id == User.id)
        .order_by(Submission.id)
    )
    # yield_per streams: psycopg then uses a server-side cursor, SQLite steps its cursor.
    result = db.session.execute(
        _matching(query, resolved), execution_options={"yield_per": STREAM_BATCH}
    )
    yield from result


def tags_by_answer(resolved: ResolvedExport) -> dict[tuple[int, str], str]:
    """(submission id, question id) → its themes, comma-separated: the preset themes first,
    in the workbook's language (or as codes with --codes), then the debrief's own themes.

    Tags are added by hand at debriefs, so there are at most thousands: fine to hold.
    """
    query = (
        select(AnswerTag.submission_id, AnswerTag.question_id, AnswerTag.tag)
        .join(Submission, AnswerTag.submission_id == Submission.id)
        .join(FormVersion, Submission.form_version_id == FormVersion.id)
    )
    tags: dict[tuple[int, str], list[str]] = {}
    for submission_id, question_id, tag in db.session.execute(_matching(query, resolved)):
        tags.setdefault((submission_id, question_id), []).append(tag)
    shown = str if resolved.options.codes else theme_label
    return {
        key: ", ".join(shown(tag) for tag in sorted(values, key=tag_order))
        for key, values in tags.items()
    }


def _matching(query: Select, resolved: ResolvedExport) -> Select:
    query = query.where(FormVersion.form_id == resolved.form_id)
    if resolved.campaign_id is not None:
        query = query.where(Submission.campaign_id == resolved.campaign_id)
    return query
