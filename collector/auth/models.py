"""Users and their API tokens (stored only as hashes)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from collector.extensions import db
from collector.types import UTCDateTime, utcnow


class Role(StrEnum):
    COORDINATOR = "coordinator"
    INTERVIEWER = "interviewer"


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When this person's phone last reached the intake, and how many interviews it said were
    # still waiting then: the coordinator's view of the outbox gap.
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outbox_waiting: Mapped[int | None]

    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user")

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # SHA-256 of a 256-bit random token: a stolen database gives no usable credential.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="tokens")
