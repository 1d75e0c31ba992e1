"""Writing to the audit log; the caller commits with the change it records, so the log
never says something happened that was rolled back."""

from typing import Any

from collector.audit.models import AuditAction, AuditEvent
from collector.auth.models import User
from collector.campaigns.models import Campaign
from collector.extensions import db

COMMAND_LINE = "command line"


def record_event(
    action: AuditAction,
    user: User | None,
    target: str,
    *,
    campaign: Campaign | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one event to the session; `user` None means the command line."""
    event = AuditEvent(
        user_id=user.id if user else None,
        actor=user.username if user else COMMAND_LINE,
        action=action.value,
        campaign_id=campaign.id if campaign else None,
        target=target,
        details=details or {},
    )
    db.session.add(event)
    return event
