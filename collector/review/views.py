"""Quarantine review pages: the list of kept payloads, one item with its errors, and the
release and discard actions (plain HTML forms; coordinators only).

Everything shown of a payload is what a client sent: the templates print it as text
(Jinja escapes it), never as markup.
"""

import json
import uuid as uuid_module
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import defer

from collector.auth.access import coordinator_required
from collector.auth.models import User
from collector.auth.session import current_user
from collector.campaigns.models import Campaign
from collector.clock import local_datetime, local_time
from collector.extensions import db
from collector.i18n import in_language
from collector.intake.models import QuarantineItem, QuarantineReason, QuarantineStatus, Submission
from collector.review.forms import DiscardForm, ReleaseForm, release_form
from collector.review.operations import (
    AlreadyResolved,
    ReviewProblem,
    discard_item,
    release_item,
)
from collector.schema.normalise import all_questions
from collector.schema.versions import find_version
from collector.schema.vocabulary import OTHER_SUFFIX
from collector.types import as_utc

bp = Blueprint("review", __name__, template_folder="templates")
PAGE_SIZE = 50

STATUS_LABELS = {
    QuarantineStatus.OPEN: _l("Waiting for review"),
    QuarantineStatus.RELEASED: _l("Released"),
    QuarantineStatus.DISCARDED: _l("Discarded"),
}
REASON_LABELS = {
    QuarantineReason.INVALID: _l("Some answers did not pass the checks"),
    QuarantineReason.CONFLICT: _l("Already received with other answers"),
    QuarantineReason.MALFORMED: _l("Could not be read (not valid JSON)"),
}
FIELD_LABELS = {
    "_": _l("The whole interview"),
    "uuid": _l("Interview number (uuid)"),
    "form": _l("Form"),
    "version": _l("Form version"),
    "campaign": _l("Campaign"),
    "lang": _l("Language"),
    "started_at": _l("Started"),
    "completed_at": _l("Finished"),
    "answers": _l("Answers"),
}
# The envelope in the order people read it (PostgreSQL does not keep the order of keys).
ENVELOPE_ORDER = ("uuid", "form", "version", "campaign", "lang", "started_at", "completed_at")
ANSWER_PREFIX = "answers."


# -- the list ---------------------------------------------------------------------------


@bp.get("/quarantine")
@coordinator_required
def index():
    status = request.args.get("status")
    if status not in STATUS_LABELS:
        status = QuarantineStatus.OPEN
    campaign_slug = request.args.get("campaign") or None
    before = request.args.get("before", type=int)
    query = (
        select(QuarantineItem)
        .options(defer(QuarantineItem.raw_body))  # up to megabytes each; not listed
        .where(QuarantineItem.status == status)
        .order_by(QuarantineItem.id.desc())
        .limit(PAGE_SIZE + 1)
    )
    counting = select(QuarantineItem.status, func.count()).group_by(QuarantineItem.status)
    if campaign_slug:
        query = query.where(QuarantineItem.campaign_slug == campaign_slug)
        counting = counting.where(QuarantineItem.campaign_slug == campaign_slug)
    if before:
        query = query.where(QuarantineItem.id < before)
    items = db.session.scalars(query).all()
    more = len(items) > PAGE_SIZE
    items = items[:PAGE_SIZE]
    counts = dict(db.session.execute(counting).all())
    names = _usernames(item.submitted_by_id for item in items)
    questions = _QuestionLabels()
    return render_template(
        "review/index.html",
        rows=[_row(item, names, questions) for item in items],
        tabs=[
            {
                "status": code,
                "label": label,
                "count": counts.get(code, 0),
                "url": url_for("review.index", status=code, campaign=campaign_slug),
            }
            for code, label in STATUS_LABELS.items()
        ],
        status=status,
        open_count=counts.get(QuarantineStatus.OPEN, 0),
        campaigns=_campaign_filter_choices(),
        chosen_campaign=campaign_slug,
        older_url=url_for(
            "review.index", status=status, campaign=campaign_slug, before=items[-1].id
        )
        if more
        else None,
    )


def _row(item: QuarantineItem, names: dict[int, str], questions: "_QuestionLabels") -> dict:
    errors = error_lines(item.errors, questions.for_payload(item.payload))
    first = next((line for line in errors if line["messages"]), None)
    return {
        "id": item.id,
        "url": url_for("review.item", item_id=item.id),
        "received": local_datetime(item.received_at),
        "received_iso": as_utc(item.received_at).isoformat(),
        "sender": sender_text(item, names),
        "reason": REASON_LABELS.get(item.reason, item.reason),
        "campaign": item.campaign_slug,
        "first_error": f"{first['label']}: {first['messages'][0]}" if first else "",
    }


def _campaign_filter_choices() -> list[tuple[str, str]]:
    """Every campaign, and any other name a kept payload gave (a misspelt one, say)."""
    choices = {
        campaign.slug: f"{campaign.title} ({campaign.slug})"
        for campaign in db.session.scalars(select(Campaign))
    }
    named = db.session.scalars(
        select(QuarantineItem.campaign_slug)
        .where(QuarantineItem.campaign_slug.is_not(None))
        .distinct()
    )
    for slug in named:
        choices.setdefault(slug, _("%(slug)s (no such campaign)", slug=slug))
    return sorted(choices.items())


# -- one item ---------------------------------------------------------------------------


@bp.get("/quarantine/<int:item_id>")
@coordinator_required
def item(item_id: int):
    return _item_page(_item_or_404(item_id))


@bp.post("/quarantine/<int:item_id>/release")
@coordinator_required
def release(item_id: int):
    item = _item_or_404(item_id)
    if item.status != QuarantineStatus.OPEN:
        return _resolved_already(item)
    form = release_form(item, payload_text(item))
    if not form.validate_on_submit():
        return _item_page(item, filled_release=form, status=422)
    try:
        outcome = release_item(item, current_user(), form.fixes())
    except AlreadyResolved:
        return _resolved_already(item)
    if not outcome.released:
        return _item_page(
            item,
            filled_release=form,
            release_errors=outcome.errors,
            conflict=outcome.conflict,
            status=422,
        )
    return redirect(url_for("review.item", item_id=item.id), 303)


@bp.post("/quarantine/<int:item_id>/discard")
@coordinator_required
def discard(item_id: int):
    item = _item_or_404(item_id)
    if item.status != QuarantineStatus.OPEN:
        return _resolved_already(item)
    form = DiscardForm()
    if not form.validate_on_submit():
        return _item_page(item, filled_discard=form, status=422)
    try:
        discard_item(item, current_user(), form.reason.data)
    except AlreadyResolved:
        return _resolved_already(item)
    except ReviewProblem as problem:
        form.reason.errors = [str(problem)]
        return _item_page(item, filled_discard=form, status=422)
    return redirect(url_for("review.item", item_id=item.id), 303)


def _item_or_404(item_id: int) -> QuarantineItem:
    item = db.session.get(QuarantineItem, item_id)
    if item is None:
        abort(404)
    return item


def _resolved_already(item: QuarantineItem):
    db.session.refresh(item)
    if item.status == QuarantineStatus.RELEASED:
        message = _("This item was already released. A decision is made only once.")
    else:
        message = _("This item was already discarded. A decision is made only once.")
    return _item_page(item, problem=message, status=400)


def _item_page(
    item: QuarantineItem,
    *,
    filled_release: ReleaseForm | None = None,
    filled_discard: DiscardForm | None = None,
    release_errors: dict[str, list[str]] | None = None,
    conflict: bool = False,
    problem: str | None = None,
    status: int = 200,
):
    labels = _QuestionLabels().for_payload(item.payload)
    names = _usernames([item.submitted_by_id, item.resolved_by_id])
    is_open = item.status == QuarantineStatus.OPEN
    if is_open:
        # A form posted with a problem comes back as it was filled in.
        filled_release = filled_release or release_form(item, payload_text(item))
        filled_discard = filled_discard or DiscardForm()
    page = render_template(
        "review/item.html",
        item=item,
        is_open=is_open,
        status_label=STATUS_LABELS.get(item.status, item.status),
        reason_label=REASON_LABELS.get(item.reason, item.reason),
        sender=sender_text(item, names),
        received=local_datetime(item.received_at),
        sent=_envelope_as_sent(item.payload),
        errors=error_lines(item.errors, labels),
        payload_text=pretty_json(item.payload, list(labels)) if item.payload is not None else None,
        comparison=conflict_comparison(item),
        resolution=_resolution(item, names) if not is_open else None,
        release_form=filled_release,
        discard_form=filled_discard,
        release_errors=error_lines(release_errors, labels) if release_errors else None,
        offer_as_new=item.reason == QuarantineReason.CONFLICT or conflict,
        problem=problem,
    )
    return page, status


def payload_text(item: QuarantineItem) -> str:
    """What the edit box starts with: the payload laid out, or the unreadable text."""
    if item.payload is not None:
        return pretty_json(item.payload, list(_QuestionLabels().for_payload(item.payload)))
    return item.raw_body or ""


def _envelope_as_sent(payload: Any) -> dict[str, Any] | None:
    """The form and version the payload names, as sent; None when it names no form."""
    if not isinstance(payload, dict) or "form" not in payload:
        return None
    return {"form": _value_text(payload["form"]), "version": _value_text(payload.get("version"))}


def _resolution(item: QuarantineItem, names: dict[int, str]) -> dict[str, Any]:
    stored_uuid = None
    if item.submission_id is not None:
        stored_uuid = db.session.scalar(
            select(Submission.uuid).where(Submission.id == item.submission_id)
        )
    return {
        "who": names.get(item.resolved_by_id or 0, "?"),
        "when": local_datetime(item.resolved_at),
        "note": item.resolution_note or "",
        "stored_uuid": str(stored_uuid) if stored_uuid else None,
    }


# -- saying things in words ---------------------------------------------------------------


def sender_text(item: QuarantineItem, names: dict[int, str]) -> str:
    if item.submitted_by_id is not None:
        return names.get(item.submitted_by_id, "?")
    if item.respondent_link_id is not None:
        return _("respondent link")
    return _("unknown")


def _usernames(user_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {user_id for user_id in user_ids if user_id is not None}
    if not wanted:
        return {}
    rows = db.session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


class _QuestionLabels:
    """Question labels of the version a payload names (else its form's latest), looked up
    once per version for a whole page."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, Any], dict[str, str]] = {}

    def for_payload(self, payload: Any) -> dict[str, str]:
        """Question id → label, in the form's order; empty when the form is unknown."""
        if not isinstance(payload, dict) or not isinstance(payload.get("form"), str):
            return {}
        number = payload.get("version")
        number = number if isinstance(number, int) and not isinstance(number, bool) else None
        key = (payload["form"], number)
        if key not in self._found:
            version = find_version(payload["form"], number)
            self._found[key] = question_labels(version.schema) if version else {}
        return self._found[key]


def question_labels(schema: dict[str, Any]) -> dict[str, str]:
    default = schema["languages"][0]
    return {q["id"]: in_language(q.get("label"), None, default) for q in all_questions(schema)}


def error_lines(
    errors: dict[str, list[str]] | None, labels: dict[str, str]
) -> list[dict[str, Any]]:
    """Errors as [{"field", "label", "messages"}]: the whole interview first, then the
    envelope, then answers in the order of the form's questions."""
    if not errors:
        return []
    order = {qid: index for index, qid in enumerate(labels)}

    def place(key: str) -> tuple[int, int, str]:
        if key == "_":
            return (0, 0, key)
        if key in ENVELOPE_ORDER:
            return (1, ENVELOPE_ORDER.index(key), key)
        if key.startswith(ANSWER_PREFIX):
            qid = key.removeprefix(ANSWER_PREFIX)
            base = qid.removesuffix(OTHER_SUFFIX)
            return (3, order.get(qid, order.get(base, len(order))), key)
        return (2, 0, key)

    return [
        {"field": key, "label": field_label(key, labels), "messages": _as_list(errors[key])}
        for key in sorted(errors, key=place)
    ]


def field_label(key: str, labels: dict[str, str]) -> str:
    if not key.startswith(ANSWER_PREFIX):
        return str(FIELD_LABELS.get(key, key))
    qid = key.removeprefix(ANSWER_PREFIX)
    if qid in labels:
        return _("Question “%(label)s” (%(id)s)", label=labels[qid], id=qid)
    base = qid.removesuffix(OTHER_SUFFIX)
    if base != qid and base in labels:
        return _("“Other” text of question “%(label)s” (%(id)s)", label=labels[base], id=qid)
    return _("Question %(id)s", id=qid)


def _as_list(messages: Any) -> list[str]:
    return [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]


def pretty_json(payload: Any, question_order: list[str]) -> str:
    """The payload laid out for reading: envelope first, answers in the form's order."""
    if isinstance(payload, dict):
        ordered = {key: payload[key] for key in ENVELOPE_ORDER if key in payload}
        ordered.update((key, payload[key]) for key in sorted(payload) if key not in ordered)
        if isinstance(ordered.get("answers"), dict):
            ordered["answers"] = _in_order(ordered["answers"], question_order)
        payload = ordered
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _in_order(answers: dict[str, Any], question_order: list[str]) -> dict[str, Any]:
    position = {qid: index for index, qid in enumerate(question_order)}
    keys = sorted(
        answers,
        key=lambda k: (position.get(k.removesuffix(OTHER_SUFFIX), len(position)), k),
    )
    return {key: answers[key] for key in keys}


# -- a conflict: the stored interview next to this copy -----------------------------------


def conflict_comparison(item: QuarantineItem) -> list[dict[str, Any]] | None:
    """Rows (label, stored, arrived, differs) for a conflict; None for other reasons,
    and an empty list when the stored interview cannot be found."""
    if item.reason != QuarantineReason.CONFLICT or not isinstance(item.payload, dict):
        return None
    try:
        stored_uuid = uuid_module.UUID(str(item.uuid))
    except ValueError:
        return []
    stored = db.session.scalar(select(Submission).where(Submission.uuid == stored_uuid))
    if stored is None:
        return []
    copy = item.payload
    campaign = db.session.get(Campaign, stored.campaign_id) if stored.campaign_id else None
    rows = [
        _compare(FIELD_LABELS["version"], stored.form_version.number, copy.get("version")),
        _compare(
            FIELD_LABELS["campaign"], campaign.slug if campaign else None, copy.get("campaign")
        ),
        _compare(FIELD_LABELS["lang"], stored.lang, copy.get("lang")),
        _compare_moment(FIELD_LABELS["started_at"], stored.started_at, copy.get("started_at")),
        _compare_moment(
            FIELD_LABELS["completed_at"], stored.completed_at, copy.get("completed_at")
        ),
    ]
    labels = question_labels(stored.form_version.schema)
    stored_answers = stored.answers or {}
    copy_answers = copy.get("answers") if isinstance(copy.get("answers"), dict) else {}
    for qid in _in_order({**stored_answers, **copy_answers}, list(labels)):
        rows.append(
            _compare(
                field_label(ANSWER_PREFIX + qid, labels),
                stored_answers.get(qid),
                copy_answers.get(qid),
            )
        )
    return rows


def _compare(label: Any, stored: Any, copy: Any) -> dict[str, Any]:
    return {
        "label": str(label),
        "stored": _value_text(stored),
        "arrived": _value_text(copy),
        "differs": stored != copy,
    }


def _compare_moment(label: Any, stored: datetime | None, sent: Any) -> dict[str, Any]:
    """Times compare as moments: 10:02Z and 13:02+03:00 are the same time."""
    parsed = None
    if isinstance(sent, str):
        try:
            parsed = datetime.fromisoformat(sent)
        except ValueError:
            parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        copy_text, copy_moment = _moment_text(parsed), parsed
    else:
        copy_text, copy_moment = _value_text(sent), sent
    stored_moment = as_utc(stored)
    return {
        "label": str(label),
        "stored": _moment_text(stored_moment) if stored_moment else _value_text(None),
        "arrived": copy_text,
        "differs": stored_moment != copy_moment,
    }


def _moment_text(moment: datetime) -> str:
    return local_time(moment).strftime("%Y-%m-%d %H:%M:%S")


def _value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
