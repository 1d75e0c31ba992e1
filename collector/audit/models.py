"""One row per action someone took on data or campaigns; rows are only ever added."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from collector.extensions import db
from collector.types import JSONDocument, UTCDateTime, utcnow


class AuditAction(StrEnum):
    EXPORT = "export"
    QUARANTINE_RELEASE = "quarantine.release"
    QUARANTINE_DISCARD = "quarantine.discard"
    TAG_ADD = "tag.add"
    TAG_REMOVE = "tag.remove"
    CAMPAIGN_CREATE = "campaign.create"
    CAMPAIGN_UPDATE = "campaign.update"
    CAMPAIGN_CLOSE = "campaign.close"
    CAMPAIGN_REOPEN = "campaign.reopen"
    LINK_CREATE = "link.create"
    LINK_CLOSE = "link.close"
    USER_CREATE = "user.create"
    USER_PASSWORD = "user.password"  # noqa: S105 -- the name of an action, not a password
    USER_SWITCH_OFF = "user.switch_off"
    USER_SWITCH_ON = "user.switch_on"
    FORM_PUBLISH = "form.publish"


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The name as it was then: the log must read the same after an account is renamed.
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40), index=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    # What it was done to, in words: "campaign cesis-2026", "quarantine item 12".
    target: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
