"""Stored submissions, and the quarantine for what could not be stored as one."""

import uuid as uuid_module
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collector.extensions import db
from collector.schema.models import FormVersion
from collector.types import JSONDocument, UTCDateTime, utcnow


class Submission(db.Model):
    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The client makes the uuid; the unique index is what makes a retry idempotent.
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True)
    form_version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Filled by the respondent through a campaign link (then there is no interviewer).
    respondent_link_id: Mapped[int | None] = mapped_column(ForeignKey("respondent_links.id"))
    lang: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    content_hash: Mapped[str] = mapped_column(String(64))

    form_version: Mapped[FormVersion] = relationship()


class QuarantineReason:
    INVALID = "invalid"
    CONFLICT = "conflict"
    MALFORMED = "malformed"


class QuarantineStatus:
    OPEN = "open"
    RELEASED = "released"  # stored as a submission after review
    DISCARDED = "discarded"  # a coordinator decided it is not an interview to keep


class QuarantineItem(db.Model):
    """A payload kept for a coordinator to review, with the reasons it was not stored."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str | None] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    errors: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    payload: Mapped[Any | None] = mapped_column(JSONDocument)
    raw_body: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The campaign the payload names (as sent, so unknown slugs too): the dashboard counts
    # each campaign's items without reading every payload.
    campaign_slug: Mapped[str | None] = mapped_column(String(80), index=True)
    respondent_link_id: Mapped[int | None] = mapped_column(ForeignKey("respondent_links.id"))
    status: Mapped[str] = mapped_column(String(20), default=QuarantineStatus.OPEN, index=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_note: Mapped[str | None] = mapped_column(Text)
    # The submission a release stored (its uuid may differ from the payload's).
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
