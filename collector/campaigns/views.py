"""Campaign pages for coordinators: the list, opening one, its dashboard, changing and
closing it. The queries live in `dashboard`, the writes (each audited) in `operations`."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.routing import BuildError

from collector.auth.access import coordinator_required
from collector.auth.models import User
from collector.auth.session import current_user
from collector.campaigns import dashboard
from collector.campaigns.forms import CampaignSettingsForm, NewCampaignForm
from collector.campaigns.lookup import campaign_or_404
from collector.campaigns.models import Campaign
from collector.campaigns.operations import (
    CampaignProblem,
    CampaignSettings,
    close_campaign,
    create_campaign,
    reopen_campaign,
    update_campaign,
)
from collector.extensions import db

bp = Blueprint("campaigns", __name__, template_folder="templates")


@bp.get("/campaigns")
@coordinator_required
def index():
    campaigns = db.session.scalars(
        select(Campaign).order_by(Campaign.created_at.desc(), Campaign.id.desc())
    ).all()
    return render_template(
        "campaigns/index.html",
        open_campaigns=[c for c in campaigns if c.is_open],
        closed_campaigns=sorted(
            (c for c in campaigns if not c.is_open), key=lambda c: c.closed_at, reverse=True
        ),
        form_titles={form.id: form.title for form in dashboard.published_forms()},
        interviews=dashboard.interviews_per_campaign(),
        user=current_user(),
    )


@bp.route("/campaigns/new", methods=["GET", "POST"])
@coordinator_required
def create():
    forms = dashboard.published_forms()
    form = NewCampaignForm()
    form.form_key.choices = [(published.key, published.title) for published in forms]
    form.interviewers.choices = _interviewer_choices(dashboard.active_interviewers())
    if request.method == "GET" and request.args.get("form"):
        form.form_key.data = request.args["form"]  # "a new wave of this form"
    problem = None
    if form.validate_on_submit():
        try:
            campaign = create_campaign(
                form.slug.data,
                form.form_key.data,
                form.title.data,
                form.target.data,
                form.interviewers.data or [],
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                user=current_user(),
            )
        except CampaignProblem as refused:
            problem = str(refused)
        else:
            flash(_("The campaign is open. Interviewers you chose see its form now."))
            return redirect(url_for("campaigns.dashboard", slug=campaign.slug))
    waves = dashboard.campaigns_by_form()
    return render_template(
        "campaigns/new.html",
        form=form,
        problem=problem,
        forms=forms,
        waves={published.key: waves.get(published.id, []) for published in forms},
        user=current_user(),
    ), _status(form, problem)


@bp.get("/campaigns/<slug>", endpoint="dashboard")
@coordinator_required
def show(slug: str):
    campaign = campaign_or_404(slug)
    forms = {form.id: form for form in dashboard.published_forms()}
    published = forms.get(campaign.form_id)
    return render_template(
        "campaigns/dashboard.html",
        campaign=campaign,
        form_title=published.title if published else campaign.form.key,
        progress=dashboard.campaign_progress(campaign),
        quarantine_count=dashboard.open_quarantine_count(slug),
        waves=[c for c in dashboard.campaigns_by_form().get(campaign.form_id, []) if c != campaign],
        links={
            "quarantine": optional_url("review.index", campaign=slug),
            "debrief": optional_url("debrief.day", slug=slug),
            "respondent_links": optional_url("respondents.links", slug=slug),
            "export": optional_url(
                "exports.workbook_file", form_key=campaign.form.key, campaign=slug
            ),
        },
        user=current_user(),
    )


@bp.route("/campaigns/<slug>/edit", methods=["GET", "POST"])
@coordinator_required
def edit(slug: str):
    campaign = campaign_or_404(slug)
    form = CampaignSettingsForm(obj=None if request.method == "POST" else campaign)
    choices = dashboard.active_interviewers()
    # Someone assigned whose account was switched off stays listed, so saving the page
    # does not drop them unasked.
    choices += [user for user in campaign.interviewers if user not in choices]
    form.interviewers.choices = _interviewer_choices(choices)
    if request.method == "GET":
        form.interviewers.data = [user.username for user in campaign.interviewers]
    problem = None
    if form.validate_on_submit():
        settings = CampaignSettings(
            title=form.title.data,
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
            target=form.target.data,
            interviewers=form.interviewers.data or [],
        )
        try:
            changes = update_campaign(campaign, settings, current_user())
        except CampaignProblem as refused:
            problem = str(refused)
        else:
            flash(_("Changes saved.") if changes else _("Nothing was changed."))
            return redirect(url_for("campaigns.dashboard", slug=slug))
    return render_template(
        "campaigns/edit.html", campaign=campaign, form=form, problem=problem, user=current_user()
    ), _status(form, problem)


@bp.post("/campaigns/<slug>/close")
@coordinator_required
def close(slug: str):
    # CSRFProtect has checked the token before this runs.
    campaign = campaign_or_404(slug)
    if close_campaign(campaign, current_user()):
        flash(
            _(
                "The campaign is closed: interviewers no longer see its form. Interviews "
                "still on their phones are received when they sync."
            )
        )
    return redirect(url_for("campaigns.dashboard", slug=slug))


@bp.post("/campaigns/<slug>/reopen")
@coordinator_required
def reopen(slug: str):
    campaign = campaign_or_404(slug)
    if reopen_campaign(campaign, current_user()):
        flash(_("The campaign is open again: its interviewers see its form."))
    return redirect(url_for("campaigns.dashboard", slug=slug))


def optional_url(endpoint: str, **values: Any) -> str | None:
    """The address of a page another part of the app provides, or None while that page
    does not exist yet: the dashboard then leaves its link out instead of failing."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def _interviewer_choices(users: list[User]) -> list[tuple[str, str]]:
    return [(user.username, _choice_label(user)) for user in sorted(users, key=_username)]


def _choice_label(user: User) -> str:
    if user.active:
        return user.username
    return _("%(name)s (account switched off)", name=user.username)


def _username(user: User) -> str:
    return user.username


def _status(form: Any, problem: str | None) -> int:
    """422 for a form sent back with errors (a test or a script sees the refusal)."""
    return 422 if request.method == "POST" and (form.errors or problem) else 200
