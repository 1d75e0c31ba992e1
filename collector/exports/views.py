"""The coordinator's Excel download: at once when small, else built in the background
with a progress page (plain HTML that refreshes itself) and a JSON status for scripts."""

import logging
import tempfile
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import IO, Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from collector.api.auth import api_user_required
from collector.api.errors import api_error
from collector.auth.access import Access, mark_access
from collector.auth.models import Role, User
from collector.auth.session import current_user
from collector.campaigns.models import Campaign
from collector.clock import local_datetime
from collector.exports import jobs, workbook
from collector.exports.models import ExportJob, ExportState
from collector.exports.options import (
    ExportOptions,
    ExportProblem,
    ResolvedExport,
    form_languages,
    resolve_options,
)
from collector.exports.records import record_export
from collector.extensions import db
from collector.i18n import in_language
from collector.schema.models import FormVersion
from collector.schema.versions import latest_versions
from collector.types import as_utc

log = logging.getLogger(__name__)
bp = Blueprint("exports", __name__, template_folder="templates")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT_JOBS = 20
# The progress page reloads itself this often while the file is being built.
REFRESH_SECONDS = 2


def coordinators_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Coordinators, by login session or bearer token. A browser without a login goes to
    the login page and back; a script gets 401; an interviewer gets 403."""

    @wraps(view)
    def for_coordinators(*args: Any, **kwargs: Any) -> Any:
        if g.api_user.role != Role.COORDINATOR:
            if wants_json():
                return api_error(403, "forbidden", _("Only coordinators can export answers."))
            abort(403)
        return view(*args, **kwargs)

    checked = api_user_required(for_coordinators)

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None and not wants_json():
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return checked(*args, **kwargs)

    return mark_access(wrapped, Access(roles=frozenset({Role.COORDINATOR})))


def wants_json() -> bool:
    """A script rather than a person: it sends a token, asks for .json, or prefers JSON."""
    if request.headers.get("Authorization") or request.path.endswith(".json"):
        return True
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == (
        "application/json"
    )


# -- the workbook -----------------------------------------------------------------------


@bp.get("/export/<form_key>.xlsx")
@coordinators_only
def workbook_file(form_key: str):
    options = ExportOptions(
        form=form_key,
        campaign=request.args.get("campaign") or None,
        lang=request.args.get("lang") or None,
        codes=_flag("codes"),
        include_sensitive=_flag("sensitive"),
    )
    try:
        resolved = resolve_options(options)
    except ExportProblem as problem:
        return _problem(_problem_status(options), str(problem))
    user: User = g.api_user
    total = workbook.count_submissions(resolved)
    if total <= current_app.config["EXPORT_INLINE_LIMIT"]:
        return _send_at_once(resolved, user)
    job = jobs.active_twin(resolved, user) or jobs.start_job(resolved, user, total)
    return _started(job)


def _flag(name: str) -> bool:
    return request.args.get(name, "").lower() in ("1", "true", "on", "yes")


def _problem_status(options: ExportOptions) -> int:
    """404 when the form or campaign does not exist, 400 when only the language is wrong."""
    try:
        resolve_options(replace(options, lang=None))
    except ExportProblem:
        return 404
    return 400


PROBLEM_CODES = {400: "bad_request", 404: "not_found", 500: "export_failed"}


def _problem(status: int, message: str):
    if wants_json():
        return api_error(status, PROBLEM_CODES[status], message)
    return render_template("exports/problem.html", message=message), status


def _send_at_once(resolved: ResolvedExport, user: User):
    """Build within the request (about a second for EXPORT_INLINE_LIMIT submissions) into
    a temporary file that disappears once sent, and record who took what."""
    target = tempfile.TemporaryFile()  # closed, and so deleted, by the response once sent
    try:
        summary = workbook.write_workbook(resolved, target, exported_by=user.username)
    except Exception as error:
        target.close()
        db.session.rollback()
        log.exception("export of %s for %s failed", resolved.options.form, user.username)
        message = _("The workbook could not be made: %(error)s", error=error)
        return _problem(500, message)
    # The language as settled, so the record says which one the file is in.
    options = replace(resolved.options, lang=resolved.lang)
    job = record_export(options, source="web", requested_by=user, rows=summary.submissions)
    log.info("%s exported %s (%d submissions)", user.username, job.form_key, job.rows_done)
    target.seek(0)
    return _file_response(target, jobs.file_name(job))


def _file_response(source: Path | IO[bytes], name: str) -> Response:
    response = send_file(source, mimetype=XLSX, as_attachment=True, download_name=name)
    # Answers are personal data: no copy in any cache on the way.
    response.headers["Cache-Control"] = "no-store"
    return response


def _started(job: ExportJob):
    """A browser goes to the progress page; a script gets where to poll and fetch."""
    if not wants_json():
        return redirect(url_for("exports.progress", key=job.key), 303)
    status_url = url_for("exports.status", key=job.key, _external=True)
    response = jsonify(
        {
            "state": jobs.shown_state(job),
            "progress_url": status_url,
            "download_url": url_for("exports.download", key=job.key, _external=True),
        }
    )
    response.status_code = 202
    response.headers["Location"] = status_url
    return response


# -- a background job -------------------------------------------------------------------


def _job_or_404(key: str) -> ExportJob:
    job = db.session.scalar(select(ExportJob).where(ExportJob.key == key))
    if job is None:
        abort(404)
    return job


@bp.get("/exports/<key>")
@coordinators_only
def progress(key: str):
    job = _job_or_404(key)
    state = jobs.shown_state(job)
    working = state in jobs.ACTIVE_STATES
    response = make_response(
        render_template(
            "exports/progress.html",
            job=job,
            state=state,
            state_label=state_label(state),
            error=jobs.shown_error(job),
            options=options_text(job),
            ready=jobs.ready_file(job) is not None,
            again_url=export_url(job),
            keep_hours=current_app.config["EXPORT_KEEP_HOURS"],
            refresh_seconds=REFRESH_SECONDS if working else None,
        )
    )
    if working:  # as well as the page's own <meta>, which a browser may ignore in <body>
        response.headers["Refresh"] = str(REFRESH_SECONDS)
    return response


@bp.get("/exports/<key>.json")
@coordinators_only
def status(key: str):
    job = _job_or_404(key)
    ready = jobs.ready_file(job) is not None
    return jsonify(
        {
            "state": jobs.shown_state(job),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "download_url": url_for("exports.download", key=key, _external=True) if ready else None,
            "error": jobs.shown_error(job),
        }
    )


@bp.get("/exports/<key>/download")
@coordinators_only
def download(key: str):
    job = _job_or_404(key)
    path = jobs.ready_file(job)
    if path is None:
        abort(404)
    return _file_response(path, jobs.file_name(job))


# -- the export page --------------------------------------------------------------------


@bp.get("/exports")
@coordinators_only
def index():
    recent = db.session.scalars(
        select(ExportJob)
        .options(selectinload(ExportJob.requested_by))
        .order_by(ExportJob.id.desc())
        .limit(RECENT_JOBS)
    )
    return render_template(
        "exports/index.html",
        entries=form_entries(),
        recent=[job_entry(job) for job in recent],
    )


def form_entries() -> list[dict[str, Any]]:
    """One entry per published form, with its campaigns (closed ones too: past waves are
    exported most) and every language any of its versions has."""
    campaigns: dict[int, list[Campaign]] = {}
    for campaign in db.session.scalars(select(Campaign).order_by(Campaign.slug)):
        campaigns.setdefault(campaign.form_id, []).append(campaign)
    return [
        _form_entry(version, campaigns.get(version.form_id, [])) for version in latest_versions()
    ]


def _form_entry(version: FormVersion, campaigns: list[Campaign]) -> dict[str, Any]:
    schema = version.schema
    languages = form_languages(version.form_id)
    interface = str(get_locale())
    return {
        "key": schema["form"],
        "title": in_language(schema["title"], None, schema["languages"][0]),
        "campaigns": campaigns,
        "languages": languages,
        # Labels in the coordinator's own language when the form has it.
        "lang": interface if interface in languages else languages[0],
    }


def job_entry(job: ExportJob) -> dict[str, Any]:
    state = jobs.shown_state(job)
    if job.requested_by is not None:
        who = job.requested_by.username
    else:
        who = _("the command line") if job.source == "cli" else "?"
    return {
        "form": job.form_key,
        "state": state,
        "state_label": state_label(state),
        "who": who,
        "when": local_datetime(job.created_at),
        "when_iso": as_utc(job.created_at).isoformat(),
        "options": options_text(job),
        "page_url": url_for("exports.progress", key=job.key),
        "download_url": url_for("exports.download", key=job.key) if jobs.ready_file(job) else None,
    }


def state_label(state: str) -> str:
    labels = {
        ExportState.QUEUED: _("Waiting to start"),
        ExportState.RUNNING: _("Being built"),
        ExportState.DONE: _("Ready"),
        ExportState.FAILED: _("Failed"),
    }
    return labels.get(state, state)


def options_text(job: ExportJob) -> str:
    """The options in a few words: what a coordinator checks before sharing the file."""
    parts = [job.campaign_slug or _("all campaigns"), (job.lang or "").upper()]
    if job.codes:
        parts.append(_("codes"))
    if job.include_sensitive:
        parts.append(_("with sensitive answers"))
    return ", ".join(part for part in parts if part)


def export_url(job: ExportJob) -> str:
    """The same export asked for again (for a failed or no longer kept one)."""
    return url_for(
        "exports.workbook_file",
        form_key=job.form_key,
        campaign=job.campaign_slug,
        lang=job.lang,
        codes="1" if job.codes else None,
        sensitive="1" if job.include_sensitive else None,
    )
