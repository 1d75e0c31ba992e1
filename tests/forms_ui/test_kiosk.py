"""Kiosk mode as the server makes it (?kiosk=1), for a phone without JavaScript: the form
only, a thank-you that asks for the phone back, and "Next person" to a blank form."""

import re

import pytest

from tests.conftest import form_post_data
from tests.factories import kitchen_talk_answers
from tests.forms_ui.test_form_page import page_of, stored_answers

FORM_URL = "/f/kitchen-talk?campaign=cesis-2026"
KIOSK_URL = FORM_URL + "&kiosk=1"


@pytest.fixture
def anna(client, auth, field_campaign):
    auth.login("anna")
    return client


def html_classes(page: str) -> list[str]:
    return re.search(r'<html [^>]*class="([^"]*)"', page)[1].split()


def test_the_interviewers_form_offers_kiosk_mode(anna):
    page = page_of(anna)
    assert "kiosk" not in html_classes(page)
    link = re.search(r'<a href="([^"]+)" data-kiosk-start data-testid="kiosk-start">([^<]+)<', page)
    assert link[1] == "/f/kitchen-talk?campaign=cesis-2026&amp;kiosk=1"
    assert link[2] == "Hand the phone to the respondent"
    assert (
        'autocomplete="off"'
        not in re.search(r'<form method="post" id="answer-form"[^>]*>', page)[0]
    )


def test_home_offers_kiosk_mode_for_each_form(anna):
    page = page_of(anna, "/app")
    assert re.search(
        r'href="/f/kitchen-talk\?campaign=cesis-2026&amp;kiosk=1" data-kiosk-start', page
    )


def test_the_kiosk_form_shows_nothing_of_the_interviewer_and_is_not_kept(anna):
    response = anna.get(KIOSK_URL)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    # The stylesheet hides the menu, the login and the offer; the kiosk controls show.
    assert "kiosk" in html_classes(page)
    assert 'class="kiosk-bar"' in page
    assert "Interviewer: end" in page
    assert re.search(r'<form method="post" id="answer-form"[^>]* autocomplete="off"', page)
    # The language switch keeps kiosk mode.
    for code in ("lv", "en", "ru"):
        assert f'href="/f/kitchen-talk?campaign=cesis-2026&amp;lang={code}&amp;kiosk=1"' in page
    # Ending it goes back to the interviewer's page, after a question.
    end = re.search(
        r'<summary data-testid="kiosk-end">.*?<a class="button" href="([^"]+)"', page, re.S
    )
    assert end[1] == "/f/kitchen-talk?campaign=cesis-2026"


def test_finishing_in_kiosk_mode_thanks_and_asks_for_the_phone_back(app, anna):
    page = page_of(anna, KIOSK_URL + "&lang=en")
    response = anna.post(KIOSK_URL + "&lang=en", data=form_post_data(page, kitchen_talk_answers()))
    assert response.status_code == 302
    done_url = response.headers["Location"]
    assert done_url == "/f/kitchen-talk/done?campaign=cesis-2026&kiosk=1&lang=en"
    done = anna.get(done_url)
    assert done.headers["Cache-Control"] == "no-store"
    text = done.get_data(as_text=True)
    assert "kiosk" in html_classes(text)
    assert "Your answers are saved. Please give the phone back." in text
    next_person = re.search(
        r'<a class="button primary" href="([^"]+)" data-testid="kiosk-next">', text
    )
    assert next_person[1] == "/f/kitchen-talk?campaign=cesis-2026&amp;kiosk=1"
    assert re.search(r'href="/f/kitchen-talk\?campaign=cesis-2026" data-kiosk="end"', text)
    # Nothing of the answers on the thank-you page, nor on the next person's form.
    answers = kitchen_talk_answers()
    for open_text in (answers["everyday_life"], answers["five_years"]):
        assert open_text not in text
        assert open_text not in page_of(anna, KIOSK_URL)
    assert len(stored_answers(app)) == 1


def test_the_same_kiosk_page_posted_twice_is_stored_once(app, anna):
    page = page_of(anna, KIOSK_URL)
    data = form_post_data(page, kitchen_talk_answers())
    first = anna.post(KIOSK_URL, data=data)
    second = anna.post(KIOSK_URL, data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert "kiosk=1" in second.headers["Location"]
    assert len(stored_answers(app)) == 1


def test_answers_that_need_a_look_come_back_in_kiosk_mode(app, anna):
    page = page_of(anna, KIOSK_URL)
    answers = kitchen_talk_answers(household_size="three")
    response = anna.post(KIOSK_URL, data=form_post_data(page, answers))
    assert response.status_code == 422
    assert response.headers["Cache-Control"] == "no-store"
    again = response.get_data(as_text=True)
    assert "kiosk" in html_classes(again)
    assert 'value="three"' in again  # the same person's answers, to correct
    assert stored_answers(app) == []


def test_the_plain_thank_you_page_is_unchanged_outside_kiosk_mode(app, anna):
    page = page_of(anna)
    response = anna.post(FORM_URL, data=form_post_data(page, kitchen_talk_answers()))
    assert "kiosk" not in response.headers["Location"]
    done = anna.get(response.headers["Location"])
    text = done.get_data(as_text=True)
    assert "kiosk" not in html_classes(text)
    assert "Start a new interview" in text
    assert "give the phone back" not in text
    assert "no-store" not in done.headers.get("Cache-Control", "")
