"""The quarantine holds personal data and decisions on it: coordinators only."""

import pytest

from tests.conftest import csrf_token_from

PAGES = ["/quarantine", "/quarantine?campaign=cesis-2026", "/quarantine/1"]
ACTIONS = ["/quarantine/1/release", "/quarantine/1/discard"]


@pytest.mark.parametrize("url", PAGES)
def test_an_interviewer_may_not_see_the_quarantine(interviewer_client, url):
    assert interviewer_client.get(url).status_code == 403


@pytest.mark.parametrize("url", ACTIONS)
def test_an_interviewer_may_not_release_or_discard(interviewer_client, url):
    token = csrf_token_from(interviewer_client.get("/").get_data(as_text=True))
    response = interviewer_client.post(url, data={"csrf_token": token, "reason": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_without_a_login_the_quarantine_sends_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_a_release_without_the_csrf_token_is_refused(coordinator_client):
    assert coordinator_client.post("/quarantine/1/release", data={}).status_code == 400
