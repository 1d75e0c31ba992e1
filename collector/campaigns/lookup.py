"""Finding a campaign by the id people use for it (its slug)."""

from flask import abort
from sqlalchemy import select

from collector.campaigns.models import Campaign
from collector.extensions import db


def find_campaign(slug: str | None) -> Campaign | None:
    if not slug:
        return None
    return db.session.scalar(select(Campaign).where(Campaign.slug == slug))


def campaign_or_404(slug: str) -> Campaign:
    """The campaign a page's URL names; an unknown one is 404."""
    return find_campaign(slug) or abort(404)
