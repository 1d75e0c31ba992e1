"""API bearer tokens: handed out once, kept only as SHA-256 hashes."""

import hashlib
import logging
import secrets

from sqlalchemy import select

from collector.auth.models import ApiToken, User
from collector.extensions import db

log = logging.getLogger(__name__)
TOKEN_PREFIX = "col_"  # noqa: S105 -- a visible marker, not a secret


def hash_token(token: str) -> str:
    # A 256-bit random token needs no slow hash: there is nothing to guess.
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User) -> str:
    """A new token for `user`; the plain text exists only in the return value."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, token_hash=hash_token(token)))
    db.session.commit()
    log.info("issued an API token for %s", user.username)
    return token


def user_for_token(token: str) -> User | None:
    return db.session.scalar(
        select(User)
        .join(ApiToken)
        .where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
    )
