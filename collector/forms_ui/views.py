"""Form pages: answer a form (with or without JavaScript), the interviewer's home, and
what the service worker needs to keep them offline."""

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from collector.assets import asset_hashes, asset_url, release_version
from collector.auth.access import login_required, public
from collector.auth.models import Role, User
from collector.auth.session import current_user
from collector.campaigns.lookup import find_campaign
from collector.campaigns.models import Campaign
from collector.extensions import csrf, db
from collector.forms_ui.answer_form import AnswerForm, answers_from_form, build_answer_form
from collector.forms_ui.rendering import client_rules, form_language, scale_points
from collector.i18n import in_language
from collector.intake.answers import check_answers, without_hidden_answers
from collector.intake.operations import already_stored, receive_submission
from collector.schema.models import FormVersion
from collector.schema.versions import find_version, latest_versions

bp = Blueprint("forms_ui", __name__, template_folder="templates")


@bp.get("/app")
@login_required
def home():
    return render_template("forms_ui/home.html", entries=form_entries(current_user()))


def form_entries(user: User) -> list[dict[str, Any]]:
    """The forms this person fills: their campaigns', or for a coordinator every form."""
    latest = {version.form_id: version for version in latest_versions()}
    query = select(Campaign).where(Campaign.closed_at.is_(None)).order_by(Campaign.slug)
    if user.role != Role.COORDINATOR:
        query = query.where(Campaign.interviewers.any(User.id == user.id))
    entries = [
        _entry(latest[campaign.form_id], campaign)
        for campaign in db.session.scalars(query)
        if campaign.form_id in latest
    ]
    if user.role == Role.COORDINATOR:
        entries += [_entry(version, None) for version in latest.values()]
    return entries


def _entry(version: FormVersion, campaign: Campaign | None) -> dict[str, Any]:
    schema = version.schema
    return {
        "title": in_language(schema["title"], None, schema["languages"][0]),
        "campaign": campaign,
        "url": form_url(schema["form"], campaign),
    }


def form_url(form_key: str, campaign: Campaign | None) -> str:
    if campaign is None:
        return url_for("forms_ui.show_form", form_key=form_key)
    return url_for("forms_ui.show_form", form_key=form_key, campaign=campaign.slug)


@bp.get("/f/<form_key>")
@login_required
def show_form(form_key: str):
    version, campaign = _resolve(form_key, request.args.get("campaign"))
    form = build_answer_form(version.schema)
    form.submission_uuid.data = str(uuid.uuid4())
    return _render_form(version, campaign, form)


@bp.post("/f/<form_key>")
@public("checks the login itself, to keep the answers of an expired login on the page")
@csrf.exempt  # checked below by the FlaskForm itself, so a bad token re-shows the answers
def submit_form(form_key: str):
    if current_user() is None:
        return _keep_answers_after_login_expired(form_key)
    version, campaign = _resolve(
        form_key, request.args.get("campaign"), request.form.get("form_version", type=int)
    )
    posted = read_posted_answers(version, campaign)
    form, payload = posted.form, posted.payload
    if posted.status != 200:
        return _render_form(version, campaign, form), posted.status
    if already_stored(payload["uuid"], payload["answers"]):
        return redirect(_done_url(form_key))
    result = receive_submission(payload, current_user())
    db.session.commit()
    if result.status in (200, 201):
        return redirect(_done_url(form_key))
    return _render_form(version, campaign, form, message=result.body.get("message")), result.status


@dataclass
class PostedAnswers:
    """A form page posted without JavaScript, read and checked as intake checks it."""

    form: AnswerForm  # with an error on each field that needs a look
    payload: dict[str, Any]  # what could be read, as a submission; send it only if status 200
    status: int  # 200 fine, 400 bad CSRF token, 422 answers need a look


def read_posted_answers(version: FormVersion, campaign: Campaign | None) -> PostedAnswers:
    """Read the posted page (request.form) for `version`; one function for every page that
    takes a plain POST, so they all read and check answers the same way."""
    schema = version.schema
    form = build_answer_form(schema, request.form)
    form.validate()
    today = datetime.now(UTC).date().isoformat()
    answers = without_hidden_answers(schema, answers_from_form(form, schema), today=today)
    lang = _language(schema)
    payload = _payload(form, version, campaign, lang, answers)
    if form.csrf_token.errors:
        return PostedAnswers(form, payload, 400)
    unreadable = {name for name, messages in form.errors.items() if messages}
    # Every problem at once: what could not be read, and what breaks the form's rules.
    for key, messages in check_answers(schema, answers, today=today, lang=lang).items():
        if key in form and key not in unreadable:
            form[key].errors = list(messages)
    status = 422 if any(field.errors for field in form) else 200
    return PostedAnswers(form, payload, status)


def _keep_answers_after_login_expired(form_key: str):
    """A plain POST whose login has expired: show the answers again, never drop them.

    (A redirect to the login page would lose the posted body.) Logging in in another tab
    and pressing Finish again sends them.
    """
    version = find_version(form_key, request.form.get("form_version", type=int))
    if version is None:
        abort(404)
    form = build_answer_form(version.schema, request.form)
    message = _(
        "Your login has expired. Your answers are still on this page: log in again in a "
        "new tab, then press Finish here."
    )
    return _render_form(version, None, form, message=message, login_needed=True), 401


def _done_url(form_key: str) -> str:
    # In kiosk mode the thank-you speaks the language the respondent chose.
    kiosk = {"kiosk": "1", "lang": request.args.get("lang")} if _in_kiosk() else {}
    campaign = request.args.get("campaign")
    return url_for("forms_ui.done", form_key=form_key, campaign=campaign, **kiosk)


@bp.get("/f/<form_key>/done")
@login_required
def done(form_key: str):
    version, campaign = _resolve(form_key, request.args.get("campaign"))
    page_url = form_url(form_key, campaign)
    return render_template(
        "forms_ui/done.html",
        schema=version.schema,
        lang=_language(version.schema),
        again_url=with_kiosk(page_url) if _in_kiosk() else page_url,
        end_url=page_url,
        kiosk=_in_kiosk(),
    )


def _in_kiosk() -> bool:
    """Kiosk mode made by the server (?kiosk=1, for a phone without JavaScript): the phone
    is handed to a respondent, who sees the form only. With JavaScript, kiosk.js does it."""
    return request.args.get("kiosk") == "1"


def with_kiosk(url: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}kiosk=1"


@bp.after_request
def _kiosk_pages_are_not_kept(response: Response) -> Response:
    """In kiosk mode, Back must not bring one person's page back to the next: no copy."""
    if _in_kiosk():
        response.headers["Cache-Control"] = "no-store"
    return response


def _resolve(
    form_key: str, campaign_slug: str | None, number: int | None = None
) -> tuple[FormVersion, Campaign | None]:
    """The version to show (latest, or the one a posted page was made from) and campaign."""
    version = find_version(form_key, number)
    if version is None:
        abort(404)
    campaign = None
    if not campaign_slug and current_user().role != Role.COORDINATOR:
        abort(403)  # interviewers collect for their campaigns; a coordinator may try a form
    if campaign_slug:
        campaign = find_campaign(campaign_slug)
        if campaign is None or campaign.form_id != version.form_id:
            abort(404)
        user = current_user()
        if user.role != Role.COORDINATOR and user not in campaign.interviewers:
            abort(403)
    return version, campaign


def _language(schema: dict[str, Any]) -> str:
    return form_language(schema, request.args.get("lang"), str(get_locale()))


def _render_form(
    version: FormVersion,
    campaign: Campaign | None,
    form,
    message: str | None = None,
    login_needed: bool = False,
):
    page_url = form_url(version.schema["form"], campaign)
    return render_form_page(
        version,
        campaign,
        form,
        page_url=page_url,
        message=message,
        login_needed=login_needed,
        kiosk=_in_kiosk(),
    )


def render_form_page(
    version: FormVersion,
    campaign: Campaign | None,
    form: AnswerForm,
    *,
    page_url: str,
    message: str | None = None,
    login_needed: bool = False,
    **context: Any,
) -> str:
    """The form page; `page_url` is this page without ?lang, for the language switch.
    `context` goes to the templates (a respondent's page: submit_url, respondent, user)."""
    schema = version.schema
    lang = _language(schema)
    plain = plain_mode(schema, respondent=bool(context.get("respondent")))
    if request.args.get("plain") in ("0", "1"):  # an explicit choice survives ?lang=
        page_url += f"{'&' if '?' in page_url else '?'}plain={request.args['plain']}"
    return render_template(
        "forms_ui/form.html",
        schema=schema,
        version=version,
        campaign=campaign,
        form=form,
        lang=lang,
        message=message,
        login_needed=login_needed,
        rules=client_rules(schema, lang),
        scale_points=scale_points,
        form_page_url=page_url,
        plain=plain,
        **context,
    )


def plain_mode(schema: dict[str, Any], respondent: bool) -> bool:
    """Plain-language mode: larger text and buttons; with JavaScript one question per
    screen, big smiley scales and "read aloud" (plain.js). On by default for a respondent
    link's survey (`kind: survey`); ?plain=1 turns it on for any form page, ?plain=0 off."""
    asked = request.args.get("plain")
    if asked in ("0", "1"):
        return asked == "1"
    return respondent and schema.get("kind") == "survey"


def _payload(form, version: FormVersion, campaign: Campaign | None, lang: str, answers: dict):
    try:
        submission_uuid = str(uuid.UUID(form.submission_uuid.data))
    except (TypeError, ValueError):
        submission_uuid = str(uuid.uuid4())
    started_at = _timestamp(form.started_at.data)
    return {
        "uuid": submission_uuid,
        "form": version.schema["form"],
        "version": version.number,
        "campaign": campaign.slug if campaign else None,
        "lang": lang,
        "started_at": started_at,
        "completed_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "answers": answers,
    }


def _timestamp(value: str | None) -> str | None:
    try:
        moment = datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.isoformat() if moment.tzinfo else None


@bp.get("/offline/urls.json")
@login_required
def offline_urls():
    """What the service worker keeps for offline use: the app shell and this person's forms."""
    assets = [asset_url(name) for name in asset_hashes(current_app) if _is_shell_asset(name)]
    pages = [entry["url"] for entry in form_entries(current_user())]
    return jsonify(
        {
            "release": release_version(current_app),
            "shell": [url_for("forms_ui.home"), *assets],
            "pages": pages,
        }
    )


def _is_shell_asset(name: str) -> bool:
    # staff.css styles pages used online (campaigns, debrief): not worth a phone's storage.
    return (
        name.startswith(("js/", "css/", "icons/"))
        and not name.endswith(".map")
        and name != "css/staff.css"
    )


@bp.get("/sw.js")
@public("the service worker script must load before anyone logs in")
def service_worker():
    """Public by design: the service worker script must load before anyone logs in."""
    body = render_template("forms_ui/sw.js", release=release_version(current_app))
    response = Response(body, mimetype="text/javascript")
    # The browser checks for a new worker on every visit; never serve it from a cache.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/manifest.webmanifest")
@public("lets a phone add Collector to its home screen")
def manifest():
    """Public by design: lets a phone add Collector to its home screen."""
    data = {
        "name": "Collector",
        "short_name": "Collector",
        "start_url": url_for("forms_ui.home"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4f91",
        "icons": [{"src": asset_url("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
        "lang": str(get_locale()),
        "description": _("Surveys and kitchen-talk interviews for social services."),
    }
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/manifest+json")
