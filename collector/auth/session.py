"""Who is logged in (session cookie); the guards that use it are in `access`."""

from urllib.parse import urlsplit

from flask import g, session

from collector.auth.models import User
from collector.extensions import db

SESSION_KEY = "user_id"


def current_user() -> User | None:
    if "current_user" not in g:
        user_id = session.get(SESSION_KEY)
        user = db.session.get(User, user_id) if user_id is not None else None
        g.current_user = user if user is not None and user.active else None
    return g.current_user


def log_in(user: User) -> None:
    # A fresh session on login: a session id planted before login is worth nothing after.
    session.clear()
    session[SESSION_KEY] = user.id
    session.permanent = True
    g.current_user = user


def log_out() -> None:
    session.clear()
    g.current_user = None


def safe_next_url(target: str | None, default: str) -> str:
    """Only a path on this site: a login link must not send people elsewhere."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target
