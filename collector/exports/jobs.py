"""Workbooks too large to build within a request: built in the background, kept a while.

The ExportJob row is the job: every app server reads it, so any of them can show the
progress. The finished file lives in EXPORT_FOLDER, which several app servers must share.
A process that dies mid-build cannot say so; its jobs stop being noted as alive and are
shown as failed once their heartbeat is older than LOST_AFTER.
"""

import logging
import os
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from collector.auth.models import User
from collector.clock import local_time
from collector.exports import workbook
from collector.exports.models import ExportJob, ExportState
from collector.exports.options import ExportOptions, ExportProblem, ResolvedExport, resolve_options
from collector.exports.records import new_export_record
from collector.extensions import db
from collector.types import as_utc, utcnow

log = logging.getLogger(__name__)

ACTIVE_STATES = (ExportState.QUEUED, ExportState.RUNNING)
# A job held by a live process is noted as alive every HEARTBEAT_SECONDS, even while the
# engine is busy between progress reports; a job silent for LOST_AFTER lost its process.
LOST_AFTER = timedelta(minutes=2)
HEARTBEAT_SECONDS = 20.0
# Progress is written at most this often: each note is a transaction of its own.
PROGRESS_SECONDS = 1.0
MAX_ERROR_LENGTH = 2_000
RUNNER_KEY = "collector.export_runner"
_runner_lock = threading.Lock()


def options_of(job: ExportJob) -> ExportOptions:
    """What the job was asked to export, to be checked again when it is built."""
    return ExportOptions(
        form=job.form_key,
        campaign=job.campaign_slug,
        lang=job.lang,
        codes=job.codes,
        include_sensitive=job.include_sensitive,
    )


def active_twin(resolved: ResolvedExport, user: User) -> ExportJob | None:
    """The same export for the same person, still queued or running in a live process:
    pressing the button twice should not build the workbook twice."""
    options = resolved.options
    return db.session.scalar(
        select(ExportJob)
        .where(
            ExportJob.form_key == options.form,
            ExportJob.campaign_slug == options.campaign,  # None compares as IS NULL
            ExportJob.lang == resolved.lang,
            ExportJob.codes == options.codes,
            ExportJob.include_sensitive == options.include_sensitive,
            ExportJob.requested_by_id == user.id,
            ExportJob.state.in_(ACTIVE_STATES),
            ExportJob.heartbeat_at >= utcnow() - LOST_AFTER,
        )
        .order_by(ExportJob.id.desc())
        .limit(1)
    )


def start_job(resolved: ResolvedExport, user: User, rows_total: int) -> ExportJob:
    """Record a queued job and hand it to this process's runner. The language recorded is
    the settled one, so naming the form's default language or leaving it out is the same
    export (see active_twin)."""
    job = new_export_record(
        replace(resolved.options, lang=resolved.lang),
        source="web",
        requested_by=user,
        state=ExportState.QUEUED,
        rows_total=rows_total,
        heartbeat_at=utcnow(),  # held by this process from now on
    )
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    remove_old_files(app)
    runner(app).submit(job.key)
    log.info("export %s of %s queued (%d rows)", job.key, job.form_key, rows_total)
    return job


# -- what a job looks like from outside ------------------------------------------------


def is_lost(job: ExportJob) -> bool:
    """Queued or running, but no process has noted it alive for LOST_AFTER."""
    if job.state not in ACTIVE_STATES:
        return False
    last_sign = as_utc(job.heartbeat_at or job.created_at)
    return last_sign is None or last_sign < utcnow() - LOST_AFTER


def shown_state(job: ExportJob) -> str:
    return ExportState.FAILED if is_lost(job) else job.state


def shown_error(job: ExportJob) -> str | None:
    if is_lost(job):
        return _("The server stopped while building this file. Start it again.")
    return job.error if job.state == ExportState.FAILED else None


def ready_file(job: ExportJob) -> Path | None:
    """The finished file, if it is done and not yet removed as old."""
    path = export_folder() / f"{job.key}.xlsx"
    return path if job.state == ExportState.DONE and path.is_file() else None


def file_name(job: ExportJob) -> str:
    """What the download is called: form, campaign and the local day it was asked for,
    e.g. kitchen-talk-cesis-2026-2026-11-22.xlsx."""
    day = local_time(job.created_at or utcnow()).date().isoformat()
    return "-".join(part for part in (job.form_key, job.campaign_slug, day) if part) + ".xlsx"


# -- files ----------------------------------------------------------------------------


def export_folder(app: Flask | None = None) -> Path:
    app = app or current_app
    folder = Path(app.config.get("EXPORT_FOLDER") or os.path.join(app.instance_path, "exports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_old_files(app: Flask) -> int:
    """Delete workbooks (and pieces left by a dead process) older than EXPORT_KEEP_HOURS:
    they hold personal data and should not lie around."""
    cutoff = time.time() - app.config["EXPORT_KEEP_HOURS"] * 3600
    removed = 0
    for entry in os.scandir(export_folder(app)):
        if entry.name.endswith(".xlsx") and entry.is_file() and entry.stat().st_mtime < cutoff:
            try:
                os.remove(entry.path)
                removed += 1
            except FileNotFoundError:  # another app server removed it first
                pass
    if removed:
        log.info("removed %d old export files", removed)
    return removed


# -- the build ------------------------------------------------------------------------


def build_job(key: str) -> None:
    """Build job `key` into its file (in an app context); the outcome goes to its row, an
    error is never raised, since no one is waiting for this thread."""
    partial: str | None = None
    try:
        if not _claim(key):
            return
        folder = export_folder()
        job = db.session.scalar(select(ExportJob).where(ExportJob.key == key))
        resolved = resolve_options(options_of(job))
        exported_by = job.requested_by.username if job.requested_by else None
        # A hidden name of its own until complete: a file under the final name is whole.
        handle, partial = tempfile.mkstemp(dir=folder, prefix=f".{key}-", suffix=".xlsx")
        os.close(handle)
        summary = workbook.write_workbook(
            resolved, partial, exported_by=exported_by, progress=ProgressNote(key)
        )
        os.replace(partial, folder / f"{key}.xlsx")
        partial = None
        rows = summary.submissions
        note(key, state=ExportState.DONE, rows_done=rows, rows_total=rows, finished_at=utcnow())
        log.info("export %s done: %d submissions", key, summary.submissions)
    except Exception as error:
        log.exception("export %s failed", key)
        db.session.rollback()
        _note_failure(key, error)
    finally:
        if partial is not None and os.path.exists(partial):
            os.remove(partial)
        db.session.remove()


def _claim(key: str) -> bool:
    """Move the job from queued to running; False if it is gone or no longer queued."""
    now = utcnow()
    claimed = note(
        key,
        only_if_state=ExportState.QUEUED,
        state=ExportState.RUNNING,
        started_at=now,
        heartbeat_at=now,
    )
    return claimed == 1


def _note_failure(key: str, error: Exception) -> None:
    text = str(error) if isinstance(error, ExportProblem) else f"{type(error).__name__}: {error}"
    try:
        note(key, state=ExportState.FAILED, error=text[:MAX_ERROR_LENGTH], finished_at=utcnow())
    except Exception:  # the database itself is gone; the lost-heartbeat rule will tell
        log.exception("could not record that export %s failed", key)


def note(key: str | list[str], only_if_state: str | None = None, **values: Any) -> int:
    """Update job rows in a short transaction of their own, never through db.session: the
    build streams its rows through the session's connection. Returns the rows changed."""
    keys = [key] if isinstance(key, str) else key
    statement = update(ExportJob).where(ExportJob.key.in_(keys)).values(**values)
    if only_if_state is not None:
        statement = statement.where(ExportJob.state == only_if_state)
    with db.engine.begin() as connection:
        return connection.execute(statement).rowcount


class ProgressNote:
    """The engine's progress callback: writes rows done at most once per PROGRESS_SECONDS."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.last = float("-inf")

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_SECONDS:
            return
        self.last = now
        try:
            note(self.key, rows_done=done, rows_total=total, heartbeat_at=utcnow())
        except Exception:  # a missed progress note is no reason to throw the build away
            log.warning("could not note the progress of export %s", self.key, exc_info=True)


# -- the runner -----------------------------------------------------------------------


class ExportRunner:
    """This process's background builds for one app: a small thread pool, and one thread
    that notes every job held here (queued ones too) as alive while there are any."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pool = ThreadPoolExecutor(
            max_workers=app.config["EXPORT_WORKERS"], thread_name_prefix="collector-export"
        )
        self.held: set[str] = set()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.heartbeat: threading.Thread | None = None

    def submit(self, key: str) -> Future[None]:
        with self.lock:
            self.held.add(key)
            if self.heartbeat is None:
                self.heartbeat = threading.Thread(
                    target=self._beat_while_held, name="collector-export-heartbeat", daemon=True
                )
                self.heartbeat.start()
        return self.pool.submit(self._run, key)

    def _run(self, key: str) -> None:
        try:
            with self.app.app_context():
                build_job(key)
        finally:
            with self.lock:
                self.held.discard(key)

    def _beat_while_held(self) -> None:
        while not self.stopping.wait(HEARTBEAT_SECONDS):
            with self.lock:
                keys = sorted(self.held)
                if not keys:  # ends when idle; the next submit starts another
                    self.heartbeat = None
                    return
            try:
                with self.app.app_context():
                    note(keys, heartbeat_at=utcnow())
            except Exception:
                log.warning("could not note exports %s as alive", keys, exc_info=True)

    def shutdown(self, wait: bool = True) -> None:
        self.stopping.set()
        self.pool.shutdown(wait=wait, cancel_futures=not wait)


def runner(app: Flask) -> ExportRunner:
    """The app's runner, made on first use: after a server forks its workers, not before."""
    with _runner_lock:
        found = app.extensions.get(RUNNER_KEY)
        if found is None:
            found = app.extensions[RUNNER_KEY] = ExportRunner(app)
        return found


def shutdown(app: Flask, wait: bool = True) -> None:
    """Stop taking jobs; with `wait`, let those started finish (tests, orderly stops)."""
    with _runner_lock:
        found = app.extensions.pop(RUNNER_KEY, None)
    if found is not None:
        found.shutdown(wait=wait)
