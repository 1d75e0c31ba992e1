"""X-Forwarded-For / X-Forwarded-Proto count only when PROXY_FIX_X_FOR / _X_PROTO say a
proxy stands in front: then rate limits count respondents, not nginx, and links say https;
without a proxy, a client cannot slip past a rate limit by naming another address."""

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from collector import create_app
from collector.auth.models import Role
from collector.extensions import db
from tests.conftest import AuthActions
from tests.respondents.conftest import make_link

SETTINGS_SHARED_WITH_THE_TEST_APP = (
    "TESTING",
    "SECRET_KEY",
    "SQLALCHEMY_DATABASE_URI",
    "BABEL_DEFAULT_LOCALE",
    "PASSWORD_HASH_METHOD",
)


@pytest.fixture
def behind_proxy(app: Flask) -> Iterator[Callable[..., FlaskClient]]:
    """behind_proxy(x_for=.., x_proto=..) → a client of an app made with those settings,
    on the test app's database (the proxy setting is read once, when the app is made)."""
    made: list[Flask] = []

    def client(x_for: int = 0, x_proto: int = 0) -> FlaskClient:
        proxied = create_app(
            {
                **{key: app.config[key] for key in SETTINGS_SHARED_WITH_THE_TEST_APP},
                "PROXY_FIX_X_FOR": x_for,
                "PROXY_FIX_X_PROTO": x_proto,
                "RESPONDENT_LINK_RATE_LIMIT": "1 per minute",
            }
        )
        proxied.instance_path = app.instance_path
        made.append(proxied)
        return proxied.test_client()

    yield client
    for proxied in made:
        with proxied.app_context():
            db.engine.dispose()


def from_address(address: str) -> dict[str, str]:
    """What nginx sends: the address it saw, appended to what the client claimed."""
    return {"X-Forwarded-For": address}


@pytest.fixture
def token(runner, field_campaign) -> str:
    return make_link(runner)


def test_without_a_trusted_proxy_forwarded_for_is_ignored(behind_proxy, token):
    client = behind_proxy(x_for=0)
    assert client.get(f"/s/{token}", headers=from_address("203.0.113.1")).status_code == 200
    # The same real address claiming to be another one is still the same address.
    assert client.get(f"/s/{token}", headers=from_address("203.0.113.2")).status_code == 429


def test_behind_one_trusted_proxy_each_forwarded_address_has_its_own_limit(behind_proxy, token):
    client = behind_proxy(x_for=1)
    assert client.get(f"/s/{token}", headers=from_address("203.0.113.1")).status_code == 200
    assert client.get(f"/s/{token}", headers=from_address("203.0.113.2")).status_code == 200
    assert client.get(f"/s/{token}", headers=from_address("203.0.113.1")).status_code == 429


def test_behind_one_proxy_an_address_the_client_made_up_is_not_believed(behind_proxy, token):
    """nginx appends the address it saw; only that last one counts, not the client's own."""
    client = behind_proxy(x_for=1)
    first = from_address("198.51.100.1, 203.0.113.1")
    assert client.get(f"/s/{token}", headers=first).status_code == 200
    made_up = from_address("198.51.100.2, 203.0.113.1")
    assert client.get(f"/s/{token}", headers=made_up).status_code == 429


@pytest.mark.parametrize(("x_proto", "scheme"), [(0, "http"), (1, "https")])
def test_forwarded_proto_makes_respondent_links_https_only_when_trusted(
    behind_proxy, make_user, token, x_proto, scheme
):
    make_user("ilze", Role.COORDINATOR)
    client = behind_proxy(x_proto=x_proto)
    login = AuthActions(client).login("ilze")
    assert login.status_code == 302, login.get_data(as_text=True)
    page = client.get("/campaigns/cesis-2026/links", headers={"X-Forwarded-Proto": "https"})
    assert page.status_code == 200, page.headers.get("Location")
    assert f'href="{scheme}://localhost/s/{token}"' in page.get_data(as_text=True)
