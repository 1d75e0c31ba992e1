"""Writes to campaigns, each logged."""

import logging
import re

from flask_babel import gettext as _
from sqlalchemy import select

from collector.auth.models import User
from collector.campaigns.models import Campaign
from collector.extensions import db
from collector.schema.models import Form

log = logging.getLogger(__name__)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class CampaignProblem(Exception):
    """A campaign could not be made; the message says why and what to do."""


def create_campaign(
    slug: str, form_key: str, title: str | None, target: int | None, interviewers: list[str]
) -> Campaign:
    if not SLUG.match(slug):
        raise CampaignProblem(
            _(
                "'%(slug)s' cannot be a campaign id: use small Latin letters (a–z), digits and "
                "dashes, "
                "like cesis-2026.",
                slug=slug,
            )
        )
    if db.session.scalar(select(Campaign).where(Campaign.slug == slug)):
        raise CampaignProblem(
            _("A campaign '%(slug)s' already exists; choose another id.", slug=slug)
        )
    form = db.session.scalar(select(Form).where(Form.key == form_key))
    if form is None:
        raise CampaignProblem(
            _(
                "There is no published form '%(form)s'. Publish it first: "
                "collector forms import forms/",
                form=form_key,
            )
        )
    users = db.session.scalars(select(User).where(User.username.in_(interviewers))).all()
    missing = sorted(set(interviewers) - {user.username for user in users})
    if missing:
        raise CampaignProblem(
            _(
                "No such user: %(names)s. Create each with: "
                "collector users create NAME --role interviewer",
                names=", ".join(missing),
            )
        )
    campaign = Campaign(
        slug=slug, form=form, title=title or slug, target=target, interviewers=users
    )
    db.session.add(campaign)
    db.session.commit()
    log.info("opened campaign %s for %s", slug, form_key)
    return campaign
