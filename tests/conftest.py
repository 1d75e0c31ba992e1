"""Fixtures: an app on a real database (SQLite file, and PostgreSQL when configured),
a CLI runner, published sample forms, and API clients holding real bearer tokens."""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text
from werkzeug.test import TestResponse

from collector import create_app
from collector.auth.models import Role, User
from collector.auth.passwords import create_user
from collector.auth.tokens import issue_token
from collector.campaigns.models import Campaign
from collector.extensions import db
from collector.schema.loader import load_form_file
from collector.schema.versions import publish_version

ROOT = Path(__file__).resolve().parent.parent
FORMS_DIR = ROOT / "forms"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
# CI sets this so that a missing PostgreSQL or browser fails the run instead of skipping.
REQUIRE_ALL = os.environ.get("COLLECTOR_REQUIRE_ALL_BACKENDS") == "1"


def _backends() -> list[Any]:
    postgres_marks = []
    if not POSTGRES_URL and not REQUIRE_ALL:
        postgres_marks = [pytest.mark.skip(reason="PostgreSQL: set TEST_DATABASE_URL to run")]
    return ["sqlite", pytest.param("postgresql", marks=postgres_marks)]


@pytest.fixture(scope="session", params=_backends())
def database_backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not POSTGRES_URL:
        pytest.fail("COLLECTOR_REQUIRE_ALL_BACKENDS=1 but TEST_DATABASE_URL is not set")
    return request.param


@pytest.fixture(scope="session")
def postgres_schema_ready(database_backend: str) -> Iterator[None]:
    """On PostgreSQL, build the tables once per run; tests then empty them."""
    if database_backend != "postgresql":
        yield
        return
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": POSTGRES_URL})
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def app(database_backend: str, postgres_schema_ready: None, tmp_path: Path) -> Iterator[Flask]:
    url = POSTGRES_URL if database_backend == "postgresql" else f"sqlite:///{tmp_path / 'test.db'}"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
            "WTF_CSRF_ENABLED": True,
            # Tests read messages in English; Latvian, the real default, is tested on its own.
            "BABEL_DEFAULT_LOCALE": "en",
            # Thousands of test logins: a cheap hash here; production keeps scrypt (config.py).
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    app.instance_path = str(tmp_path / "instance")
    os.makedirs(app.instance_path, exist_ok=True)
    with app.app_context():
        if database_backend == "sqlite":
            db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        if database_backend == "postgresql":
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture
def app_context(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def published_forms(app: Flask) -> dict[str, int]:
    """The shipped sample forms, published: form id → version number."""
    with app.app_context():
        versions = {}
        for path in sorted(FORMS_DIR.glob("*.yaml")):
            outcome = publish_version(load_form_file(path))
            versions[outcome.version.form.key] = outcome.version.number
        return versions


class ApiClient:
    """A test client that sends a real bearer token, issued the way users get one."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client = client
        self.token = token

    def post(self, path: str, **kwargs: Any) -> TestResponse:
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return self.client.post(path, headers=headers, **kwargs)

    def submit(self, payload: Any) -> TestResponse:
        return self.post("/api/v1/submissions", json=payload)

    def submit_batch(self, payloads: list[Any]) -> TestResponse:
        return self.post("/api/v1/submissions/batch", json=payloads)


@pytest.fixture
def make_user(app: Flask):
    def make(username: str, role: Role = Role.INTERVIEWER) -> User:
        with app.app_context():
            user, _password = create_user(username, role, PASSWORD)
            db.session.expunge(user)
            return user

    return make


@pytest.fixture
def make_api_client(app: Flask, make_user):
    def make(username: str = "anna", role: Role = Role.INTERVIEWER) -> ApiClient:
        make_user(username, role)
        with app.app_context():
            user = db.session.scalar(select(User).where(User.username == username))
            token = issue_token(user)
        return ApiClient(app.test_client(), token)

    return make


PASSWORD = "correct horse battery"


def csrf_token_from(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


def form_post_data(page: str, answers: dict[str, Any]) -> dict[str, Any]:
    """What a browser without JavaScript posts for these answers from this form page."""
    data: dict[str, Any] = {
        "csrf_token": csrf_token_from(page),
        "form_version": re.search(r'name="form_version" value="(\d+)"', page)[1],
        "submission_uuid": re.search(r'name="submission_uuid" type="hidden" value="([^"]+)"', page)[
            1
        ],
    }
    for key, value in answers.items():
        if value is True:
            data[key] = "yes"
        elif isinstance(value, list):
            data[key] = value
        else:
            data[key] = str(value)
    return data


class AuthActions:
    """Logging in the way a person does: GET /login for the token, then POST the form."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(
        self, username: str, password: str = PASSWORD, next_path: str | None = None
    ) -> TestResponse:
        url = f"/login?next={next_path}" if next_path else "/login"
        token = csrf_token_from(self.client.get(url).get_data(as_text=True))
        return self.client.post(
            url, data={"username": username, "password": password, "csrf_token": token}
        )


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def interviewer_client(client: FlaskClient, auth: AuthActions, make_user) -> FlaskClient:
    """A browser-like client logged in as interviewer 'anna'."""
    make_user("anna")
    auth.login("anna")
    return client


@pytest.fixture
def coordinator_client(client: FlaskClient, auth: AuthActions, make_user) -> FlaskClient:
    make_user("ilze", Role.COORDINATOR)
    auth.login("ilze")
    return client


@pytest.fixture
def field_campaign(runner, published_forms, make_user) -> str:
    """Interviewer anna assigned to the kitchen-talk campaign cesis-2026."""
    make_user("anna")
    result = runner.invoke(
        args=["campaigns", "create", "cesis-2026", "--form", "kitchen-talk"]
        + ["--interviewer", "anna"]
    )
    assert result.exit_code == 0, result.output
    return "cesis-2026"


def assign_interviewer(app: Flask, slug: str, username: str) -> None:
    """Add an existing user to a campaign's interviewers (as the campaign page does)."""
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
        user = db.session.scalar(select(User).where(User.username == username))
        if user not in campaign.interviewers:
            campaign.interviewers.append(user)
            db.session.commit()


@pytest.fixture
def api(make_api_client) -> ApiClient:
    """An interviewer's API client."""
    return make_api_client()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Say how many database tests ran on each backend, so a missing one is seen."""
    counts: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            for backend in ("sqlite", "postgresql"):
                if f"[{backend}" in nodeid or f"-{backend}]" in nodeid or f"-{backend}-" in nodeid:
                    per_backend = counts.setdefault(backend, {})
                    per_backend[outcome] = per_backend.get(outcome, 0) + 1
    if counts:
        terminalreporter.section("database backends")
        for backend, outcomes in sorted(counts.items()):
            summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
            terminalreporter.write_line(f"{backend}: {summary}")
