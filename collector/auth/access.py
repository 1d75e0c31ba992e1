"""Who may open each route: every view is either public for a stated reason or needs a role.

The decorators leave an `access` mark on the view; a test walks the URL map and fails on
any route without one, so a new page cannot be left open by forgetting a guard.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import abort, redirect, request, url_for

from collector.auth.models import Role
from collector.auth.session import current_user

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class Access:
    """The roles that may use a view, or the reason it is open to everyone."""

    roles: frozenset[Role] = frozenset()
    public_reason: str | None = None


def mark_access(view: Callable[..., Any], access: Access) -> Callable[..., Any]:
    view.access = access  # type: ignore[attr-defined]
    return view


def public(reason: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Open to everyone; the reason is read in review and by the URL-map test."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        return mark_access(view, Access(public_reason=reason))

    return decorate


def roles_required(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Pages for logged-in people with one of `roles`: others go to the login page and
    back; a logged-in person with another role gets 403."""
    allowed = frozenset(roles)

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return mark_access(wrapped, Access(roles=allowed))

    return decorate


login_required = roles_required(*ALL_ROLES)
coordinator_required = roles_required(Role.COORDINATOR)
