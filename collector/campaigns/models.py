"""A campaign is one wave of fieldwork with one form."""

from datetime import date, datetime

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
    # The days of fieldwork as planned; informative, intake never refuses a late interview.
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    form: Mapped[Form] = relationship()
    interviewers: Mapped[list[User]] = relationship(secondary=campaign_interviewers)

    links: Mapped[list["RespondentLink"]] = relationship(
        back_populates="campaign", order_by="RespondentLink.id"
    )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class RespondentLink(db.Model):
    """A link `/s/<token>` that lets anyone fill the campaign's form, and only that.

    The token is never stored: it is an HMAC of `nonce` under the app's secret key (so the
    coordinator can print the same QR code again), and only its SHA-256 is kept for lookup.
    A copy of the database alone gives no usable link.
    """

    __tablename__ = "respondent_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(120), default="")
    nonce: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    campaign: Mapped[Campaign] = relationship(back_populates="links")

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.campaign.closed_at is None
