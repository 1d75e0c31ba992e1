"""A campaign's open answers of one local day, grouped by question in questionnaire order.

Open answers are those of text and textarea questions and the "other, please specify"
texts. One group is one question across every version of the form (merged as the Excel
export merges them, renamed_from chains included), so a question renamed between two days
of fieldwork is still read as one. Questions marked sensitive (names, phone numbers) are
left out: the debrief is a shared meeting.
"""

import uuid as uuid_module
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import Select, func, select

from collector.auth.models import User
from collector.campaigns.models import Campaign
from collector.clock import day_bounds, local_time
from collector.debrief.models import AnswerTag
from collector.debrief.tags import tag_order
from collector.exports.merge import MergedQuestion, merge_versions
from collector.exports.source import schemas_newest_first
from collector.extensions import db
from collector.i18n import in_language
from collector.intake.models import Submission
from collector.schema.models import FormVersion
from collector.schema.vocabulary import OPEN_TYPES, OTHER_SUFFIX

# When an interview counts as made: finished on the phone, or received if the phone sent
# no finishing time.
MADE_AT = func.coalesce(Submission.completed_at, Submission.received_at)


@dataclass
class OpenAnswer:
    uuid: uuid_module.UUID
    # As the submission's own version names it: tags are stored under this id.
    question_id: str
    text: str
    lang: str
    interviewer: str | None
    by_respondent: bool  # filled in by the respondent through a campaign link
    at: datetime  # local time
    tags: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return answer_anchor(self.uuid, self.question_id)


@dataclass
class QuestionGroup:
    """One open question (or one question's "other" texts) across versions."""

    key: str
    title: str
    answers: list[OpenAnswer] = field(default_factory=list)


@dataclass
class OpenQuestions:
    """Which answer keys of which version are open answers shown at the debrief."""

    groups: list[QuestionGroup]
    by_version: dict[int, list[tuple[str, QuestionGroup]]]
    left_out: list[str]  # titles of sensitive open questions, for the page to say so

    def shows(self, version: int, question_id: str) -> bool:
        return any(key == question_id for key, _group in self.by_version.get(version, []))


@dataclass
class DebriefDay:
    day: date
    interviews: int
    groups: list[QuestionGroup]  # only questions with answers that day
    left_out: list[str]


def open_questions(form_id: int, lang: str) -> OpenQuestions:
    """The form's open questions, merged across versions, titled in `lang`."""
    plan = OpenQuestions(groups=[], by_version={}, left_out=[])
    for question in merge_versions(schemas_newest_first(form_id)):
        label = _label(question, lang)
        items = []
        if question.type in OPEN_TYPES:
            items.append((label, ""))
        if question.has_other:
            items.append((f"{label}: {_('Other, please specify')}", OTHER_SUFFIX))
        for title, suffix in items:
            if question.sensitive:
                plan.left_out.append(title)
                continue
            group = QuestionGroup(key=question.key + suffix, title=title)
            plan.groups.append(group)
            for appearance in question.appearances:
                if suffix and not appearance.question.get("other"):
                    continue
                key = appearance.question["id"] + suffix
                plan.by_version.setdefault(appearance.version, []).append((key, group))
    return plan


def debrief_day(campaign: Campaign, day: date, lang: str) -> DebriefDay:
    """The open answers of the interviews made on `day`, each with who, when and tags."""
    plan = open_questions(campaign.form_id, lang)
    rows = db.session.execute(
        _on_day(
            select(
                Submission.id,
                Submission.uuid,
                FormVersion.number,
                Submission.answers,
                Submission.lang,
                User.username,
                Submission.respondent_link_id,
                MADE_AT.label("made_at"),
            )
            .join(FormVersion, Submission.form_version_id == FormVersion.id)
            .outerjoin(User, Submission.submitted_by_id == User.id),
            campaign,
            day,
        ).order_by(MADE_AT, Submission.id)
    ).all()
    tags = _tags_of_day(campaign, day)
    for row in rows:
        for key, group in plan.by_version.get(row.number, []):
            text = row.answers.get(key)
            if not isinstance(text, str) or not text.strip():
                continue
            group.answers.append(
                OpenAnswer(
                    uuid=row.uuid,
                    question_id=key,
                    text=text,
                    lang=row.lang,
                    interviewer=row.username,
                    by_respondent=row.respondent_link_id is not None,
                    at=local_time(row.made_at),
                    tags=sorted(tags.get((row.id, key), []), key=tag_order),
                )
            )
    return DebriefDay(
        day=day,
        interviews=len(rows),
        groups=[group for group in plan.groups if group.answers],
        left_out=plan.left_out,
    )


def interview_counts(campaign_ids: list[int]) -> dict[int, int]:
    """Campaign id → how many interviews it has."""
    if not campaign_ids:
        return {}
    rows = db.session.execute(
        select(Submission.campaign_id, func.count())
        .where(Submission.campaign_id.in_(campaign_ids))
        .group_by(Submission.campaign_id)
    )
    return {campaign_id: count for campaign_id, count in rows}


def interview_days(campaign: Campaign) -> list[tuple[date, int]]:
    """Each local day with interviews in the campaign, and how many, oldest first.

    Days are counted here rather than in SQL: the local day needs the time zone's rules,
    which SQLite does not know, and a campaign has hundreds of interviews, not millions.
    """
    moments = db.session.scalars(select(MADE_AT).where(Submission.campaign_id == campaign.id))
    counts = Counter(local_time(moment).date() for moment in moments)
    return sorted(counts.items())


def find_answer(
    campaign: Campaign, submission_uuid: str, question_id: str
) -> tuple[Submission, date] | None:
    """The submission of `campaign` whose open answer `question_id` is shown at the
    debrief, and the local day it is shown on; None if there is no such answer."""
    try:
        wanted = uuid_module.UUID(submission_uuid)
    except (ValueError, TypeError, AttributeError):
        return None
    submission = db.session.scalar(
        select(Submission).where(Submission.uuid == wanted, Submission.campaign_id == campaign.id)
    )
    if submission is None:
        return None
    plan = open_questions(campaign.form_id, "")
    if not plan.shows(submission.form_version.number, question_id):
        return None
    text = submission.answers.get(question_id)
    if not isinstance(text, str) or not text.strip():
        return None
    made_at = submission.completed_at or submission.received_at
    return submission, local_time(made_at).date()


def answer_anchor(submission_uuid: uuid_module.UUID, question_id: str) -> str:
    """The id of an answer on the page, where a tag change comes back to."""
    return f"answer-{submission_uuid}-{question_id}"


def _label(question: MergedQuestion, lang: str) -> str:
    newest = question.newest
    return in_language(newest.question["label"], lang, newest.default_language) or question.key


def _on_day(query: Select, campaign: Campaign, day: date) -> Select:
    start, end = day_bounds(day)
    return query.where(Submission.campaign_id == campaign.id, MADE_AT >= start, MADE_AT < end)


def _tags_of_day(campaign: Campaign, day: date) -> dict[tuple[int, str], list[str]]:
    query = _on_day(
        select(AnswerTag.submission_id, AnswerTag.question_id, AnswerTag.tag).join(
            Submission, AnswerTag.submission_id == Submission.id
        ),
        campaign,
        day,
    )
    tags: dict[tuple[int, str], list[str]] = {}
    for submission_id, question_id, tag in db.session.execute(query):
        tags.setdefault((submission_id, question_id), []).append(tag)
    return tags
