"""Themes a coordinator or interviewer gives an open answer (problems, needs, dreams, goals...)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from collector.extensions import db
from collector.types import UTCDateTime, utcnow


class AnswerTag(db.Model):
    """One theme on one answer; the same theme twice on an answer means nothing more."""

    __tablename__ = "answer_tags"
    __table_args__ = (UniqueConstraint("submission_id", "question_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    # The id as the submission's own version names it: tags stay put when a later version
    # renames the question.
    question_id: Mapped[str] = mapped_column(String(80))
    tag: Mapped[str] = mapped_column(String(80))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
