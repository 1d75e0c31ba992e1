"""Secrets are kept only as hashes: a copy of the database opens no account, API or survey.

Each secret is issued the way people get it (the command line, the coordinator's pages),
then used once, so a secret written down while in use would be caught too. Then every row
of every table is read back and searched for it.
"""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from collector.auth.models import User
from collector.extensions import db
from tests.conftest import AuthActions, csrf_token_from
from tests.factories import kitchen_talk_answers, submission
from tests.respondents.conftest import token_of
from tests.security.helpers import database_dump

CHOSEN_PASSWORD = "Chosen-Password-4-Ilze"  # noqa: S105 -- a test's own password


def _cli(runner, *args: str) -> str:
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _password_shown(page: str) -> str:
    return re.search(r'data-testid="new-password">([^<]+)<', page)[1]


@pytest.fixture
def secrets_issued(app: Flask, runner, client: FlaskClient, field_campaign) -> dict[str, str]:
    """Every kind of secret, issued by every way there is, and each used once."""
    issued: dict[str, str] = {"chosen password": CHOSEN_PASSWORD}
    _cli(runner, "users", "create", "ilze", "--role", "coordinator", "--password", CHOSEN_PASSWORD)
    made = _cli(runner, "users", "create", "juris", "--role", "interviewer")
    issued["generated password"] = re.search(r"Password: (\S+)", made)[1]
    issued["API token"] = _cli(runner, "users", "token", "anna").strip()
    issued["link token (command line)"] = token_of(_cli(runner, "campaigns", "link", "cesis-2026"))

    AuthActions(client).login("ilze", CHOSEN_PASSWORD)
    page = client.get("/people/new").get_data(as_text=True)
    new = {"csrf_token": csrf_token_from(page), "username": "maija", "role": "interviewer"}
    issued["password made on the people page"] = _password_shown(
        client.post("/people/new", data=new).get_data(as_text=True)
    )
    with app.app_context():
        juris = db.session.scalar(select(User.id).where(User.username == "juris"))
    reset = client.post(f"/people/{juris}/password", data={"csrf_token": new["csrf_token"]})
    issued["password replaced on the people page"] = _password_shown(reset.get_data(as_text=True))
    page = client.get("/campaigns/cesis-2026/links").get_data(as_text=True)
    client.post(
        "/campaigns/cesis-2026/links",
        data={"csrf_token": csrf_token_from(page), "label": "day centre"},
    )
    page = client.get("/campaigns/cesis-2026/links").get_data(as_text=True)
    link_tokens = set(re.findall(r"/s/([a-z2-7]{26})\b", page))
    issued["link token (links page)"] = next(
        token for token in link_tokens if token != issued["link token (command line)"]
    )

    # Used once each: logging in, sending through the API and through both links.
    logins = {
        "ilze": CHOSEN_PASSWORD,
        "juris": issued["password replaced on the people page"],
        "maija": issued["password made on the people page"],
    }
    for name, password in logins.items():
        assert AuthActions(app.test_client()).login(name, password).status_code == 302
    api_call = app.test_client().post(
        "/api/v1/submissions",
        json=submission(campaign="cesis-2026"),
        headers={"Authorization": f"Bearer {issued['API token']}"},
    )
    assert api_call.status_code == 201
    for label in ("link token (command line)", "link token (links page)"):
        sent = app.test_client().post(
            f"/s/{issued[label]}/submissions", json=[submission(kitchen_talk_answers())]
        )
        assert sent.status_code == 200
    return issued


def test_no_secret_appears_anywhere_in_the_database(app, secrets_issued):
    dump = database_dump(app)
    assert "cesis-2026" in dump  # the dump holds the data: the search below means something
    for label, secret in secrets_issued.items():
        assert secret not in dump, f"the {label} is stored in plain text"
        core = secret.removeprefix("col_")
        assert core not in dump, f"the {label} is stored without its prefix"


def test_passwords_are_kept_as_salted_slow_hashes(app, secrets_issued):
    """The configured method (scrypt in production), never a plain digest: two people with
    one password get different hashes."""
    with app.app_context():
        hashes = dict(db.session.execute(select(User.username, User.password_hash)).all())
    method = app.config["PASSWORD_HASH_METHOD"]
    assert all(value.startswith(method + "$") for value in hashes.values()), hashes
    assert len(set(hashes.values())) == len(hashes)


def test_the_api_token_works_only_as_given_not_as_its_stored_hash(app, secrets_issued):
    """What the database holds is not itself a credential."""
    dump = database_dump(app)
    stored_hash = re.search(r'"token_hash": "([0-9a-f]{64})"', dump)[1]
    response = app.test_client().post(
        "/api/v1/submissions",
        json=submission(campaign="cesis-2026"),
        headers={"Authorization": f"Bearer {stored_hash}"},
    )
    assert response.status_code == 401


def test_a_link_opens_by_its_token_and_not_by_its_stored_hash(app, secrets_issued):
    dump = database_dump(app)
    for stored in re.findall(r'"token_hash": "([0-9a-f]{64})"', dump):
        assert app.test_client().get(f"/s/{stored}").status_code == 404
    assert app.test_client().get(f"/s/{secrets_issued['link token (links page)']}").status_code == (
        200
    )
