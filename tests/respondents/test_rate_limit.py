"""RESPONDENT_LINK_RATE_LIMIT per link and address, answered in plain words."""

import pytest

from tests.factories import submission
from tests.respondents.conftest import make_link


@pytest.fixture
def small_limit(app):
    app.config["RESPONDENT_LINK_RATE_LIMIT"] = "2 per minute"


@pytest.mark.usefixtures("small_limit")
def test_too_many_page_loads_get_a_page_in_plain_words(client, token):
    for _ in range(2):
        assert client.get(f"/s/{token}").status_code == 200
    response = client.get(f"/s/{token}")
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert "Please wait a little" in response.get_data(as_text=True)


@pytest.mark.usefixtures("small_limit")
def test_too_many_batches_get_a_json_answer(client, token):
    for _ in range(2):
        client.post(f"/s/{token}/submissions", json=[submission(campaign="cesis-2026")])
    response = client.post(f"/s/{token}/submissions", json=[submission(campaign="cesis-2026")])
    assert response.status_code == 429
    assert response.get_json()["status"] == "too_many_requests"


@pytest.mark.usefixtures("small_limit")
def test_page_loads_and_posts_share_one_budget(client, token):
    client.get(f"/s/{token}")
    client.post(f"/s/{token}/submissions", json=[])
    assert client.post(f"/s/{token}", data={}).status_code == 429


@pytest.mark.usefixtures("small_limit")
def test_the_limit_is_per_link(client, runner, token):
    other = make_link(runner, label="another leaflet")
    for _ in range(3):
        client.get(f"/s/{token}")
    assert client.get(f"/s/{other}").status_code == 200


@pytest.mark.usefixtures("small_limit")
def test_the_limit_is_per_address(client, token):
    for _ in range(3):
        client.get(f"/s/{token}")
    other_address = {"REMOTE_ADDR": "192.0.2.7"}
    assert client.get(f"/s/{token}", environ_base=other_address).status_code == 200
