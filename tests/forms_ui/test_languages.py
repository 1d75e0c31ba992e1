"""Choosing the language: on every page, remembered; questionnaires right to left."""

import re

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from tests.conftest import form_post_data

FEEDBACK = "/f/microproject-feedback"
KITCHEN = "/f/kitchen-talk?campaign=cesis-2026"


@pytest.fixture
def anna(client, auth, field_campaign):
    auth.login("anna")
    return client


@pytest.fixture
def coordinator(coordinator_client, published_forms):
    return coordinator_client


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page)[0]


def test_every_page_offers_the_interface_languages_each_in_its_own_language(client):
    page = client.get("/login").get_data(as_text=True)
    switch = re.search(
        r'<nav class="ui-lang-switch" data-testid="ui-lang-switch".*?</nav>', page, re.S
    )
    assert switch
    assert 'href="/login?lang=lv" hreflang="lv" lang="lv"' in switch[0]
    assert 'lang="en"' in switch[0]
    assert ">English</a>" in switch[0]
    assert 'lang="ru"' in switch[0]
    assert ">Русский</a>" in switch[0]
    assert ">Latviešu</a>" in switch[0]


def test_the_switch_keeps_the_other_parameters_of_the_page(anna):
    page = anna.get(KITCHEN + "&lang=en").get_data(as_text=True)
    # The form page has its own switch (DESIGN: data-testid="lang-switch"), not a second one.
    assert 'data-testid="ui-lang-switch"' not in page
    home = anna.get("/app?x=1").get_data(as_text=True)
    assert 'href="/app?x=1&amp;lang=ru"' in home


def test_the_browser_preference_chooses_the_language_first(client):
    page = client.get("/login", headers={"Accept-Language": "ru,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ru"' in page


def test_a_chosen_language_is_remembered_over_the_browser_preference(client):
    response = client.get("/login?lang=en", headers={"Accept-Language": "ru"})
    assert "lang=en" in response.headers["Set-Cookie"]
    assert "Max-Age=" in response.headers["Set-Cookie"]

    later = client.get("/login", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in later
    assert (
        'href="/login?lang=en" hreflang="en" lang="en" data-lang="en"\n         aria-current="true"'
        in later
    )


def test_a_language_we_do_not_speak_is_not_remembered(client):
    response = client.get("/login?lang=de")
    assert "Set-Cookie" not in response.headers or "lang=" not in response.headers["Set-Cookie"]


def test_a_language_picked_in_kiosk_mode_is_not_remembered_for_the_interviewer(anna):
    response = anna.get(KITCHEN + "&lang=ru&kiosk=1")
    assert "lang=ru" not in response.headers.get("Set-Cookie", "")


def test_switching_language_on_a_posted_page_keeps_the_answers(app, anna):
    """Without JavaScript: a page posted with answers that need a look comes back with
    them, in the language asked for; sending it then stores every answer."""
    page = anna.get(KITCHEN + "&lang=en").get_data(as_text=True)
    data = form_post_data(page, {"household_size": "3", "everyday_life": "Quiet days"})
    again = anna.post(KITCHEN + "&lang=ru", data=data)
    text = again.get_data(as_text=True)
    assert again.status_code == 422
    assert '<html lang="ru"' in text
    assert "Quiet days</textarea>" in text
    assert 'value="3"' in text


def test_a_form_in_arabic_is_written_right_to_left(coordinator):
    page = coordinator.get(FEEDBACK + "?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in html_tag(page)
    assert "استمارة التقييم" in page
    assert "هل أعجبتكم المشاركة؟" in page
    # The interface (buttons, header) keeps its own language and direction.
    assert re.search(r'data-testid="finish" lang="en" dir="ltr">', page)
    assert '<header class="top-bar" lang="en" dir="ltr">' in page
    assert re.search(r'<a href="/f/microproject-feedback\?lang=ar"[^>]*lang="ar"', page)


def test_arabic_is_not_an_interface_language_so_the_interface_stays(coordinator):
    response = coordinator.get(FEEDBACK + "?lang=ar", headers={"Accept-Language": "en"})
    assert "lang=ar" not in response.headers.get("Set-Cookie", "")
    assert re.search(
        r'data-testid="finish" lang="en" dir="ltr">Finish<', response.get_data(as_text=True)
    )


def test_a_form_in_arabic_is_sent_and_stored_with_its_language(app, coordinator):
    page = coordinator.get(FEEDBACK + "?lang=ar").get_data(as_text=True)
    answers = {"liked": 5, "learned": "تعلّمت الطبخ مع الآخرين", "continue": "yes"}
    response = coordinator.post(FEEDBACK + "?lang=ar", data=form_post_data(page, answers))
    assert response.status_code == 302
    with app.app_context():
        [stored] = db.session.scalars(select(Submission))
        assert stored.lang == "ar"
        assert stored.answers["learned"] == "تعلّمت الطبخ مع الآخرين"
        assert stored.answers["liked"] == 5


def test_a_form_language_the_form_lacks_falls_back_with_no_crash(coordinator):
    # Kitchen talks have no Arabic: the interface's language, then the form's default.
    page = coordinator.get("/f/kitchen-talk?lang=ar", headers={"Accept-Language": "ru"})
    assert '<html lang="ru" dir="ltr"' in page.get_data(as_text=True)
    page = coordinator.get("/f/kitchen-talk?lang=de", headers={"Accept-Language": "de"})
    assert page.status_code == 200
    # No language of ours asked for: the default interface language, which the form has.
    assert re.search(r'<html lang="(lv|en)" dir="ltr"', page.get_data(as_text=True))
