"""The evening debrief: open answers by question, and their themes.

Plain HTML forms throughout: tagging works on any phone, without JavaScript. Each tag
change redirects back to the answer it was made on, so the page never resubmits.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from collector.auth.access import login_required
from collector.auth.session import current_user
from collector.campaigns.models import Campaign
from collector.clock import local_today
from collector.debrief.access import campaign_for, debrief_campaigns
from collector.debrief.answers import (
    answer_anchor,
    debrief_day,
    find_answer,
    interview_counts,
    interview_days,
)
from collector.debrief.days import EARLIEST_DAY, LATEST_DAY, parse_day
from collector.debrief.tags import (
    MAX_THEME_LENGTH,
    PRESET_THEMES,
    ThemeRefused,
    add_tag,
    campaign_themes,
    own_theme,
    remove_tag,
    theme_label,
)
from collector.intake.models import Submission

bp = Blueprint("debrief", __name__, template_folder="templates")


@dataclass(frozen=True)
class ThemeProblem:
    """An own theme that was refused: shown beside the answer it was typed for."""

    anchor: str
    message: str
    typed: str


@bp.get("/debrief")
@login_required
def index():
    campaigns = debrief_campaigns(current_user())
    return render_template(
        "debrief/index.html",
        user=current_user(),
        campaigns=campaigns,
        counts=interview_counts([campaign.id for campaign in campaigns]),
        lang_args=_lang_args(),
    )


@bp.get("/campaigns/<slug>/debrief")
@login_required
def day(slug: str):
    campaign = campaign_for(slug, current_user())
    asked = request.args.get("day")
    chosen = parse_day(asked)
    if asked and chosen is None:
        message = _("“%(day)s” is not a date. Showing today instead.", day=asked[:40])
        return _render_day(campaign, local_today(), problem=message, status=400)
    return _render_day(campaign, chosen or local_today())


@bp.post("/campaigns/<slug>/debrief/tags")
@login_required
def add(slug: str):
    user = current_user()
    campaign = campaign_for(slug, user)
    submission, answer_day, question_id = _answer_or_404(campaign)
    anchor = answer_anchor(submission.uuid, question_id)
    preset = request.form.get("tag")
    if preset is not None:
        if preset not in PRESET_THEMES:
            abort(400)
        tag = preset
    else:
        typed = request.form.get("theme", "")
        try:
            tag = own_theme(typed, campaign_themes(campaign))
        except ThemeRefused as refused:
            problem = ThemeProblem(anchor, str(refused), typed[: MAX_THEME_LENGTH * 2])
            return _render_day(campaign, answer_day, theme_problem=problem, status=400)
    add_tag(campaign, submission, question_id, tag, user)
    return redirect(_day_url(campaign, answer_day, anchor))


@bp.post("/campaigns/<slug>/debrief/tags/remove")
@login_required
def remove(slug: str):
    user = current_user()
    campaign = campaign_for(slug, user)
    submission, answer_day, question_id = _answer_or_404(campaign)
    remove_tag(campaign, submission, question_id, request.form.get("tag", ""), user)
    return redirect(_day_url(campaign, answer_day, answer_anchor(submission.uuid, question_id)))


def _answer_or_404(campaign: Campaign) -> tuple[Submission, date, str]:
    """The answer a tag form names; 404 unless it is an open answer shown for `campaign`."""
    question_id = request.form.get("question", "")
    found = find_answer(campaign, request.form.get("submission", ""), question_id)
    if found is None:
        abort(404)
    submission, answer_day = found
    return submission, answer_day, question_id


def _render_day(
    campaign: Campaign,
    shown: date,
    *,
    problem: str | None = None,
    theme_problem: ThemeProblem | None = None,
    status: int = 200,
) -> tuple[str, int]:
    lang_args = _lang_args()
    return render_template(
        "debrief/day.html",
        user=current_user(),
        campaign=campaign,
        debrief=debrief_day(campaign, shown, str(get_locale())),
        days=interview_days(campaign),
        previous_day=shown - timedelta(days=1) if shown > EARLIEST_DAY else None,
        next_day=shown + timedelta(days=1) if shown < LATEST_DAY else None,
        today=local_today(),
        presets=PRESET_THEMES,
        themes=campaign_themes(campaign),
        theme_label=theme_label,
        max_theme_length=MAX_THEME_LENGTH,
        problem=problem,
        theme_problem=theme_problem,
        lang_args=lang_args,
        add_url=url_for("debrief.add", slug=campaign.slug, **lang_args),
        remove_url=url_for("debrief.remove", slug=campaign.slug, **lang_args),
    ), status


def _day_url(campaign: Campaign, shown: date, anchor: str) -> str:
    return url_for(
        "debrief.day", slug=campaign.slug, day=shown.isoformat(), _anchor=anchor, **_lang_args()
    )


def _lang_args() -> dict[str, str]:
    """Keep a language chosen in the URL (?lang=) on the links and forms of the page."""
    lang = request.args.get("lang")
    return {"lang": lang} if lang in current_app.config["LANGUAGES"] else {}
