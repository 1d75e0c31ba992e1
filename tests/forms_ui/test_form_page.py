"""Form pages rendered from the published schema, answerable without JavaScript."""

import re
import uuid

import pytest
from sqlalchemy import func, select

from collector.extensions import db
from collector.intake.models import Submission
from tests.conftest import csrf_token_from, form_post_data
from tests.factories import kitchen_talk_answers

FORM_URL = "/f/kitchen-talk?campaign=cesis-2026"


@pytest.fixture
def anna(client, auth, field_campaign):
    auth.login("anna")
    return client


def page_of(client, url: str = FORM_URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def stored_answers(app) -> list[dict]:
    with app.app_context():
        return [s.answers for s in db.session.scalars(select(Submission))]


def test_every_input_is_named_by_its_question_id(anna):
    page = page_of(anna)
    for question_id in ("municipality", "household_size", "everyday_life", "life_satisfaction"):
        assert f'name="{question_id}"' in page
    assert 'name="hard_to_reach_other"' in page


def test_a_multi_select_has_one_checkbox_per_choice(anna):
    page = page_of(anna)
    boxes = re.findall(r'<input type="checkbox" name="hard_to_reach" value="([^"]+)"', page)
    assert boxes[:3] == ["health_care", "education", "public_transport"]
    assert boxes[-1] == "other"


def test_the_page_has_the_hooks_outside_checks_rely_on(anna):
    page = page_of(anna)
    for testid in ("finish", "outbox-count", "sync-now", "last-sync", "lang-switch"):
        assert f'data-testid="{testid}"' in page


def test_the_page_speaks_the_language_asked_for(anna):
    page = page_of(anna, FORM_URL + "&lang=ru")
    assert '<html lang="ru" dir="ltr"' in page
    assert "Беседы на кухне" in page


def test_a_language_the_form_lacks_falls_back_to_its_default(anna):
    page = page_of(anna, FORM_URL + "&lang=de")
    assert "Virtuves sarunas" in page or "Kitchen talks" in page
    assert re.search(r'<html lang="(lv|en)"', page)


def test_client_rules_carry_the_parsed_conditions(anna):
    page = page_of(anna)
    rules = re.search(r'<script type="application/json" id="form-rules">(.*?)</script>', page, re.S)
    assert '"show_if": {"args"' in rules[1] or '"show_if":{"args"' in rules[1].replace(" ", "")


def test_valid_answers_posted_without_javascript_are_stored(app, anna):
    page = page_of(anna)
    response = anna.post(FORM_URL, data=form_post_data(page, kitchen_talk_answers()))
    assert response.status_code == 302
    assert "/f/kitchen-talk/done" in response.headers["Location"]
    [answers] = stored_answers(app)
    assert answers["household_size"] == 3
    assert answers["hard_to_reach"] == ["health_care", "bank_atm"]
    assert answers["consent"] is True
    assert answers["life_satisfaction"] == 4


def test_posting_the_same_page_twice_stores_one_submission(app, anna):
    page = page_of(anna)
    data = form_post_data(page, kitchen_talk_answers())
    anna.post(FORM_URL, data=data)
    second = anna.post(FORM_URL, data=data)
    assert second.status_code == 302
    assert len(stored_answers(app)) == 1


def test_wrong_answers_come_back_with_a_message_next_to_the_field(app, anna):
    page = page_of(anna)
    answers = kitchen_talk_answers(household_size="three", duration_min=None)
    response = anna.post(FORM_URL, data=form_post_data(page, answers))
    assert response.status_code == 422
    again = response.get_data(as_text=True)
    assert re.search(r'id="error-household_size" aria-live="polite">[^<]*whole number', again)
    assert re.search(r'id="error-duration_min" aria-live="polite">[^<]*needs an answer', again)
    assert 'value="three"' in again
    assert "Quiet. The bus comes twice a week." in again
    assert stored_answers(app) == []


def test_a_decimal_comma_is_read_as_a_number(app, anna):
    # kitchen-talk has no decimal question; check the parser directly on a posted form.
    from werkzeug.datastructures import MultiDict

    from collector.forms_ui.answer_form import build_answer_form
    from collector.schema.loader import load_form_text

    schema = load_form_text(
        "form: t\nversion: 1\nkind: survey\nlanguages: [en]\ntitle: {en: T}\n"
        "sections:\n  - id: s\n    title: {en: S}\n    questions:\n"
        "      - {id: weight, type: decimal, label: {en: W}}\n",
        "t.yaml",
    ).schema
    with app.test_request_context():
        form = build_answer_form(schema, MultiDict({"weight": "2,5"}))
        form.meta.csrf = False
        assert form.weight.data == 2.5


def test_answers_to_questions_hidden_by_show_if_are_dropped(app, anna):
    page = page_of(anna)
    answers = kitchen_talk_answers(children="no", children_count=2)
    assert anna.post(FORM_URL, data=form_post_data(page, answers)).status_code == 302
    [stored] = stored_answers(app)
    assert "children_count" not in stored


def test_a_post_without_csrf_token_stores_nothing(app, anna):
    page = page_of(anna)
    data = form_post_data(page, kitchen_talk_answers())
    del data["csrf_token"]
    assert anna.post(FORM_URL, data=data).status_code in (400, 422)
    assert stored_answers(app) == []


def test_an_interviewer_not_in_the_campaign_gets_403(client, auth, field_campaign, make_user):
    make_user("peteris")
    auth.login("peteris")
    assert client.get(FORM_URL).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/f/no-such-form",
        "/f/kitchen-talk?campaign=nowhere",
        "/f/client-satisfaction?campaign=cesis-2026",
    ],
)
def test_unknown_forms_and_campaigns_are_404(anna, url):
    assert anna.get(url).status_code == 404


def test_form_pages_need_a_login(client, field_campaign):
    response = client.get(FORM_URL)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_home_lists_the_interviewers_campaign_forms(anna):
    page = page_of(anna, "/app")
    assert 'href="/f/kitchen-talk?campaign=cesis-2026"' in page


def test_offline_list_names_the_shell_and_the_assigned_form_pages(anna):
    data = anna.get("/offline/urls.json").json
    assert data["pages"] == ["/f/kitchen-talk?campaign=cesis-2026"]
    assert "/app" in data["shell"]
    assert any(url.startswith("/static/css/base.css?v=") for url in data["shell"])


def test_manifest_is_public(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.json["start_url"] == "/app"


def test_session_api_needs_a_login(client):
    assert client.get("/api/v1/session").status_code == 401


def test_session_api_gives_a_fresh_csrf_token(anna):
    data = anna.get("/api/v1/session").json
    assert data["user"] == "anna"
    assert data["csrf_token"]


def test_a_session_post_to_the_api_without_csrf_header_is_403(app, anna):
    payload = {"uuid": str(uuid.uuid4())}
    assert anna.post("/api/v1/submissions/batch", json=[payload]).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 0


def test_a_session_post_to_the_api_with_the_csrf_header_is_accepted(app, anna):
    from tests.factories import submission

    token = anna.get("/api/v1/session").json["csrf_token"]
    response = anna.post(
        "/api/v1/submissions/batch",
        json=[submission(campaign="cesis-2026")],
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert response.json["results"][0]["http_status"] == 201


def test_a_post_after_the_login_expired_shows_the_answers_again(app, anna):
    page = page_of(anna)
    data = form_post_data(page, kitchen_talk_answers(everyday_life="Written before it expired."))
    with anna.session_transaction() as session:
        session.clear()
    response = anna.post(FORM_URL, data=data)
    assert response.status_code == 401
    again = response.get_data(as_text=True)
    assert "Written before it expired." in again
    assert 'href="/login"' in again
    assert stored_answers(app) == []


def test_after_logging_in_again_the_kept_answers_can_be_sent(app, anna, auth):
    page = page_of(anna)
    data = form_post_data(page, kitchen_talk_answers())
    with anna.session_transaction() as session:
        session.clear()
    kept_page = anna.post(FORM_URL, data=data).get_data(as_text=True)
    auth.login("anna")
    stale = anna.post(FORM_URL, data=data)  # the token of the old login
    assert stale.status_code == 400
    data["csrf_token"] = csrf_token_from(stale.get_data(as_text=True))
    assert anna.post(FORM_URL, data=data).status_code == 302
    assert kept_page
    assert len(stored_answers(app)) == 1


def test_a_wrong_answer_is_marked_invalid_for_screen_readers_without_javascript(app, anna):
    page = page_of(anna)
    answers = kitchen_talk_answers(household_size="three")
    again = anna.post(FORM_URL, data=form_post_data(page, answers)).get_data(as_text=True)
    field = re.search(r'<input id="q-household_size"[^>]*>', again).group(0)
    assert 'aria-invalid="true"' in field
    untouched = re.search(r'<input id="q-duration_min"[^>]*>', again).group(0)
    assert "aria-invalid" not in untouched
