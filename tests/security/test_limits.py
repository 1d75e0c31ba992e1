"""Limits that stop abuse, each answered with a clear 4xx in plain words.

Already tested elsewhere, not repeated here: the API's 413 for a large body and its batch
size limit (tests/api/test_submissions.py), the respondent link's batch size limit
(tests/respondents/test_link_submissions.py) and its per-link, per-address rate limit
(tests/respondents/test_rate_limit.py).
"""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from collector.auth.tokens import hash_token
from collector.extensions import limiter
from tests.conftest import AuthActions, csrf_token_from, form_post_data
from tests.factories import kitchen_talk_answers, submission
from tests.respondents.conftest import make_link

# Werkzeug's default page for 413: what a person must never see.
WERKZEUG_413 = "Request Entity Too Large"


def retry_after(response: TestResponse) -> int:
    return int(response.headers["Retry-After"])


@pytest.fixture
def token(runner, field_campaign) -> str:
    """An open respondent link to cesis-2026."""
    return make_link(runner)


# -- the API: per credential -------------------------------------------------------------


@pytest.fixture
def three_calls(app: Flask, published_forms: dict[str, int]) -> None:
    """API_RATE_LIMIT of three calls a minute, and the sample forms to send to."""
    app.config["API_RATE_LIMIT"] = "3 per minute"


@pytest.mark.usefixtures("three_calls")
def test_api_calls_over_the_limit_are_answered_429_in_json_with_retry_after(api):
    for _ in range(3):
        assert api.submit(submission()).status_code == 201
    response = api.submit(submission())
    assert response.status_code == 429
    assert response.json["status"] == "too_many_requests"
    assert "Wait a minute" in response.json["message"]
    assert 0 < retry_after(response) <= 61  # Flask-Limiter rounds the reset time up a second


@pytest.mark.usefixtures("three_calls")
def test_an_interview_refused_for_the_limit_is_not_stored_and_can_be_sent_later(app, api):
    for _ in range(3):
        api.submit(submission())
    late = submission()
    assert api.submit(late).status_code == 429
    app.config["API_RATE_LIMIT"] = "100 per minute"  # read per request: as after the minute
    assert api.submit(late).status_code == 201


@pytest.mark.usefixtures("three_calls")
def test_the_api_limit_is_per_credential_not_per_address(make_api_client):
    anna, peteris = make_api_client("anna"), make_api_client("peteris")
    for _ in range(4):
        anna.submit(submission())
    assert anna.submit(submission()).status_code == 429
    assert peteris.submit(submission()).status_code == 201


@pytest.mark.usefixtures("three_calls")
def test_every_api_route_shares_one_budget(api):
    api.submit(submission())
    api.submit_batch([submission()])
    assert api.client.get("/api/v1/session", headers=_bearer(api.token)).status_code == 200
    assert api.client.get("/api/v1/session", headers=_bearer(api.token)).status_code == 429


@pytest.mark.usefixtures("three_calls")
def test_a_login_session_is_limited_by_its_user(client, auth, make_user):
    make_user("anna")
    auth.login("anna")
    for _ in range(3):
        assert client.get("/api/v1/session").status_code == 200
    assert client.get("/api/v1/session").status_code == 429
    make_user("peteris")
    auth.login("peteris")
    assert client.get("/api/v1/session").status_code == 200


@pytest.mark.usefixtures("three_calls")
def test_the_limiter_keeps_the_tokens_hash_never_the_token(api):
    api.submit(submission())
    keys = " ".join(limiter.storage.storage)  # memory:// in tests: a Counter of keys
    assert hash_token(api.token) in keys
    assert api.token not in keys
    assert api.token.removeprefix("col_") not in keys


@pytest.mark.usefixtures("published_forms")
def test_the_default_api_limit_lets_a_phone_sync_a_day_of_batches(app, api):
    """Fifteen interviews a day, a batch at a time and a retry each: far below the limit."""
    assert app.config["API_RATE_LIMIT"] == "120 per minute"
    for _ in range(30):
        assert api.submit_batch([submission()]).status_code == 200


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- logging in: failures per user name and per address -----------------------------------


def _fail_logins(auth: AuthActions, username: str, times: int) -> None:
    for _ in range(times):
        assert auth.login(username, "wrong").status_code == 401


def test_sixth_wrong_password_in_a_row_is_answered_429(auth, make_user):
    make_user("anna")
    _fail_logins(auth, "anna", 5)
    response = auth.login("anna", "wrong")
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert "Too many failed logins" in response.get_data(as_text=True)
    assert 0 < retry_after(response) <= 61


def test_the_right_password_is_refused_while_locked_and_the_page_says_so(client, auth, make_user):
    make_user("anna")
    _fail_logins(auth, "anna", 5)
    response = auth.login("anna")
    assert response.status_code == 429
    assert "even the right password is refused" in response.get_data(as_text=True)
    assert client.get("/app").status_code == 302  # still not logged in


def test_a_made_up_user_name_is_locked_with_the_same_words(app, auth, make_user):
    make_user("anna")
    _fail_logins(auth, "anna", 5)
    _fail_logins(auth, "nobody", 5)
    real, made_up = auth.login("anna", "wrong"), auth.login("nobody", "wrong")
    assert real.status_code == made_up.status_code == 429
    assert _error_of(real) == _error_of(made_up)


def test_the_lock_is_per_user_name(auth, make_user):
    make_user("anna")
    make_user("peteris")
    _fail_logins(auth, "anna", 5)
    assert auth.login("peteris").status_code == 302


def test_right_passwords_are_not_counted(client, auth, make_user):
    make_user("anna")
    for _ in range(8):
        assert auth.login("anna").status_code == 302
        client.post("/logout", data={"csrf_token": _token(client)})


def test_the_login_page_still_opens_while_locked(client, auth, make_user):
    make_user("anna")
    _fail_logins(auth, "anna", 5)
    assert auth.login("anna").status_code == 429
    assert client.get("/login").status_code == 200


def test_failed_logins_on_many_names_from_one_address_are_limited(app, auth, make_user):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "3 per minute"
    make_user("anna")
    for name in ("ilze", "juris", "maija"):
        _fail_logins(auth, name, 1)
    response = auth.login("anna")
    assert response.status_code == 429
    assert "Too many failed logins" in response.get_data(as_text=True)


def _error_of(response: TestResponse) -> str:
    page = response.get_data(as_text=True)
    return page.split('role="alert">', 1)[1].split("<", 1)[0]


def _token(client: FlaskClient) -> str:
    return csrf_token_from(client.get("/login").get_data(as_text=True))


# -- request size: a plain-words 413 everywhere ------------------------------------------


@pytest.fixture
def small_requests(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10_000


def _assert_plain_413_page(response: TestResponse) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    assert WERKZEUG_413 not in page
    assert "shorten" in page or "shorter" in page  # says what to do


@pytest.mark.usefixtures("small_requests")
def test_a_too_large_login_post_gets_a_plain_words_page(client):
    response = client.post("/login", data={"username": "anna", "password": "x" * 20_000})
    _assert_plain_413_page(response)
    assert "This is too much to send at once" in response.get_data(as_text=True)


@pytest.mark.usefixtures("small_requests")
def test_a_too_large_coordinator_form_gets_a_plain_words_page(coordinator_client, published_forms):
    page = coordinator_client.get("/campaigns/new").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), "slug": "big", "title": "x" * 20_000}
    response = coordinator_client.post("/campaigns/new", data=data)
    _assert_plain_413_page(response)
    assert 'class="who"' in response.get_data(as_text=True)  # still shown as logged in


@pytest.mark.usefixtures("small_requests")
def test_a_too_large_interview_page_gets_a_plain_words_page(client, auth, field_campaign):
    auth.login("anna")
    page = client.get("/f/kitchen-talk?campaign=cesis-2026").get_data(as_text=True)
    answers = kitchen_talk_answers(everyday_life="x" * 20_000)
    data = form_post_data(page, answers)
    response = client.post("/f/kitchen-talk?campaign=cesis-2026", data=data)
    _assert_plain_413_page(response)


@pytest.mark.usefixtures("small_requests")
def test_a_too_large_respondent_page_gets_a_plain_words_page(client, token):
    page = client.get(f"/s/{token}").get_data(as_text=True)
    data = form_post_data(page, kitchen_talk_answers(everyday_life="x" * 20_000))
    response = client.post(f"/s/{token}", data=data)
    _assert_plain_413_page(response)
    assert "Your answers are too long to send" in response.get_data(as_text=True)


@pytest.mark.usefixtures("small_requests")
def test_a_too_large_respondent_batch_is_413_in_json(client, token):
    answers = kitchen_talk_answers(everyday_life="x" * 20_000)
    response = client.post(f"/s/{token}/submissions", json=[submission(answers)])
    assert response.status_code == 413
    assert response.json == {"status": "too_large", "message": "Send fewer answers at a time."}


@pytest.mark.usefixtures("small_requests")
def test_a_too_large_api_call_with_a_session_is_413_in_json(interviewer_client):
    csrf = csrf_token_from(interviewer_client.get("/app").get_data(as_text=True))
    body = [submission(kitchen_talk_answers(everyday_life="x" * 20_000))]
    response = interviewer_client.post(
        "/api/v1/submissions/batch", json=body, headers={"X-CSRFToken": csrf}
    )
    assert response.status_code == 413
    assert response.json["status"] == "too_large"


# -- the respondent link's limit says when to come back ----------------------------------


def test_a_respondent_link_over_its_limit_says_when_to_retry(app, client, token):
    app.config["RESPONDENT_LINK_RATE_LIMIT"] = "1 per minute"
    client.get(f"/s/{token}")
    response = client.get(f"/s/{token}")
    assert response.status_code == 429
    assert 0 < retry_after(response) <= 61


def test_a_coordinators_export_pages_share_the_api_budget_and_get_a_plain_429_page(
    app, coordinator_client
):
    """The export pages take a session or a token (api_user_required), so they count too;
    a person sees a page in words, not JSON and not Werkzeug's."""
    app.config["API_RATE_LIMIT"] = "1 per minute"
    assert coordinator_client.get("/exports").status_code == 200
    response = coordinator_client.get("/exports")
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert "Please wait a little" in response.get_data(as_text=True)
    assert 0 < retry_after(response) <= 61
