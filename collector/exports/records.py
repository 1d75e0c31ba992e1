"""The record of each export: who took which data out, sensitive answers included or not."""

import secrets
from typing import Any

from collector.audit.events import record_event
from collector.audit.models import AuditAction
from collector.auth.models import User
from collector.campaigns.lookup import find_campaign
from collector.exports.models import ExportJob, ExportState
from collector.exports.options import ExportOptions
from collector.extensions import db
from collector.types import utcnow


def new_export_record(
    options: ExportOptions, *, source: str, requested_by: User | None, **state: Any
) -> ExportJob:
    """An export's row, stored: a finished export's record, or a background job's start."""
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
        created_at=now,
        **state,
    )
    db.session.add(job)
    record_event(
        AuditAction.EXPORT,
        requested_by,
        f"form {options.form}" + (f", campaign {options.campaign}" if options.campaign else ""),
        campaign=find_campaign(options.campaign),
        details={
            "form": options.form,
            "campaign": options.campaign,
            "lang": options.lang,
            "include_sensitive": options.include_sensitive,
            "source": source,
            "export": job.key,
        },
    )
    db.session.commit()
    return job


def record_export(
    options: ExportOptions, *, source: str, requested_by: User | None, rows: int
) -> ExportJob:
    """Record an export that was made at once (not as a background job)."""
    now = utcnow()
    return new_export_record(
        options,
        source=source,
        requested_by=requested_by,
        state=ExportState.DONE,
        rows_total=rows,
        rows_done=rows,
        started_at=now,
        finished_at=now,
    )
