"""Keeping what could not be stored as a submission, for a coordinator to review."""

import hashlib
import json
import logging
import math
from typing import Any

from sqlalchemy import select

from collector.auth.models import User
from collector.extensions import db
from collector.intake.answers import UNSTORABLE_CHARACTER
from collector.intake.models import QuarantineItem

log = logging.getLogger(__name__)


def fingerprint(payload: Any = None, raw_body: str | None = None) -> str:
    """SHA-256 of the payload as canonical JSON (or of the raw text when it was not JSON)."""
    if raw_body is not None:
        text = raw_body
    else:
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    # surrogatepass: a lone surrogate (from a \ud800 escape) has bytes to hash all the same;
    # every other text hashes exactly as plain UTF-8.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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
    campaign_slug = _campaign_named_in(payload)
    uuid = _storable(uuid)[:64] if uuid is not None else None
    if not storable_as_json(payload) or not isinstance(payload, dict | list | None):
        # Kept whole as JSON text with \u escapes, which json.loads reads back exactly.
        # A bare number too: SQLite gives a JSON column NUMERIC affinity, which would turn
        # 9223372036854775808 into a float and a number of 400 digits into infinity.
        payload, raw_body = None, json.dumps(payload)
    item = QuarantineItem(
        uuid=uuid,
        reason=reason,
        errors=errors if storable_as_json(errors) else _storable_errors(errors),
        payload=payload,
        raw_body=_storable(raw_body) if raw_body is not None else None,
        content_hash=digest,
        submitted_by_id=user.id if user else None,
        campaign_slug=campaign_slug,
        respondent_link_id=respondent_link_id,
    )
    db.session.add(item)
    db.session.flush()
    log.warning("kept %s payload %s as quarantine item %d", reason, uuid or "-", item.id)
    return item


def _campaign_named_in(payload: Any) -> str | None:
    campaign = payload.get("campaign") if isinstance(payload, dict) else None
    return _storable(campaign)[:80] if isinstance(campaign, str) else None


def storable_as_json(value: Any) -> bool:
    """Whether both databases can keep `value` in a JSON column as it is.

    PostgreSQL's JSONB refuses NUL characters, lone surrogates and numbers that are not
    finite, in keys as in values. Walked without recursion: the payload's depth is the
    sender's choice.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if UNSTORABLE_CHARACTER.search(item):
                return False
        elif isinstance(item, float):
            if not math.isfinite(item):
                return False
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return True


def _storable(text: str) -> str:
    """The text with the characters no database takes written as JSON-style escapes."""
    return UNSTORABLE_CHARACTER.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _storable_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    # Messages quote what was sent (an unknown question id, a choice), so they can hold it.
    return {
        _storable(str(key)): [_storable(str(message)) for message in messages]
        for key, messages in errors.items()
    }
