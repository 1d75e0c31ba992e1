"""Receive one submission: check it, store it exactly once, or keep it in quarantine."""

import functools
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import Insert, select
from sqlalchemy.dialects import postgresql, sqlite

from collector.auth.models import Role, User
from collector.campaigns.models import Campaign, campaign_interviewers
from collector.database import dialect_name
from collector.extensions import db
from collector.intake.answers import check_answers
from collector.intake.envelope import SubmissionSchema
from collector.intake.models import QuarantineItem, QuarantineReason, Submission
from collector.intake.quarantine import fingerprint, keep_in_quarantine
from collector.schema.versions import find_published_schema


@dataclass
class IntakeResult:
    """The answer for one submission: an HTTP status and a JSON body."""

    status: int
    body: dict[str, Any] = field(default_factory=dict)
    # The stored submission (new, or found as this very retry); None when refused.
    submission_id: int | None = None


@dataclass(frozen=True)
class _Sender:
    user: User | None
    respondent_link_id: int | None
    # False for a coordinator releasing a quarantined payload: refusals are answered but
    # not kept a second time.
    keep_refused: bool


def receive_submission(
    payload: Any,
    user: User | None,
    *,
    respondent_link_id: int | None = None,
    keep_refused: bool = True,
) -> IntakeResult:
    """Check and store one submission; the caller commits the session.

    `user` is the interviewer or coordinator who sends it; a respondent's link sends with
    no user and its `respondent_link_id`.
    """
    sender = _Sender(user, respondent_link_id, keep_refused)
    checked = _check(payload, sender, _Lookups())
    if isinstance(checked, IntakeResult):
        return checked
    return _store_all([checked])[0]


def receive_batch(items: list[Any], user: User | None) -> list[IntakeResult]:
    """Receive each item of a batch; results are in the order of `items`.

    Every item is checked first, then all the valid ones are stored with one INSERT: a
    batch costs a few round trips, not a few per item. Items are handled in uuid order
    (see `in_lock_order`), which the INSERT keeps.
    """
    sender = _Sender(user, None, keep_refused=True)
    lookups = _Lookups()
    results: list[IntakeResult | None] = [None] * len(items)
    to_store: list[tuple[int, _Checked]] = []
    for index in sorted(range(len(items)), key=lambda i: _uuid_sort_key(items[i])):
        checked = _check(items[index], sender, lookups)
        if isinstance(checked, IntakeResult):
            results[index] = checked
        else:
            to_store.append((index, checked))
    stored = _store_all([checked for _index, checked in to_store])
    for (index, _checked), result in zip(to_store, stored, strict=True):
        results[index] = result
    return results  # type: ignore[return-value]


def in_lock_order(items: list[Any], receive: Callable[[Any], IntakeResult]) -> list[IntakeResult]:
    """`receive` each item in uuid order; results in the order of `items`.

    Two batches that share uuids then take their row locks in the same order on
    PostgreSQL and cannot deadlock.
    """
    results: list[IntakeResult | None] = [None] * len(items)
    for index in sorted(range(len(items)), key=lambda i: _uuid_sort_key(items[i])):
        results[index] = receive(items[index])
    return results  # type: ignore[return-value]


def _uuid_sort_key(item: Any) -> str:
    uuid_value = item.get("uuid") if isinstance(item, dict) else None
    return str(uuid_value).lower() if uuid_value is not None else ""


@dataclass
class _Target:
    version_id: int
    schema: dict[str, Any]
    campaign_id: int | None


@dataclass
class _Checked:
    """A submission that passed every check, ready to be stored."""

    envelope: dict[str, Any]
    payload: dict[str, Any]
    target: _Target
    sender: _Sender


class _Lookups:
    """What the items of one request share, looked up once: campaigns by slug and whether
    the sender may collect for them. Neither changes within a request."""

    def __init__(self) -> None:
        self._campaigns: dict[str, Any] = {}
        self._may_collect: dict[tuple[int | None, int], bool] = {}

    def campaign(self, slug: str) -> Any:
        if slug not in self._campaigns:
            self._campaigns[slug] = db.session.execute(
                select(Campaign.id, Campaign.form_id).where(Campaign.slug == slug)
            ).first()
        return self._campaigns[slug]

    def may_collect(self, user: User | None, campaign_id: int) -> bool:
        key = (user.id if user else None, campaign_id)
        if key not in self._may_collect:
            self._may_collect[key] = _may_collect_for(user, campaign_id)
        return self._may_collect[key]


# One schema object for every request: loading keeps no state on it.
_ENVELOPE = SubmissionSchema()


def _check(payload: Any, sender: _Sender, lookups: _Lookups) -> IntakeResult | _Checked:
    """The refusal (kept in quarantine) if `payload` cannot be stored, else what to store."""
    uuid_text = payload.get("uuid") if isinstance(payload, dict) else None
    try:
        envelope = _ENVELOPE.load(payload) if isinstance(payload, dict) else None
    except ValidationError as error:
        return _refuse_invalid(payload, _flat_errors(error.messages), sender, uuid_text)
    if envelope is None:
        errors = {"_": [_("a submission must be a JSON object")]}
        return _refuse_invalid(payload, errors, sender, None)
    problems, target = _resolve_target(envelope, sender.user, lookups)
    if problems:
        return _refuse_invalid(payload, problems, sender, uuid_text)
    answer_errors = check_answers(
        target.schema, envelope["answers"], today=_day_of(envelope), lang=envelope["lang"]
    )
    if answer_errors:
        errors = {f"answers.{key}": messages for key, messages in answer_errors.items()}
        return _refuse_invalid(payload, errors, sender, uuid_text)
    return _Checked(envelope, payload, target, sender)


def _resolve_target(
    envelope: dict[str, Any], user: User | None, lookups: _Lookups
) -> tuple[dict[str, list[str]], _Target | None]:
    published = find_published_schema(envelope["form"], envelope["version"])
    if published is None:
        return {
            "version": [
                _(
                    "form '%(form)s' has no published version %(version)d",
                    form=envelope["form"],
                    version=envelope["version"],
                )
            ]
        }, None
    campaign_id = None
    if envelope["campaign"] is not None:
        campaign = lookups.campaign(envelope["campaign"])
        if campaign is None:
            return {
                "campaign": [_("there is no campaign '%(slug)s'", slug=envelope["campaign"])]
            }, None
        if campaign.form_id != published.form_id:
            return {
                "campaign": [
                    _(
                        "campaign '%(slug)s' collects another form, not '%(form)s'",
                        slug=envelope["campaign"],
                        form=envelope["form"],
                    )
                ]
            }, None
        if not lookups.may_collect(user, campaign.id):
            return {
                "campaign": [
                    _(
                        "%(name)s is not an interviewer of campaign '%(slug)s'; a coordinator "
                        "can add them, then release this interview",
                        name=user.username,
                        slug=envelope["campaign"],
                    )
                ]
            }, None
        campaign_id = campaign.id
    return {}, _Target(published.version_id, published.schema, campaign_id)


def _may_collect_for(user: User | None, campaign_id: int) -> bool:
    """Coordinators (and respondent links, which are checked before) may; an interviewer
    only for a campaign they are assigned to. A closed campaign still takes interviews:
    a phone may sync days after the fieldwork ended."""
    if user is None or user.role == Role.COORDINATOR:
        return True
    assigned = select(campaign_interviewers).where(
        campaign_interviewers.c.campaign_id == campaign_id,
        campaign_interviewers.c.user_id == user.id,
    )
    return bool(db.session.scalar(select(assigned.exists())))


def _day_of(envelope: dict[str, Any]) -> str:
    # `today()` in a constraint means the day the interview was made, not the day it synced.
    moment = envelope["completed_at"] or envelope["started_at"] or datetime.now(UTC)
    return moment.date().isoformat()


def _store_all(items: list[_Checked]) -> list[IntakeResult]:
    """Store each new uuid once; a uuid already stored is a retry (200) or a conflict (409).

    One INSERT for all the items, in the order given (uuid order for a batch), and one
    SELECT for the uuids it did not insert. Insert-or-nothing on the unique uuid: two
    clients racing with one uuid cannot both win, and neither gets an error, whatever the
    timing.
    """
    if not items:
        return []
    rows: list[dict[str, Any]] = []
    digests = [fingerprint(item.payload) for item in items]
    first_of: dict[Any, int] = {}  # uuid -> the position of its first item
    for position, (item, digest) in enumerate(zip(items, digests, strict=True)):
        uuid_value = item.envelope["uuid"]
        if uuid_value in first_of:
            continue  # the same uuid twice in one batch: the later one is a resend
        first_of[uuid_value] = position
        rows.append(_row(item, digest))
    inserted = {
        row.uuid: row.id
        for row in db.session.execute(_insert_if_new_statement(dialect_name()), rows)
    }
    missing = [u for u in first_of if u not in inserted]
    stored = {}
    if missing:
        stored = {
            row.uuid: row
            for row in db.session.execute(
                select(Submission.uuid, Submission.id, Submission.content_hash).where(
                    Submission.uuid.in_(missing)
                )
            )
        }
    results = []
    for position, (item, digest) in enumerate(zip(items, digests, strict=True)):
        uuid_value = item.envelope["uuid"]
        uuid_text = str(uuid_value)
        if first_of[uuid_value] == position and uuid_value in inserted:
            result = IntakeResult(
                201, {"uuid": uuid_text, "status": "stored"}, inserted[uuid_value]
            )
        else:
            if uuid_value in inserted:
                stored_id, stored_digest = inserted[uuid_value], digests[first_of[uuid_value]]
            else:
                stored_id, stored_digest = stored[uuid_value].id, stored[uuid_value].content_hash
            if stored_digest == digest:
                result = IntakeResult(
                    200, {"uuid": uuid_text, "status": "already_stored"}, stored_id
                )
            else:
                result = _refuse_conflict(item, uuid_text)
        results.append(result)
    return results


def _row(item: _Checked, digest: str) -> dict[str, Any]:
    envelope, user = item.envelope, item.sender.user
    return {
        "uuid": envelope["uuid"],
        "form_version_id": item.target.version_id,
        "campaign_id": item.target.campaign_id,
        "submitted_by_id": user.id if user else None,
        "respondent_link_id": item.sender.respondent_link_id,
        "lang": envelope["lang"],
        "started_at": _as_utc(envelope["started_at"]),
        "completed_at": _as_utc(envelope["completed_at"]),
        "received_at": datetime.now(UTC),
        "answers": envelope["answers"],
        "content_hash": digest,
    }


def _refuse_conflict(item: _Checked, uuid_text: str) -> IntakeResult:
    errors = {
        "uuid": [_("another submission with this uuid, with other answers, is already stored")]
    }
    return _refuse(
        409,
        QuarantineReason.CONFLICT,
        errors,
        item.sender,
        item.payload,
        uuid_text,
        told=_("This interview was already received with other answers."),
        told_when_kept=_(
            "This interview was already received with other answers. This copy is kept "
            "for a coordinator to review."
        ),
    )


@functools.cache
def _insert_if_new_statement(dialect: str) -> Insert:
    """Built once per dialect and run with each request's rows (an executemany that
    SQLAlchemy sends as one multi-row INSERT): building a statement per item, with its
    values inline, cost more than the insert itself."""
    table = Submission.__table__
    dialect_insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    return (
        dialect_insert(table)
        .on_conflict_do_nothing(index_elements=["uuid"])
        .returning(table.c.uuid, table.c.id)
    )


def _as_utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment else None


def _refuse_invalid(
    payload: Any, errors: dict[str, list[str]], sender: _Sender, uuid_text: Any
) -> IntakeResult:
    uuid_value = str(uuid_text)[:64] if isinstance(uuid_text, str) else None
    return _refuse(
        422,
        QuarantineReason.INVALID,
        errors,
        sender,
        payload,
        uuid_value,
        told=_("Some answers could not be accepted."),
        told_when_kept=_(
            "Some answers could not be accepted. They are kept for a coordinator to review."
        ),
    )


def _refuse(
    status: int,
    reason: str,
    errors: dict[str, list[str]],
    sender: _Sender,
    payload: Any,
    uuid_value: str | None,
    *,
    told: str,
    told_when_kept: str,
) -> IntakeResult:
    """The answer to a refused submission, kept in quarantine unless a review re-checks it."""
    body: dict[str, Any] = {
        "uuid": uuid_value,
        "status": "conflict" if status == 409 else "invalid",
        "errors": errors,
        "message": told,
    }
    if sender.keep_refused:
        item = keep_in_quarantine(
            reason,
            errors,
            sender.user,
            payload=payload,
            uuid=uuid_value,
            respondent_link_id=sender.respondent_link_id,
        )
        body["message"] = told_when_kept
        body["quarantine_id"] = item.id
    return IntakeResult(status, body)


def keep_malformed_body(raw_body: str, problem: str, user: User | None) -> QuarantineItem:
    """A body that is not even JSON is still kept, as text."""
    return keep_in_quarantine(QuarantineReason.MALFORMED, {"_": [problem]}, user, raw_body=raw_body)


def _flat_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {"answers.x": [...]}, readable by any client."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for sub_key, sub_messages in _flat_errors(value, name).items():
                flat.setdefault(sub_key, []).extend(sub_messages)
    elif isinstance(messages, list):
        flat[prefix or "_"] = [str(message) for message in messages]
    else:
        flat[prefix or "_"] = [str(messages)]
    return flat


def already_stored(uuid_text: str, answers: dict[str, Any]) -> bool:
    """Whether these exact answers are stored under this uuid: a page posted twice."""
    stored = db.session.scalar(
        select(Submission.answers).where(Submission.uuid == uuid_module.UUID(uuid_text))
    )
    return stored == answers
