"""Writes to campaigns: each one is recorded in the audit log in the same transaction, so
the log never tells of a change that was rolled back nor misses one that was kept."""

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from collector.audit.events import record_event
from collector.audit.models import AuditAction
from collector.auth.models import User
from collector.campaigns.models import Campaign
from collector.extensions import db
from collector.schema.models import Form
from collector.types import utcnow

log = logging.getLogger(__name__)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
# Ids that are words of the campaign pages' own addresses (/campaigns/new).
RESERVED_SLUGS = frozenset({"new"})


class CampaignProblem(Exception):
    """A campaign could not be made or changed; the message says why and what to do."""


@dataclass(frozen=True)
class CampaignSettings:
    """What a coordinator may change after a campaign is opened (its id and form stay)."""

    title: str
    starts_on: date | None
    ends_on: date | None
    target: int | None
    interviewers: list[str]  # user names


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot name a new campaign, or None when it can."""
    if not SLUG.match(slug):
        return _(
            "'%(slug)s' cannot be a campaign id: use small Latin letters (a–z), digits and "
            "dashes, like cesis-2026.",
            slug=slug,
        )
    if slug in RESERVED_SLUGS or _slug_taken(slug):
        return _("A campaign '%(slug)s' already exists; choose another id.", slug=slug)
    return None


def dates_problem(starts_on: date | None, ends_on: date | None) -> str | None:
    if starts_on and ends_on and ends_on < starts_on:
        return _("The last day is before the first day. Check the dates.")
    return None


def create_campaign(
    slug: str,
    form_key: str,
    title: str | None,
    target: int | None,
    interviewers: list[str],
    *,
    starts_on: date | None = None,
    ends_on: date | None = None,
    user: User | None = None,
) -> Campaign:
    """Open a campaign and commit; `user` None means the command line."""
    problem = slug_problem(slug) or dates_problem(starts_on, ends_on)
    if problem:
        raise CampaignProblem(problem)
    form = db.session.scalar(select(Form).where(Form.key == form_key))
    if form is None:
        raise CampaignProblem(
            _(
                "There is no published form '%(form)s'. Publish it first: "
                "collector forms import forms/",
                form=form_key,
            )
        )
    campaign = Campaign(
        slug=slug,
        form=form,
        title=title or slug,
        target=target,
        starts_on=starts_on,
        ends_on=ends_on,
        interviewers=_users(interviewers),
    )
    db.session.add(campaign)
    db.session.flush()  # the event names the campaign by its id
    record_event(
        AuditAction.CAMPAIGN_CREATE,
        user,
        _target(campaign),
        campaign=campaign,
        details={"form": form_key, **_as_details(_settings_of(campaign))},
    )
    _commit_or_taken(slug)
    log.info("opened campaign %s for %s", slug, form_key)
    return campaign


def update_campaign(
    campaign: Campaign, settings: CampaignSettings, user: User | None
) -> dict[str, dict[str, Any]]:
    """Apply `settings` and commit; returns what changed as {field: {old, new}} (nothing
    changed: no event, nothing written)."""
    problem = dates_problem(settings.starts_on, settings.ends_on)
    if problem:
        raise CampaignProblem(problem)
    users = _users(settings.interviewers)
    old = _as_details(_settings_of(campaign))
    new = _as_details(settings)
    changes = {name: {"old": old[name], "new": new[name]} for name in old if old[name] != new[name]}
    if not changes:
        return changes
    campaign.title = settings.title
    campaign.starts_on = settings.starts_on
    campaign.ends_on = settings.ends_on
    campaign.target = settings.target
    campaign.interviewers = users
    record_event(
        AuditAction.CAMPAIGN_UPDATE, user, _target(campaign), campaign=campaign, details=changes
    )
    db.session.commit()
    log.info("changed campaign %s: %s", campaign.slug, ", ".join(changes))
    return changes


def close_campaign(campaign: Campaign, user: User | None) -> bool:
    """Stop offering the campaign to interviewers; phones may still send what they hold.
    False when it was closed already (nothing is written)."""
    if campaign.closed_at is not None:
        return False
    campaign.closed_at = utcnow()
    record_event(AuditAction.CAMPAIGN_CLOSE, user, _target(campaign), campaign=campaign)
    db.session.commit()
    log.info("closed campaign %s", campaign.slug)
    return True


def reopen_campaign(campaign: Campaign, user: User | None) -> bool:
    """Offer a closed campaign again. False when it was open already."""
    if campaign.closed_at is None:
        return False
    closed_at = campaign.closed_at
    campaign.closed_at = None
    record_event(
        AuditAction.CAMPAIGN_REOPEN,
        user,
        _target(campaign),
        campaign=campaign,
        details={"closed_at": closed_at.isoformat()},
    )
    db.session.commit()
    log.info("reopened campaign %s", campaign.slug)
    return True


def _slug_taken(slug: str) -> bool:
    return db.session.scalar(select(Campaign.id).where(Campaign.slug == slug)) is not None


def _users(names: list[str]) -> list[User]:
    users = db.session.scalars(
        select(User).where(User.username.in_(names)).order_by(User.username)
    ).all()
    missing = sorted(set(names) - {user.username for user in users})
    if missing:
        raise CampaignProblem(
            _(
                "No such user: %(names)s. Create each with: "
                "collector users create NAME --role interviewer",
                names=", ".join(missing),
            )
        )
    return list(users)


def _settings_of(campaign: Campaign) -> CampaignSettings:
    return CampaignSettings(
        title=campaign.title,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        target=campaign.target,
        interviewers=[user.username for user in campaign.interviewers],
    )


def _as_details(settings: CampaignSettings) -> dict[str, Any]:
    """Settings as JSON for the audit log: days as ISO text, names sorted."""
    return {
        "title": settings.title,
        "starts_on": settings.starts_on.isoformat() if settings.starts_on else None,
        "ends_on": settings.ends_on.isoformat() if settings.ends_on else None,
        "target": settings.target,
        "interviewers": sorted(settings.interviewers),
    }


def _target(campaign: Campaign) -> str:
    return f"campaign {campaign.slug}"


def _commit_or_taken(slug: str) -> None:
    # Two coordinators may pick the same id at the same moment: the unique index decides.
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise CampaignProblem(
            _("A campaign '%(slug)s' already exists; choose another id.", slug=slug)
        ) from None
