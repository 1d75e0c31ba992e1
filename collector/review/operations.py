"""Resolving a quarantine item: release it as a submission (after fixes), or discard it.

Both end the item's review once: the status changes only from open, in the same
transaction as the audit event that records who did it and why.
"""

import json
import logging
import uuid as uuid_module
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update

from collector.audit.events import record_event
from collector.audit.models import AuditAction
from collector.auth.models import User
from collector.campaigns.lookup import find_campaign
from collector.campaigns.models import Campaign, RespondentLink
from collector.clock import local_datetime
from collector.extensions import db
from collector.intake.models import QuarantineItem, QuarantineStatus, Submission
from collector.intake.operations import receive_submission
from collector.types import utcnow

log = logging.getLogger(__name__)

# The envelope fields a coordinator may fix with a choice rather than by editing the text.
CHOSEN_FIELDS = ("version", "campaign", "uuid")


class ReviewProblem(Exception):
    """The item cannot be resolved as asked; the message says why in plain words."""


class AlreadyResolved(ReviewProblem):
    """Released or discarded before: a decision is made once."""


@dataclass(frozen=True)
class Fixes:
    """What the coordinator changed before releasing; the defaults release it as kept."""

    # The whole interview as JSON text, edited; None or blank: the payload as kept.
    payload_text: str | None = None
    version: int | None = None  # None: the version as sent
    change_campaign: bool = False
    campaign: str | None = None  # the slug to store under (None: no campaign)
    as_new: bool = False  # a copy of an interview already stored: give it a new uuid


@dataclass
class ReleaseOutcome:
    released: bool
    # Why intake still refuses it, by field (as the API answers): nothing was changed.
    errors: dict[str, list[str]] = field(default_factory=dict)
    # The uuid is stored with other answers: "keep as a separate interview" may help.
    conflict: bool = False
    submission_id: int | None = None


def release_item(item: QuarantineItem, coordinator: User, fixes: Fixes = Fixes()) -> ReleaseOutcome:
    """Store the item's payload, with `fixes`, exactly as intake would; mark it released.

    It is checked like any submission from its original sender (their campaigns, their
    name on it), but a refusal is only answered, not kept in quarantine a second time.
    """
    ensure_open(item)
    try:
        fixed = fixed_payload(item, fixes)
    except ReviewProblem as problem:
        return ReleaseOutcome(released=False, errors={"_": [str(problem)]})
    link_problem = _outside_the_links_campaign(item, fixed)
    if link_problem:
        return ReleaseOutcome(released=False, errors={"campaign": [link_problem]})
    sender = db.session.get(User, item.submitted_by_id) if item.submitted_by_id else None
    result = receive_submission(
        fixed, sender, respondent_link_id=item.respondent_link_id, keep_refused=False
    )
    if result.submission_id is None:
        db.session.rollback()  # nothing was written; end the transaction all the same
        return ReleaseOutcome(
            released=False,
            errors=result.body.get("errors") or {"_": [result.body.get("message", "")]},
            conflict=result.status == 409,
        )
    changes = describe_changes(item.payload, fixed)
    note = release_note(changes, already_stored=result.status == 200)
    _mark_resolved(item, coordinator, QuarantineStatus.RELEASED, note, result.submission_id)
    details: dict[str, Any] = {"item": item.id, "uuid": item.uuid, "changes": changes}
    details["submission"] = result.submission_id
    if fixed.get("uuid") != item.uuid:
        details["stored_uuid"] = fixed.get("uuid")
    record_event(
        AuditAction.QUARANTINE_RELEASE,
        coordinator,
        f"quarantine item {item.id}",
        campaign=_campaign_of_submission(result.submission_id),
        details=details,
    )
    db.session.commit()
    log.info("%s released quarantine item %d", coordinator.username, item.id)
    return ReleaseOutcome(released=True, submission_id=result.submission_id)


def discard_item(item: QuarantineItem, coordinator: User, reason: str) -> None:
    """Mark the item discarded with the coordinator's reason; the payload stays stored."""
    ensure_open(item)
    reason = reason.strip()
    if not reason:
        raise ReviewProblem(_("Write why this is discarded: the reason is kept with it."))
    _mark_resolved(item, coordinator, QuarantineStatus.DISCARDED, reason)
    record_event(
        AuditAction.QUARANTINE_DISCARD,
        coordinator,
        f"quarantine item {item.id}",
        campaign=find_campaign(item.campaign_slug),
        details={"item": item.id, "uuid": item.uuid, "reason": reason},
    )
    db.session.commit()
    log.info("%s discarded quarantine item %d", coordinator.username, item.id)


def ensure_open(item: QuarantineItem) -> None:
    if item.status != QuarantineStatus.OPEN:
        raise AlreadyResolved(already_resolved_message(item))


def already_resolved_message(item: QuarantineItem) -> str:
    who = db.session.get(User, item.resolved_by_id) if item.resolved_by_id else None
    name = who.username if who else "?"
    when = local_datetime(item.resolved_at)
    if item.status == QuarantineStatus.RELEASED:
        return _(
            "This item was already released by %(name)s on %(when)s. It cannot be changed again.",
            name=name,
            when=when,
        )
    return _(
        "This item was already discarded by %(name)s on %(when)s. It cannot be changed again.",
        name=name,
        when=when,
    )


# -- the payload as fixed ---------------------------------------------------------------


def fixed_payload(item: QuarantineItem, fixes: Fixes) -> Any:
    """The payload to release: the edited text (or the kept payload) with the choices."""
    if fixes.payload_text is not None and fixes.payload_text.strip():
        payload = parse_json(fixes.payload_text)
    elif item.payload is not None:
        payload = json.loads(json.dumps(item.payload))  # a copy: the kept one never changes
    else:
        raise ReviewProblem(
            _("What was received is not readable. Write the interview as JSON in the box first.")
        )
    if not isinstance(payload, dict):
        return payload  # intake says what is wrong with it
    if fixes.version is not None:
        payload["version"] = fixes.version
    if fixes.change_campaign:
        payload["campaign"] = fixes.campaign
    if fixes.as_new:
        payload["uuid"] = str(uuid_module.uuid4())
    return payload


def parse_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except ValueError as error:
        raise ReviewProblem(
            _("The text in the box is not valid JSON: %(error)s", error=str(error))
        ) from error


def _refuse_constant(name: str) -> None:
    # NaN and Infinity are not JSON, as the API says too.
    raise ValueError(f"{name} is not a JSON number")


def _outside_the_links_campaign(item: QuarantineItem, payload: Any) -> str | None:
    """A respondent link allows its own campaign only; a release must not move it."""
    if item.respondent_link_id is None or not isinstance(payload, dict):
        return None
    link = db.session.get(RespondentLink, item.respondent_link_id)
    if link is None or payload.get("campaign") == link.campaign.slug:
        return None
    return _(
        "This was sent through a respondent link of campaign '%(slug)s'; it can only be "
        "stored in that campaign.",
        slug=link.campaign.slug,
    )


def describe_changes(original: Any, fixed: Any) -> dict[str, Any]:
    """What differs between the kept payload and the released one, field by field."""
    if not isinstance(original, dict) or not isinstance(fixed, dict):
        return {} if original == fixed else {"rewritten": True}
    changes: dict[str, Any] = {}
    for key in CHOSEN_FIELDS:
        if original.get(key) != fixed.get(key):
            changes[key] = [original.get(key), fixed.get(key)]
    edited = [
        key
        for key in sorted(set(original) | set(fixed))
        if key not in CHOSEN_FIELDS and key != "answers" and original.get(key) != fixed.get(key)
    ]
    before, after = original.get("answers"), fixed.get("answers")
    if isinstance(before, dict) and isinstance(after, dict):
        edited += [
            f"answers.{key}"
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        ]
    elif before != after:
        edited.append("answers")
    if edited:
        changes["edited"] = edited
    return changes


def release_note(changes: dict[str, Any], *, already_stored: bool) -> str:
    """The changes in words, kept with the item for whoever reads it later."""
    lines = []
    if "rewritten" in changes:
        lines.append(_("Written out again by hand from what was received."))
    if "version" in changes:
        old, new = changes["version"]
        lines.append(_("Version changed from %(old)s to %(new)s.", old=old, new=new))
    if "campaign" in changes:
        old, new = (value or _("no campaign") for value in changes["campaign"])
        lines.append(_("Campaign changed from %(old)s to %(new)s.", old=old, new=new))
    if "uuid" in changes:
        old, new = changes["uuid"]
        lines.append(
            _(
                "Kept as a separate interview with the new number %(new)s; the original "
                "number was %(old)s.",
                new=new,
                old=old,
            )
        )
    if "edited" in changes:
        lines.append(_("Edited by hand: %(fields)s.", fields=", ".join(changes["edited"])))
    if not lines:
        lines.append(_("Released as it was sent."))
    if already_stored:
        lines.append(_("The same interview was already stored, so nothing new was added."))
    return " ".join(lines)


# -- recording the decision -------------------------------------------------------------


def _mark_resolved(
    item: QuarantineItem,
    coordinator: User,
    status: str,
    note: str,
    submission_id: int | None = None,
) -> None:
    """Change the status only if it is still open: of two coordinators deciding at the
    same moment, the second finds the row changed and nothing of theirs is kept."""
    changed = db.session.execute(
        update(QuarantineItem)
        .where(QuarantineItem.id == item.id, QuarantineItem.status == QuarantineStatus.OPEN)
        .values(
            status=status,
            resolved_by_id=coordinator.id,
            resolved_at=utcnow(),
            resolution_note=note,
            submission_id=submission_id,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        db.session.refresh(item)
        raise AlreadyResolved(already_resolved_message(item))
    db.session.expire(item)


def _campaign_of_submission(submission_id: int) -> Campaign | None:
    return db.session.scalar(
        select(Campaign)
        .join(Submission, Submission.campaign_id == Campaign.id)
        .where(Submission.id == submission_id)
    )
