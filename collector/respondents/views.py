"""Respondent pages: a campaign's form for anyone with its link /s/<token>, and nothing else.

No login: the unguessable token in the path is the permission, and it opens only its own
campaign's form. The coordinator's pages for making links are in `link_pages`.
"""

import json
import uuid

from flask import Response, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded

from collector.auth.access import public
from collector.campaigns.links import find_link
from collector.campaigns.models import RespondentLink
from collector.extensions import csrf, db
from collector.forms_ui.answer_form import AnswerForm, build_answer_form
from collector.forms_ui.rendering import form_language
from collector.forms_ui.views import read_posted_answers, render_form_page
from collector.intake.models import QuarantineReason
from collector.intake.operations import already_stored
from collector.intake.quarantine import keep_in_quarantine
from collector.respondents import link_pages  # noqa: F401 -- registers the coordinator's pages
from collector.respondents.blueprint import bp
from collector.respondents.intake import (
    closed_message,
    keep_after_close,
    receive_from_link,
    receive_link_batch,
)
from collector.respondents.limits import link_rate_limit
from collector.schema.models import FormVersion
from collector.schema.versions import find_version

__all__ = ["bp"]

PUBLIC_REASON = "a respondent has no account: the unguessable link is the permission"
JSON_ROUTE = "respondents.submit_batch"


@bp.get("/s/<token>")
@public(PUBLIC_REASON)
@link_rate_limit
def show_form(token: str):
    link = find_link(token)
    version = _version_for(link) if link is not None and link.is_open else None
    if version is None:
        return _unavailable()
    form = build_answer_form(version.schema)
    form.submission_uuid.data = str(uuid.uuid4())
    return _render_form(token, link, version, form)


@bp.post("/s/<token>")
@public(PUBLIC_REASON)
@csrf.exempt  # checked below by the FlaskForm itself, so a bad token re-shows the answers
@link_rate_limit
def submit_form(token: str):
    """The form posted without JavaScript."""
    link = find_link(token)
    version = _version_for(link, request.form.get("form_version", type=int)) if link else None
    if version is None:
        return _unavailable()
    posted = read_posted_answers(version, link.campaign)
    if not link.is_open:
        keep_after_close(posted.payload, link)
        db.session.commit()
        return _notice(_("This survey is closed"), closed_message(), 410)
    if posted.status != 200:
        return _render_form(token, link, version, posted.form), posted.status
    if already_stored(posted.payload["uuid"], posted.payload["answers"]):
        return redirect(_done_url(token))  # the same page posted twice
    result = receive_from_link(posted.payload, link)
    db.session.commit()
    if result.status in (200, 201):
        return redirect(_done_url(token))
    message = result.body.get("message")
    return _render_form(token, link, version, posted.form, message=message), result.status


@bp.get("/s/<token>/done")
@public(PUBLIC_REASON)
def done(token: str):
    link = find_link(token)
    version = _version_for(link) if link is not None else None
    if version is None:
        return _unavailable()
    lang = _language(version)
    again_url = url_for("respondents.show_form", token=token, lang=request.args.get("lang"))
    return render_template(
        "respondents/done.html", lang=lang, again_url=again_url, open=link.is_open, user=None
    )


@bp.post("/s/<token>/submissions")
@public(PUBLIC_REASON)
# No CSRF token: this route takes only Content-Type application/json, which a cross-site
# HTML form cannot send (a script on another site would need a CORS preflight, which we
# never allow). The token in the path is the credential, and no cookie is used.
@csrf.exempt
@link_rate_limit
def submit_batch(token: str):
    """A batch from the offline client, answered like /api/v1/submissions/batch."""
    link = find_link(token)
    if link is None:
        return _json_error(404, "not_found", _("This survey link does not work."))
    if request.mimetype != "application/json":
        return _json_error(415, "unsupported", _("Send the answers as application/json."))
    raw = request.get_data(cache=True)
    try:
        items = json.loads(raw, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        text = raw.decode("utf-8", errors="replace")
        problem = f"not valid JSON: {error}"
        keep_in_quarantine(
            QuarantineReason.MALFORMED,
            {"_": [problem]},
            None,
            raw_body=text,
            respondent_link_id=link.id,
        )
        db.session.commit()
        return _json_error(400, "malformed", _("The request is not valid JSON. It is kept."))
    if isinstance(items, dict) and "submissions" in items:
        items = items["submissions"]
    if not isinstance(items, list):
        return _json_error(400, "malformed", _("A batch is a JSON list of submissions."))
    limit = current_app.config["MAX_BATCH_SIZE"]
    if len(items) > limit:
        message = _("Send at most %(limit)d submissions in one batch.", limit=limit)
        return _json_error(413, "too_large", message)
    if not link.is_open:
        results = [keep_after_close(item, link) for item in items]
        db.session.commit()
        body = {"status": "gone", "message": closed_message(), "results": _listed(results)}
        return jsonify(body), 410
    results = receive_link_batch(items, link)
    db.session.commit()
    return jsonify({"results": _listed(results)}), 200


@bp.errorhandler(RateLimitExceeded)
def too_many_requests(error: RateLimitExceeded):
    if request.endpoint == JSON_ROUTE:
        message = _("Too many answers from here in a short time. Please try again later.")
        return _json_error(429, "too_many_requests", message)
    return _notice(
        _("Please wait a little"),
        _("Too many pages were opened from here in a short time. Try again in a few minutes."),
        429,
    )


@bp.errorhandler(413)
def too_large(error):
    if request.endpoint == JSON_ROUTE:
        return _json_error(413, "too_large", _("Send fewer answers at a time."))
    return _notice(
        _("Your answers are too long to send"),
        _("Nothing was saved yet. Go back, make the longest answer shorter, and send again."),
        413,
    )


def _version_for(link: RespondentLink, number: int | None = None) -> FormVersion | None:
    """The version the page shows (the latest), or the one a posted page was made from."""
    return find_version(link.campaign.form.key, number)


def _render_form(
    token: str, link: RespondentLink, version: FormVersion, form: AnswerForm, **extra
) -> str:
    return render_form_page(
        version,
        link.campaign,
        form,
        page_url=url_for("respondents.show_form", token=token),
        submit_url=url_for("respondents.submit_batch", token=token),
        respondent=True,
        user=None,  # even when someone is logged in here: this page is the respondent's
        **extra,
    )


def _done_url(token: str) -> str:
    return url_for("respondents.done", token=token, lang=request.args.get("lang"))


def _language(version: FormVersion) -> str:
    return form_language(version.schema, request.args.get("lang"), str(get_locale()))


def _unavailable():
    """Unknown, closed, or a closed campaign: one answer, so a link reveals nothing."""
    return _notice(
        _("This survey is not open"),
        _(
            "This link does not work. The survey may have ended, or the address may have a "
            "mistake in it. Thank you for wanting to take part."
        ),
        404,
    )


def _notice(title: str, text: str, status: int) -> tuple[str, int]:
    page = render_template("respondents/notice.html", title=title, text=text, user=None)
    return page, status


def _json_error(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"status": code, "message": message}), status


def _listed(results) -> list[dict]:
    return [{"http_status": result.status, **result.body} for result in results]


def _refuse_constant(name: str) -> None:
    # NaN and Infinity are not JSON; Python would accept them and the database would not.
    raise ValueError(f"{name} is not a JSON number")
