"""Intake through a respondent link: only to the link's campaign and form, nothing lost.

Intake itself checks the answers; this adds what only a link knows. A payload naming
another form or campaign is refused, and one sent after the link was closed is not
stored: both are kept in quarantine with the link's id, for a coordinator to review.
"""

from typing import Any

from flask_babel import gettext as _

from collector.campaigns.models import RespondentLink
from collector.intake.models import QuarantineReason
from collector.intake.operations import IntakeResult, in_lock_order, receive_submission
from collector.intake.quarantine import keep_in_quarantine

GONE = 410


def receive_from_link(payload: Any, link: RespondentLink) -> IntakeResult:
    """Check and store one submission sent through an open `link`; the caller commits."""
    payload = _with_link_campaign(payload, link)
    problems = _outside_link(payload, link)
    if problems:
        item = _keep(payload, problems, link)
        body = {
            "uuid": _uuid_of(payload),
            "status": "invalid",
            "errors": problems,
            "message": _(
                "Some answers could not be accepted. They are kept for a coordinator to review."
            ),
            "quarantine_id": item.id,
        }
        return IntakeResult(422, body)
    return receive_submission(payload, None, respondent_link_id=link.id)


def receive_link_batch(items: list[Any], link: RespondentLink) -> list[IntakeResult]:
    """Each item through `link`, results in the order of `items`."""
    return in_lock_order(items, lambda item: receive_from_link(item, link))


def keep_after_close(payload: Any, link: RespondentLink) -> IntakeResult:
    """A submission that reached a closed link: kept in quarantine, answered 410.

    The person filled the form while the link was open; their answers are not thrown away
    but not counted either, until a coordinator releases them.
    """
    errors = {"link": [_("the link was closed before these answers arrived")]}
    item = _keep(payload, errors, link)
    body = {
        "uuid": _uuid_of(payload),
        "status": "gone",
        "errors": errors,
        "message": closed_message(),
        "quarantine_id": item.id,
    }
    return IntakeResult(GONE, body)


def closed_message() -> str:
    return _(
        "This survey is closed now. Your answers arrived and are kept, but they may not be "
        "counted. Thank you for your time."
    )


def _with_link_campaign(payload: Any, link: RespondentLink) -> Any:
    """A payload that names no campaign is for the link's campaign."""
    if isinstance(payload, dict) and payload.get("campaign") is None:
        return {**payload, "campaign": link.campaign.slug}
    return payload


def _outside_link(payload: Any, link: RespondentLink) -> dict[str, list[str]]:
    if not isinstance(payload, dict):
        return {}  # intake refuses (and keeps) it with its own words
    campaign = link.campaign
    problems = {}
    if payload.get("form") != campaign.form.key:
        problems["form"] = [_("this link is for the form '%(form)s' only", form=campaign.form.key)]
    if payload.get("campaign") != campaign.slug:
        problems["campaign"] = [
            _("this link is for the campaign '%(slug)s' only", slug=campaign.slug)
        ]
    return problems


def _keep(payload: Any, errors: dict[str, list[str]], link: RespondentLink):
    return keep_in_quarantine(
        QuarantineReason.INVALID,
        errors,
        None,
        payload=payload,
        uuid=_uuid_of(payload),
        respondent_link_id=link.id,
    )


def _uuid_of(payload: Any) -> str | None:
    uuid_value = payload.get("uuid") if isinstance(payload, dict) else None
    return str(uuid_value)[:64] if isinstance(uuid_value, str) else None
