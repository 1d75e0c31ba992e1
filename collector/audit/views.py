"""The audit log page: newest first, filtered by what was done and in which campaign."""

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from collector.audit.models import AuditAction, AuditEvent
from collector.auth.access import coordinator_required
from collector.campaigns.models import Campaign
from collector.extensions import db

bp = Blueprint("audit", __name__, template_folder="templates")
PAGE_SIZE = 100

ACTION_LABELS = {
    AuditAction.EXPORT: _l("Exported answers"),
    AuditAction.QUARANTINE_RELEASE: _l("Released from quarantine"),
    AuditAction.QUARANTINE_DISCARD: _l("Discarded from quarantine"),
    AuditAction.TAG_ADD: _l("Tagged an answer"),
    AuditAction.TAG_REMOVE: _l("Removed a tag"),
    AuditAction.CAMPAIGN_CREATE: _l("Opened a campaign"),
    AuditAction.CAMPAIGN_UPDATE: _l("Changed a campaign"),
    AuditAction.CAMPAIGN_CLOSE: _l("Closed a campaign"),
    AuditAction.CAMPAIGN_REOPEN: _l("Reopened a campaign"),
    AuditAction.LINK_CREATE: _l("Made a respondent link"),
    AuditAction.LINK_CLOSE: _l("Closed a respondent link"),
    AuditAction.USER_CREATE: _l("Made an account"),
    AuditAction.USER_PASSWORD: _l("Gave a new password"),
    AuditAction.USER_SWITCH_OFF: _l("Switched an account off"),
    AuditAction.USER_SWITCH_ON: _l("Switched an account on"),
    AuditAction.FORM_PUBLISH: _l("Published a form version"),
}


@bp.get("/audit")
@coordinator_required
def index():
    action = request.args.get("action") or None
    campaign_slug = request.args.get("campaign") or None
    before = request.args.get("before", type=int)
    campaigns = db.session.scalars(select(Campaign).order_by(Campaign.slug)).all()
    campaign = next((c for c in campaigns if c.slug == campaign_slug), None)
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(PAGE_SIZE + 1)
    if action in ACTION_LABELS:
        query = query.where(AuditEvent.action == action)
    if campaign is not None:
        query = query.where(AuditEvent.campaign_id == campaign.id)
    if before:
        query = query.where(AuditEvent.id < before)
    events = db.session.scalars(query).all()
    more = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    return render_template(
        "audit/index.html",
        events=events,
        action_labels={str(key): label for key, label in ACTION_LABELS.items()},
        campaigns=campaigns,
        chosen_action=action,
        chosen_campaign=campaign_slug,
        older_than=events[-1].id if more else None,
    )
