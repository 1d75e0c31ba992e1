"""Who is calling the API: a bearer token, or the login session of the offline client."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from collector.api.errors import api_error
from collector.auth.access import ALL_ROLES, Access, mark_access
from collector.auth.limits import api_rate_limit
from collector.auth.models import User
from collector.auth.session import current_user
from collector.auth.tokens import user_for_token
from collector.extensions import csrf


def api_user_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """401 without valid credentials, 403 for a switched-off account or a missing CSRF
    token on a session call, 429 over API_RATE_LIMIT; else `g.api_user` is the caller."""
    # Counted after the credentials are checked, so the budget is the caller's own.
    limited_view = api_rate_limit(view)

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if request.headers.get("Authorization"):
            user, problem = _user_from_token()
        else:
            user, problem = _user_from_session()
        if problem is not None:
            return problem
        g.api_user = user
        return limited_view(*args, **kwargs)

    return mark_access(wrapped, Access(roles=ALL_ROLES))


def _user_from_token() -> tuple[User | None, Any]:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None, api_error(401, "unauthorized", _("Log in, or send an API token."))
    user = user_for_token(token.strip())
    if user is None:
        return None, api_error(
            401, "unauthorized", _("This API token is not valid. Ask for a new one.")
        )
    if not user.active:
        return None, api_error(403, "forbidden", _("This account is switched off."))
    return user, None


def _user_from_session() -> tuple[User | None, Any]:
    user = current_user()
    if user is None:
        return None, api_error(401, "login_required", _("Your login has expired. Log in again."))
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        # A cookie is sent by the browser on its own; the CSRF header proves the page is ours.
        try:
            csrf.protect()
        except CSRFError:
            return None, api_error(
                403, "csrf", _("The page is out of date. Reload it, then send again.")
            )
    return user, None
