"""Submission endpoints: one interview, or a batch with a result per interview."""

import json
import logging

from flask import Blueprint, current_app, g, jsonify, request
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from collector.api.auth import api_user_required
from collector.api.errors import api_error
from collector.api.openapi import openapi_document
from collector.auth.access import public
from collector.extensions import csrf, db
from collector.intake.operations import keep_malformed_body, receive_batch, receive_submission
from collector.intake.sync_status import WAITING_HEADER, note_sync

log = logging.getLogger(__name__)
bp = Blueprint("api", __name__, url_prefix="/api/v1")
# The API checks CSRF itself, and only for cookie sessions: a bearer token is never sent by
# a browser on its own, so forged cross-site requests cannot carry one.
csrf.exempt(bp)


@bp.post("/submissions")
@api_user_required
def submit_one():
    payload, problem = _read_json()
    if problem:
        return problem
    result = receive_submission(payload, g.api_user)
    note_sync(g.api_user, request.headers.get(WAITING_HEADER), [result.status])
    db.session.commit()
    return jsonify(result.body), result.status


@bp.post("/submissions/batch")
@api_user_required
def submit_batch():
    payload, problem = _read_json()
    if problem:
        return problem
    if isinstance(payload, dict) and "submissions" in payload:
        payload = payload["submissions"]
    if not isinstance(payload, list):
        return api_error(400, "malformed", _("A batch is a JSON list of submissions."))
    limit = current_app.config["MAX_BATCH_SIZE"]
    if len(payload) > limit:
        return api_error(
            413, "too_large", _("Send at most %(limit)d submissions in one batch.", limit=limit)
        )
    results = receive_batch(payload, g.api_user)
    note_sync(g.api_user, request.headers.get(WAITING_HEADER), [r.status for r in results])
    db.session.commit()
    return jsonify({"results": [{"http_status": r.status, **r.body} for r in results]}), 200


def _read_json():
    raw = request.get_data(cache=True)
    try:
        return json.loads(raw, parse_constant=_refuse_constant), None
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        text = raw.decode("utf-8", errors="replace")
        item = keep_malformed_body(text, f"not valid JSON: {error}", g.api_user)
        db.session.commit()
        log.warning(
            "malformed JSON from %s kept as quarantine item %d", g.api_user.username, item.id
        )
        response, status = api_error(
            400, "malformed", _("The request is not valid JSON. It is kept for review.")
        )
        return None, (response, status)


def _refuse_constant(name: str) -> None:
    # NaN and Infinity are not JSON; Python would accept them and the database would not.
    raise ValueError(f"{name} is not a JSON number")


@bp.get("/health")
@public("load balancers ask it; it says nothing but that the app answers")
def health():
    """Public by design: load balancers ask it; it says nothing but that the app answers."""
    return jsonify({"status": "ok"})


@bp.get("/openapi.json")
@public("the description of the API: what a client may send and get back, and no data")
def openapi_json():
    response = jsonify(openapi_document(current_app))
    # The same for everyone until the next release: shared caches may keep it.
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/session")
@api_user_required
def session_info():
    """For the offline client before it syncs: still logged in? and a fresh CSRF token."""
    return jsonify(
        {"user": g.api_user.username, "role": g.api_user.role, "csrf_token": generate_csrf()}
    )
