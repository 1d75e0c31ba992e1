"""The record of each export: who took which data out, sensitive answers included or not."""

import secrets

from collector.auth.models import User
from collector.exports.models import ExportJob, ExportState
from collector.exports.options import ExportOptions
from collector.extensions import db
from collector.types import utcnow


def record_export(
    options: ExportOptions, *, source: str, requested_by: User | None, rows: int
) -> ExportJob:
    """Record an export that was made at once (not as a background job)."""
    now = utcnow()
    job = ExportJob(
        key=secrets.token_urlsafe(24),
        form_key=options.form,
        campaign_slug=options.campaign,
        lang=options.lang,
        codes=options.codes,
        include_sensitive=options.include_sensitive,
        source=source,
        requested_by=requested_by,
        state=ExportState.DONE,
        rows_total=rows,
        rows_done=rows,
        created_at=now,
        started_at=now,
        finished_at=now,
    )
    db.session.add(job)
    db.session.commit()
    return job
