"""Which campaigns a person may debrief: coordinators every one, interviewers their own.

Interviewers see every answer of a campaign they work in (the evening meeting is shared),
but nothing of campaigns they are not part of.
"""

from flask import abort
from sqlalchemy import select

from collector.auth.models import Role, User
from collector.campaigns.lookup import campaign_or_404
from collector.campaigns.models import Campaign
from collector.extensions import db


def debrief_campaigns(user: User) -> list[Campaign]:
    """Open campaigns first (today's work), then closed ones; newest first within each."""
    query = select(Campaign).order_by(
        Campaign.closed_at.is_not(None), Campaign.created_at.desc(), Campaign.id.desc()
    )
    if user.role != Role.COORDINATOR:
        query = query.where(Campaign.interviewers.any(User.id == user.id))
    return list(db.session.scalars(query))


def may_debrief(user: User, campaign: Campaign) -> bool:
    return user.role == Role.COORDINATOR or user in campaign.interviewers


def campaign_for(slug: str, user: User) -> Campaign:
    """The campaign named in the URL: 404 if there is none, 403 if not this person's."""
    campaign = campaign_or_404(slug)
    if not may_debrief(user, campaign):
        abort(403)
    return campaign
