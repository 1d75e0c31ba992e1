"""GET /s/<token>: the campaign's form for anyone with the link; the plain POST, no login."""

import re

from tests.conftest import form_post_data
from tests.factories import kitchen_talk_answers
from tests.respondents.conftest import close_the_campaign, close_the_link, kept, stored, the_link


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_link_opens_its_campaigns_form_without_a_login(client, token):
    page = page_of(client, f"/s/{token}")
    assert 'data-form="kitchen-talk"' in page
    assert 'data-campaign="cesis-2026"' in page
    assert 'name="household_size"' in page


def test_the_page_has_the_hooks_outside_checks_rely_on(client, token):
    page = page_of(client, f"/s/{token}")
    for testid in ("finish", "outbox-count", "sync-now", "last-sync", "lang-switch"):
        assert f'data-testid="{testid}"' in page


def test_finished_answers_go_to_the_links_own_address(client, token):
    page = page_of(client, f"/s/{token}")
    assert f'data-submit-url="/s/{token}/submissions"' in page
    assert "data-respondent" in page


def test_the_page_speaks_the_language_asked_for(client, token):
    page = page_of(client, f"/s/{token}?lang=ru")
    assert '<html lang="ru" dir="ltr"' in page
    assert "Беседы на кухне" in page
    assert f'href="/s/{token}?lang=en"' in page  # the switch stays on the link


def test_a_logged_in_interviewer_sees_no_interviewer_navigation_on_a_link(client, auth, token):
    auth.login("anna")
    page = page_of(client, f"/s/{token}")
    assert "Log out" not in page
    assert 'href="/app"' not in page
    assert "data-user=" not in page  # the respondent's answers stay out of anna's outbox


def test_an_unknown_token_is_404(client, token):
    other = ("a" if token[0] != "a" else "b") + token[1:]
    response = client.get(f"/s/{other}")
    assert response.status_code == 404
    assert "This link does not work" in response.get_data(as_text=True)


def test_a_closed_link_is_404(app, client, token):
    close_the_link(app)
    assert client.get(f"/s/{token}").status_code == 404


def test_a_link_of_a_closed_campaign_is_404(app, client, token):
    close_the_campaign(app)
    assert client.get(f"/s/{token}").status_code == 404


def test_a_plain_post_stores_the_interview_with_the_link_and_no_interviewer(app, client, token):
    page = page_of(client, f"/s/{token}")
    response = client.post(f"/s/{token}", data=form_post_data(page, kitchen_talk_answers()))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/s/{token}/done"
    [submission] = stored(app)
    assert submission.respondent_link_id == the_link(app).id
    assert submission.submitted_by_id is None
    assert submission.answers["household_size"] == 3


def test_the_same_page_posted_twice_is_stored_once(app, client, token):
    page = page_of(client, f"/s/{token}")
    data = form_post_data(page, kitchen_talk_answers())
    client.post(f"/s/{token}", data=data)
    assert client.post(f"/s/{token}", data=data).status_code == 302
    assert len(stored(app)) == 1


def test_a_plain_post_keeps_the_language_for_the_thank_you_page(client, token):
    page = page_of(client, f"/s/{token}?lang=ru")
    response = client.post(f"/s/{token}?lang=ru", data=form_post_data(page, kitchen_talk_answers()))
    assert response.headers["Location"] == f"/s/{token}/done?lang=ru"
    assert '<html lang="ru"' in page_of(client, response.headers["Location"])


def test_a_plain_post_without_a_valid_csrf_token_shows_the_answers_again(app, client, token):
    page = page_of(client, f"/s/{token}")
    data = form_post_data(page, kitchen_talk_answers(everyday_life="Kept on the page"))
    data["csrf_token"] = "forged"
    response = client.post(f"/s/{token}", data=data)
    assert response.status_code == 400
    assert "Kept on the page" in response.get_data(as_text=True)
    assert stored(app) == []


def test_answers_that_break_the_forms_rules_are_shown_to_fix(app, client, token):
    page = page_of(client, f"/s/{token}")
    response = client.post(
        f"/s/{token}", data=form_post_data(page, kitchen_talk_answers(household_size=99))
    )
    assert response.status_code == 422
    assert 'id="error-household_size"' in response.get_data(as_text=True)
    assert stored(app) == []


def test_a_plain_post_to_a_link_closed_meanwhile_is_kept_and_answered_410(app, client, token):
    page = page_of(client, f"/s/{token}")
    close_the_link(app)
    response = client.post(f"/s/{token}", data=form_post_data(page, kitchen_talk_answers()))
    assert response.status_code == 410
    assert "Your answers arrived and are kept" in response.get_data(as_text=True)
    assert stored(app) == []
    [item] = kept(app)
    assert item.respondent_link_id == the_link(app).id
    assert item.payload["answers"]["household_size"] == 3


def test_a_plain_post_to_an_unknown_token_keeps_nothing(app, client, token):
    page = page_of(client, f"/s/{token}")
    other = ("a" if token[0] != "a" else "b") + token[1:]
    response = client.post(f"/s/{other}", data=form_post_data(page, kitchen_talk_answers()))
    assert response.status_code == 404
    assert stored(app) == []
    assert kept(app) == []


def test_the_thank_you_page_offers_the_survey_again(client, token):
    page = page_of(client, f"/s/{token}/done")
    assert "Thank you" in page
    assert re.search(rf'href="/s/{token}"', page)
