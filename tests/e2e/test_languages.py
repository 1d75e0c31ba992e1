"""Switching language in a real Chromium: mid-way through a form nothing typed is lost."""

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from tests.e2e import test_offline as offline

FORM_PATH = offline.FORM_PATH

pytestmark = pytest.mark.usefixtures("field_campaign")


def test_switching_language_mid_way_keeps_the_answers(app, page):
    offline.log_in(page)
    page.goto(FORM_PATH)
    page.locator('input[name="municipality"][value="cesis"]').check()
    page.locator('input[name="consent"]').check()
    page.wait_for_timeout(800)  # autosaved as a draft
    uuid_before = page.locator('input[name="submission_uuid"]').input_value()

    page.get_by_test_id("lang-switch").locator('a[data-lang="ru"]').click()
    page.wait_for_url("**lang=ru*")
    assert page.locator("html").get_attribute("lang") == "ru"
    # The draft comes back from IndexedDB: same interview, same answers.
    page.wait_for_function(
        "uuid => document.querySelector('input[name=submission_uuid]').value === uuid",
        arg=uuid_before,
    )
    assert page.locator('input[name="municipality"][value="cesis"]').is_checked()
    assert page.locator('input[name="consent"]').is_checked()

    offline.fill_kitchen_talk(page, "switched to Russian")
    offline.wait_until_stored(app, page, 1)
    with app.app_context():
        [stored] = db.session.scalars(select(Submission))
        assert str(stored.uuid) == uuid_before
        assert stored.lang == "ru"
        assert stored.answers["municipality"] == "cesis"
        assert stored.answers["everyday_life"] == "switched to Russian"


def test_the_interface_language_is_remembered_and_offline_still_opens_the_form(app, context, page):
    offline.make_ready_for_offline(page)
    page.get_by_test_id("ui-lang-switch").locator('a[data-lang="en"]').click()
    page.wait_for_url("**lang=en*")
    page.goto("/app")
    assert page.locator("html").get_attribute("lang") == "en"  # remembered (cookie)

    context.set_offline(True)
    page.goto(FORM_PATH + "&lang=ru")  # never visited: the cached form serves instead
    assert page.get_by_test_id("lang-switch").is_visible()
    page.reload()
    assert page.locator('input[name="municipality"]').first.is_visible()
    context.set_offline(False)
