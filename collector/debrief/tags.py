"""Themes on open answers: the four the kitchen-talk method asks about, and the group's own.

The four preset themes are stored as codes (problem, need, dream, goal) so that a workbook
reads the same whatever language the tagger's screen spoke; own themes are stored as typed.
Every change is written to the audit log in the same transaction.
"""

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from collector.audit.events import record_event
from collector.audit.models import AuditAction
from collector.auth.models import User
from collector.campaigns.models import Campaign
from collector.debrief.models import AnswerTag
from collector.extensions import db
from collector.intake.models import Submission

PRESET_THEMES = {
    "problem": _l("Problem"),
    "need": _l("Need"),
    "dream": _l("Dream"),
    "goal": _l("Goal"),
}
MAX_THEME_LENGTH = 80  # the column's size


class ThemeRefused(ValueError):
    """An own theme that cannot be stored; the message is for the person who typed it."""


def theme_label(tag: str) -> str:
    preset = PRESET_THEMES.get(tag)
    return str(preset) if preset is not None else tag


def tag_order(tag: str) -> tuple[int, str]:
    """The preset themes first, in the method's order, then own themes alphabetically."""
    codes = list(PRESET_THEMES)
    return (codes.index(tag), "") if tag in PRESET_THEMES else (len(codes), tag.casefold())


def own_theme(text: str | None, known: Iterable[str]) -> str:
    """The theme to store for what someone typed.

    Spaces are tidied; a preset typed in words ("Need", or "need") is that preset, and a
    theme already used in the campaign keeps its first spelling, so "Transport" and
    "transport" do not become two themes in the workbook.
    """
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise ThemeRefused(_("Type a theme first, for example: transport."))
    if len(cleaned) > MAX_THEME_LENGTH:
        raise ThemeRefused(
            _(
                "A theme can be at most %(max)s letters long. Say it in fewer words.",
                max=MAX_THEME_LENGTH,
            )
        )
    folded = cleaned.casefold()
    for code, label in PRESET_THEMES.items():
        if folded in (code, str(label).casefold()):
            return code
    return next((theme for theme in known if theme.casefold() == folded), cleaned)


def campaign_themes(campaign: Campaign) -> list[str]:
    """The own themes used so far in the campaign, to offer them again."""
    themes = db.session.scalars(
        select(AnswerTag.tag)
        .distinct()
        .join(Submission, AnswerTag.submission_id == Submission.id)
        .where(Submission.campaign_id == campaign.id)
    )
    return sorted((tag for tag in themes if tag not in PRESET_THEMES), key=tag_order)


def add_tag(
    campaign: Campaign, submission: Submission, question_id: str, tag: str, user: User
) -> bool:
    """Tag the answer and commit; False (and nothing written) if it had the tag already."""
    if _find(submission, question_id, tag) is not None:
        return False
    db.session.add(
        AnswerTag(
            submission_id=submission.id, question_id=question_id, tag=tag, created_by_id=user.id
        )
    )
    _record(AuditAction.TAG_ADD, campaign, submission, question_id, tag, user)
    try:
        db.session.commit()
    except IntegrityError:
        # Someone else added the same theme a moment ago: the answer has it, as asked.
        db.session.rollback()
        return False
    return True


def remove_tag(
    campaign: Campaign, submission: Submission, question_id: str, tag: str, user: User
) -> bool:
    """Take the tag off and commit; False if the answer did not have it (a double click)."""
    existing = _find(submission, question_id, tag)
    if existing is None:
        return False
    db.session.delete(existing)
    _record(AuditAction.TAG_REMOVE, campaign, submission, question_id, tag, user)
    db.session.commit()
    return True


def _find(submission: Submission, question_id: str, tag: str) -> AnswerTag | None:
    return db.session.scalar(
        select(AnswerTag).where(
            AnswerTag.submission_id == submission.id,
            AnswerTag.question_id == question_id,
            AnswerTag.tag == tag,
        )
    )


def _record(
    action: AuditAction,
    campaign: Campaign,
    submission: Submission,
    question_id: str,
    tag: str,
    user: User,
) -> None:
    record_event(
        action,
        user,
        f"answer {question_id} of submission {submission.uuid}",
        campaign=campaign,
        details={"submission": str(submission.uuid), "question": question_id, "tag": tag},
    )
