"""Coordinators make accounts, give new passwords and switch accounts off."""

import re

import pytest
from sqlalchemy import select

from collector.audit.models import AuditEvent
from collector.auth.models import Role, User
from collector.extensions import db
from tests.conftest import PASSWORD, csrf_token_from


def _token(client) -> str:
    return csrf_token_from(client.get("/people/new").get_data(as_text=True))


def _shown_password(page: str) -> str:
    match = re.search(r'data-testid="new-password">([^<]+)<', page)
    assert match, "no password on the page"
    return match.group(1)


def _user(app, username: str) -> User:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        db.session.expunge_all()
        return user


def _actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_new_interviewer_gets_a_password_shown_once_that_logs_in(app, coordinator_client):
    page = coordinator_client.post(
        "/people/new",
        data={
            "username": "Peteris",
            "role": "interviewer",
            "csrf_token": _token(coordinator_client),
        },
    ).get_data(as_text=True)
    password = _shown_password(page)
    assert _user(app, "peteris").role == Role.INTERVIEWER
    other = app.test_client()
    token = csrf_token_from(other.get("/login").get_data(as_text=True))
    response = other.post(
        "/login", data={"username": "peteris", "password": password, "csrf_token": token}
    )
    assert response.status_code == 302
    assert _actions(app) == ["user.create"]


def test_the_password_page_is_not_kept_in_any_cache(coordinator_client):
    response = coordinator_client.post(
        "/people/new",
        data={
            "username": "peteris",
            "role": "interviewer",
            "csrf_token": _token(coordinator_client),
        },
    )
    assert response.headers["Cache-Control"] == "no-store"


def test_a_taken_user_name_is_refused_in_plain_words(coordinator_client, make_user):
    make_user("peteris")
    response = coordinator_client.post(
        "/people/new",
        data={
            "username": "peteris",
            "role": "interviewer",
            "csrf_token": _token(coordinator_client),
        },
    )
    assert response.status_code == 422
    assert "taken" in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["a", "anna berzina", "<script>", "anna/1"])
def test_a_user_name_outside_the_rule_is_refused(coordinator_client, name):
    response = coordinator_client.post(
        "/people/new",
        data={"username": name, "role": "interviewer", "csrf_token": _token(coordinator_client)},
    )
    assert response.status_code == 422


def test_a_new_password_replaces_the_old_one(app, client, coordinator_client, make_user):
    make_user("anna")
    anna = _user(app, "anna")
    page = coordinator_client.post(
        f"/people/{anna.id}/password", data={"csrf_token": _token(coordinator_client)}
    ).get_data(as_text=True)
    password = _shown_password(page)
    other = app.test_client()
    token = csrf_token_from(other.get("/login").get_data(as_text=True))
    old = other.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token})
    assert old.status_code == 401
    new = other.post("/login", data={"username": "anna", "password": password, "csrf_token": token})
    assert new.status_code == 302
    assert _actions(app) == ["user.password"]


def test_a_switched_off_account_is_logged_out_and_its_token_refused(
    app, coordinator_client, make_api_client
):
    phone = make_api_client("anna")
    anna = _user(app, "anna")
    coordinator_client.post(
        f"/people/{anna.id}/switch-off", data={"csrf_token": _token(coordinator_client)}
    )
    assert _user(app, "anna").active is False
    assert phone.submit({}).status_code == 403
    assert _actions(app) == ["user.switch_off"]


def test_a_coordinator_cannot_switch_off_their_own_account(app, coordinator_client):
    me = _user(app, "ilze")
    response = coordinator_client.post(
        f"/people/{me.id}/switch-off", data={"csrf_token": _token(coordinator_client)}
    )
    assert response.status_code == 400
    assert _user(app, "ilze").active is True


def test_interviewers_cannot_manage_accounts(client, auth, make_user):
    make_user("anna")
    auth.login("anna")
    assert client.get("/people").status_code == 403
    assert client.get("/people/new").status_code == 403


def test_passwords_are_kept_as_scrypt_hashes_unless_a_test_says_otherwise(app, make_user):
    from collector.config import Config

    assert Config.PASSWORD_HASH_METHOD.startswith("scrypt:")
    make_user("anna")
    stored = _user(app, "anna").password_hash
    assert stored.startswith(app.config["PASSWORD_HASH_METHOD"].split(":")[0])
    assert PASSWORD not in stored
