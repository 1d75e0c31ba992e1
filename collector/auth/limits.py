"""Limits on credentials: failed logins per user name and per address, and API calls per
credential. The values are read per request, so a deployment (or a test) can change them.

Keys never hold a secret: a user name or bearer token reaches the limiter's storage (which
may be a shared Redis) only as its SHA-256.
"""

import hashlib
import math
import time

from flask import current_app, g, request
from flask.wrappers import Response
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from collector.auth.tokens import hash_token
from collector.extensions import limiter

API_SCOPE = "api"
FAILED_LOGIN = 401


def login_rate_limit_value() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def login_address_rate_limit_value() -> str:
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def api_rate_limit_value() -> str:
    return current_app.config["API_RATE_LIMIT"]


def login_failed(response: Response) -> bool:
    # Only refusals count: a class of twenty logging in at once costs nothing.
    return response.status_code == FAILED_LOGIN


def user_name_key() -> str:
    """Per user name as typed, whether or not such a user exists: the answer is the same
    for both, so the limit tells nobody which names are real. Hashed, so a made-up name of
    any length costs the store 64 characters."""
    name = (request.form.get("username") or "").strip().casefold()
    return "name:" + hashlib.sha256(name.encode()).hexdigest()


def api_caller_key() -> str:
    """Per credential: the token's SHA-256, or the logged-in user. Only an authenticated
    caller reaches the limit (see `api_user_required`), so one phone that loops cannot use
    up another's budget, even behind the same address."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + hash_token(token.strip())
    user = g.get("api_user")
    if user is not None:
        return f"user:{user.id}"
    return "address:" + get_remote_address()


def seconds_until_retry() -> int:
    """Until the breached limit's window ends (at least one second)."""
    breached = limiter.current_limit
    if breached is None:
        return 60
    return max(1, math.ceil(breached.reset_at - time.time()))


# Two budgets for POST /login, each counting only failures: per user name stops guessing
# one person's password; per address stops trying one password on many names.
login_rate_limit = limiter.limit(
    login_rate_limit_value,
    key_func=user_name_key,
    methods=["POST"],
    deduct_when=login_failed,
    scope="login-name",
)
login_address_rate_limit = limiter.limit(
    login_address_rate_limit_value,
    key_func=get_remote_address,
    methods=["POST"],
    deduct_when=login_failed,
    scope="login-address",
)

# One budget per credential shared by every API route: switching routes gains nothing.
api_rate_limit = limiter.shared_limit(
    api_rate_limit_value,
    scope=API_SCOPE,
    key_func=api_caller_key,
    error_message=lambda: _(
        "Too many requests with this login in a short time. Wait a minute, then send again: "
        "the interviews stay on the phone until they are stored."
    ),
)
