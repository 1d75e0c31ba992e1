"""Creating users with hashed passwords."""

import logging
import secrets

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from collector.auth.models import Role, User
from collector.extensions import db

log = logging.getLogger(__name__)


def create_user(username: str, role: Role, password: str | None = None) -> tuple[User, str]:
    """Create a user; returns it with its password (a generated one if none was given)."""
    password = password or secrets.token_urlsafe(12)
    user = User(username=username, role=role.value, password_hash=_hashed(password))
    db.session.add(user)
    db.session.commit()
    log.info("created %s %s", role.value, username)
    return user, password


def new_password(user: User) -> str:
    """Give `user` a fresh generated password (the old one stops working); the caller
    commits and shows it once."""
    password = secrets.token_urlsafe(12)
    user.password_hash = _hashed(password)
    log.info("new password for %s", user.username)
    return password


def _hashed(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def password_matches(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def login_allowed(user: User | None, password: str) -> bool:
    """Whether this login may go in. One hash check whether or not the name exists, so
    the answer takes as long for a made-up name as for a real one and tells nobody which
    names are real."""
    stored = user.password_hash if user is not None else _stand_in_hash()
    matches = check_password_hash(stored, password)
    return matches and user is not None and user.active


def _stand_in_hash() -> str:
    # Made once per app with the configured method, so it costs what a real check costs.
    hashes = current_app.extensions.setdefault("collector.stand_in_hash", {})
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in hashes:
        hashes[method] = generate_password_hash(secrets.token_urlsafe(16), method=method)
    return hashes[method]
