"""A campaign is one wave of fieldwork with one form."""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collector.auth.models import User
from collector.extensions import db
from collector.schema.models import Form
from collector.types import UTCDateTime, utcnow

campaign_interviewers = Table(
    "campaign_interviewers",
    db.metadata,
    Column("campaign_id", ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Campaign(db.Model):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id"))
    title: Mapped[str] = mapped_column(String(200))
    target: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    form: Mapped[Form] = relationship()
    interviewers: Mapped[list[User]] = relationship(secondary=campaign_interviewers)
