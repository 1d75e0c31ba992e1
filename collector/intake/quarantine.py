"""Keeping what could not be stored as a submission, for a coordinator to review."""

import hashlib
import json
import logging
from typing import Any

from sqlalchemy import select

from collector.auth.models import User
from collector.extensions import db
from collector.intake.models import QuarantineItem

log = logging.getLogger(__name__)


def fingerprint(payload: Any = None, raw_body: str | None = None) -> str:
    """SHA-256 of the payload as canonical JSON (or of the raw text when it was not JSON)."""
    if raw_body is not None:
        text = raw_body
    else:
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def keep_in_quarantine(
    reason: str,
    errors: dict[str, list[str]],
    user: User | None,
    *,
    payload: Any = None,
    raw_body: str | None = None,
    uuid: str | None = None,
    respondent_link_id: int | None = None,
) -> QuarantineItem:
    """Keep a payload with the reasons it was refused; a resend of it is kept once.

    The caller commits. A phone that did not hear the answer sends the same payload
    again; coordinators should review it once, not once per retry.
    """
    digest = fingerprint(payload, raw_body)
    existing = db.session.scalar(
        select(QuarantineItem).where(
            QuarantineItem.content_hash == digest, QuarantineItem.reason == reason
        )
    )
    if existing is not None:
        return existing
    item = QuarantineItem(
        uuid=uuid,
        reason=reason,
        errors=errors,
        payload=payload,
        raw_body=raw_body,
        content_hash=digest,
        submitted_by_id=user.id if user else None,
        campaign_slug=_campaign_named_in(payload),
        respondent_link_id=respondent_link_id,
    )
    db.session.add(item)
    db.session.flush()
    log.warning("kept %s payload %s as quarantine item %d", reason, uuid or "-", item.id)
    return item


def _campaign_named_in(payload: Any) -> str | None:
    campaign = payload.get("campaign") if isinstance(payload, dict) else None
    return campaign[:80] if isinstance(campaign, str) else None
