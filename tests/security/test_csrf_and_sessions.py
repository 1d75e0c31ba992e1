"""Forged requests and planted sessions change nothing.

The URL map is walked, so a state-changing route added later is covered without anyone
listing it here. Routes are checked for a role or a stated public reason in
tests/auth/test_route_access.py; a planted session's own keys are dropped at login in
tests/auth/test_login.py; one API call with a session and no CSRF header is refused in
tests/forms_ui/test_form_page.py. Not walked here, by design: the respondent link's JSON
route (respondents.submit_batch) takes no cookie and only application/json, which no
cross-site form can send (see its comment in collector/respondents/views.py).
"""

import uuid
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.routing import Rule

from collector.auth.models import Role, User
from collector.auth.tokens import issue_token
from collector.campaigns.models import RespondentLink
from collector.extensions import db
from collector.intake.models import QuarantineItem
from tests.conftest import PASSWORD, ApiClient, AuthActions, csrf_token_from
from tests.factories import kitchen_talk_answers, submission
from tests.respondents.conftest import make_link
from tests.security.helpers import database_dump

NO_COOKIE_BY_DESIGN = {"respondents.submit_batch"}
# Fields that would change something on each page, were the CSRF check missing: the walk
# then sees a change as well as the wrong status.
PLAUSIBLE_FORM = {
    "username": "forged",
    "password": PASSWORD,
    "role": "coordinator",
    "slug": "forged-2026",
    "form": "kitchen-talk",
    "title": "Forged",
    "target": "5",
    "label": "forged link",
    "question": "everyday_life",
    "tag": "problem",
    "theme": "forged",
    "note": "forged",
    "reason": "forged",
    "confirm": "1",
    "release": "1",
    "discard": "1",
    "municipality": "cesis",
    "consent": "yes",
}


def _post_routes(app: Flask, api: bool) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or set()) or rule.endpoint in NO_COOKIE_BY_DESIGN:
            continue
        if rule.rule.startswith("/api/") == api:
            yield rule


@pytest.fixture
def real_things(app: Flask, runner, coordinator_client, field_campaign) -> dict[str, object]:
    """A value for every URL argument that names something real, so each forged request
    reaches a route that could change it: anna, the campaign, a link, a kept item."""
    token = make_link(runner)
    with app.app_context():
        anna = db.session.scalar(select(User).where(User.username == "anna"))
        phone = ApiClient(app.test_client(), issue_token(anna))
        anna_id = anna.id
    assert phone.submit(submission(kitchen_talk_answers(household_size=99))).status_code == 422
    with app.app_context():
        return {
            "user_id": anna_id,
            "slug": "cesis-2026",
            "form_key": "kitchen-talk",
            "token": token,
            "link_id": db.session.scalar(select(RespondentLink.id)),
            "item_id": db.session.scalar(select(QuarantineItem.id)),
            "submission": str(uuid.uuid4()),
        }


def test_every_html_post_without_a_csrf_token_is_400_and_changes_nothing(
    app, coordinator_client, real_things
):
    refused = []
    before = database_dump(app)
    for rule in _post_routes(app, api=False):
        url = rule.build({name: real_things[name] for name in rule.arguments})[1]
        data = {**PLAUSIBLE_FORM, "submission": real_things["submission"]}
        response = coordinator_client.post(url, data=data)
        assert response.status_code == 400, f"POST {rule.rule}: {response.status_code}"
        refused.append(rule.rule)
    assert database_dump(app) == before
    assert len(refused) >= 15, refused  # the walk found the routes it is meant to check
    assert coordinator_client.get("/campaigns").status_code == 200  # and never logged out


def test_every_api_post_with_a_session_and_no_csrf_header_is_403_and_changes_nothing(
    app, coordinator_client, real_things
):
    before = database_dump(app)
    routes = list(_post_routes(app, api=True))
    for rule in routes:
        response = coordinator_client.post(rule.rule, json=[submission(campaign="cesis-2026")])
        assert response.status_code == 403, f"POST {rule.rule}: {response.status_code}"
        assert response.json["status"] == "csrf"
    assert database_dump(app) == before
    assert len(routes) >= 2


def test_the_same_forged_post_with_the_token_does_change_something(
    app, coordinator_client, real_things
):
    """The control for the walk above: the refusal is the token's doing, not the data's."""
    before = database_dump(app)
    page = coordinator_client.get("/campaigns/cesis-2026").get_data(as_text=True)
    response = coordinator_client.post(
        "/campaigns/cesis-2026/close", data={"csrf_token": csrf_token_from(page)}
    )
    assert response.status_code == 302
    assert database_dump(app) != before


# -- sessions ----------------------------------------------------------------------------


def test_a_csrf_token_known_before_login_is_refused_after_it(app, client, make_user):
    """Whoever planted the session before login knows its CSRF token; login replaces it,
    so that token cannot forge anything in the logged-in session."""
    make_user("ilze", Role.COORDINATOR)
    known = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"username": "ilze", "password": PASSWORD, "csrf_token": known}
    )
    assert response.status_code == 302
    before = database_dump(app)
    forged = client.post("/campaigns/new", data={**PLAUSIBLE_FORM, "csrf_token": known})
    assert forged.status_code == 400
    assert database_dump(app) == before


def test_the_session_cookie_changes_at_login_and_the_old_one_is_no_login(
    app, client: FlaskClient, make_user
):
    """With Flask's signed-cookie sessions this holds by construction; it is here to
    catch a move to server-side sessions that forgets to issue a new id at login."""
    make_user("anna")
    auth = AuthActions(client)
    client.get("/login")
    planted = client.get_cookie("session").value
    assert auth.login("anna").status_code == 302
    assert client.get_cookie("session").value != planted
    attacker = app.test_client()
    attacker.set_cookie("session", planted)
    response = attacker.get("/app")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
