"""Every route is public by design or needs a role, and the guards hold for real requests.

The URL map is walked, so a page added later is covered without anyone listing it here.
"""

from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.routing import Rule

from collector import create_app
from collector.auth.access import Access
from collector.auth.models import Role
from tests.conftest import csrf_token_from

# Flask's own static files: public by nature (CSS, scripts, icons; no data).
FLASK_STATIC = {"static"}


def _routes(app: Flask) -> Iterator[tuple[Rule, str]]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint in FLASK_STATIC:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule, method


def _access(app: Flask, rule: Rule) -> Access | None:
    return getattr(app.view_functions[rule.endpoint], "access", None)


def _url(rule: Rule) -> str:
    # "1" fits every converter here (strings, ints, paths); the guard answers before any
    # lookup, so the value never needs to exist.
    return rule.build(dict.fromkeys(rule.arguments, "1"))[1]


def test_every_route_is_public_for_a_reason_or_needs_a_role():
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    undecided = [
        f"{method} {rule.rule}"
        for rule, method in _routes(app)
        if _access(app, rule) is None
        or (not _access(app, rule).roles and not _access(app, rule).public_reason)
    ]
    assert undecided == [], "routes with neither a role guard nor @public(reason)"


def _guarded(app: Flask, roles_allowed: Role | None = None) -> list[tuple[str, str]]:
    """(method, url) of every route that a person with `roles_allowed` may not use."""
    routes = []
    for rule, method in _routes(app):
        access = _access(app, rule)
        if access.public_reason or (roles_allowed is not None and roles_allowed in access.roles):
            continue
        routes.append((method, _url(rule)))
    return routes


def _request(client, method: str, url: str, token: str):
    # A real CSRF token, so a refusal comes from the role guard and not from CSRF checks.
    return client.open(
        url, method=method, data={"csrf_token": token}, headers={"X-CSRFToken": token}
    )


def test_anonymous_visitors_reach_no_guarded_route(app, client):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    for method, url in _guarded(app):
        response = _request(client, method, url, token)
        sent_to_login = response.status_code == 302 and "/login" in response.headers["Location"]
        assert sent_to_login or response.status_code == 401, f"{method} {url}"


@pytest.mark.usefixtures("field_campaign")
def test_interviewers_reach_no_coordinator_route(app, client, auth):
    auth.login("anna")  # assigned to a campaign, so a real interviewer's view
    token = csrf_token_from(client.get("/app").get_data(as_text=True))
    for method, url in _guarded(app, roles_allowed=Role.INTERVIEWER):
        response = _request(client, method, url, token)
        assert response.status_code == 403, f"{method} {url}: {response.status_code}"


def test_coordinator_only_routes_exist_to_be_checked(app):
    """Guards the test above from passing on an empty list."""
    assert len(_guarded(app, roles_allowed=Role.INTERVIEWER)) >= 5
