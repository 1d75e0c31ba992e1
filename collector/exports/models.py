"""Every export asked for, from the web or the command line: who, what, and how it went.

The row is both the background job (state and progress, read by every app server) and
the record of who took which data out, sensitive answers included or not.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collector.auth.models import User
from collector.extensions import db
from collector.types import UTCDateTime, utcnow


class ExportState:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ExportJob(db.Model):
    __tablename__ = "export_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The public name in URLs and of the file: unguessable, so a link cannot be walked.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    form_key: Mapped[str] = mapped_column(String(80))
    campaign_slug: Mapped[str | None] = mapped_column(String(80))
    lang: Mapped[str | None] = mapped_column(String(16))
    codes: Mapped[bool] = mapped_column(default=False)
    include_sensitive: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(10))  # "web" or "cli"
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str] = mapped_column(String(10), default=ExportState.QUEUED)
    rows_total: Mapped[int | None]
    rows_done: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Moved on while the build runs; a running job whose heartbeat stopped lost its process.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requested_by: Mapped[User | None] = relationship()
