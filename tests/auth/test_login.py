"""Logging in and out with a session cookie, protected against forgery and fixation."""

from tests.conftest import csrf_token_from


def test_login_page_has_a_csrf_token(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'name="csrf_token"' in page
    assert 'name="username"' in page
    assert 'name="password"' in page


def test_right_password_logs_in_and_goes_to_the_interviewers_home(client, auth, make_user):
    make_user("anna")
    response = auth.login("anna")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/app")
    assert client.get("/app").status_code == 200


def test_wrong_password_is_refused_in_plain_words(client, auth, make_user):
    make_user("anna")
    response = auth.login("anna", "wrong")
    assert response.status_code == 401
    assert "not right" in response.get_data(as_text=True)
    assert client.get("/app").status_code == 302


def test_login_without_csrf_token_is_refused(client, make_user):
    make_user("anna")
    response = client.post("/login", data={"username": "anna", "password": "x"})
    assert response.status_code in (400, 401)
    assert client.get("/app").status_code == 302


def test_login_returns_to_the_page_asked_for(auth, make_user):
    make_user("anna")
    response = auth.login("anna", next_path="/f/kitchen-talk")
    assert response.headers["Location"] == "/f/kitchen-talk"


def test_login_never_redirects_to_another_site(auth, make_user):
    make_user("anna")
    response = auth.login("anna", next_path="//evil.example/steal")
    assert response.headers["Location"] == "/app"


def test_login_replaces_the_session_so_a_planted_one_is_worthless(client, auth, make_user):
    make_user("anna")
    with client.session_transaction() as planted:
        planted["planted"] = "by an attacker"
    auth.login("anna")
    with client.session_transaction() as after:
        assert "planted" not in after


def test_switched_off_account_cannot_log_in(app, client, auth, make_user):
    from sqlalchemy import select

    from collector.auth.models import User
    from collector.extensions import db

    make_user("anna")
    with app.app_context():
        db.session.scalar(select(User)).active = False
        db.session.commit()
    assert auth.login("anna").status_code == 401


def test_logout_needs_the_csrf_token(interviewer_client):
    assert interviewer_client.post("/logout").status_code == 400
    assert interviewer_client.get("/app").status_code == 200


def test_logout_ends_the_session(interviewer_client):
    token = csrf_token_from(interviewer_client.get("/app").get_data(as_text=True))
    interviewer_client.post("/logout", data={"csrf_token": token})
    assert interviewer_client.get("/app").status_code == 302


def test_pages_redirect_to_login_when_logged_out(client):
    response = client.get("/app")
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]
