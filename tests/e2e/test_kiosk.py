"""Kiosk mode in a real Chromium at phone size: the interviewer hands the phone to a
respondent, who sees the form only; after Finish nothing of that person is left on the
screen for the next one, and every interview is stored once, with or without a network."""

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from tests.e2e.conftest import log_in
from tests.e2e.test_offline import (
    FORM_PATH,
    fill_kitchen_talk,
    make_ready_for_offline,
    stored_count,
    stored_notes,
    wait_for_outbox,
    wait_until_stored,
)

pytestmark = pytest.mark.usefixtures("field_campaign")

KIOSK_READY = (
    "() => document.documentElement.classList.contains('kiosk') && history.state === 'kiosk-guard'"
)
# Every answer input that holds something: none may, once a person has finished.
FILLED_INPUTS = """() => [...document.querySelectorAll(
    '#answer-form input[name], #answer-form textarea[name], #answer-form select[name]')]
  .filter((i) => !['hidden', 'submit', 'button'].includes(i.type))
  .filter((i) => (i.type === 'checkbox' || i.type === 'radio') ? i.checked : i.value !== '')
  .map((i) => i.name)"""
DRAFTS = """() => import('/static/js/drafts.js').then((drafts) => drafts.listDrafts())
  .then((list) => list.map((d) => ({uuid: d.uuid, kiosk: Boolean(d.kiosk), answers: d.answers})))"""


def enter_kiosk(page) -> None:
    page.get_by_test_id("kiosk-start").click()
    page.wait_for_function(KIOSK_READY)
    wait_for_storage(page)


def wait_for_storage(page) -> None:
    """Drafts are in use once the first sync has run (it starts right after them)."""
    page.wait_for_function("() => document.getElementById('sync-message').textContent !== ''")


def assert_only_the_form_shows(page) -> None:
    assert page.get_by_test_id("finish").is_visible()
    assert page.get_by_test_id("lang-switch").is_visible()
    for hidden in (".main-nav", ".logout", ".who", ".brand", "[data-testid=sync-now]"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator("#drafts-list, #outbox-list").count() == 0
    assert not page.get_by_test_id("kiosk-start").is_visible()


def assert_no_trace(page, *notes: str) -> None:
    assert page.evaluate(FILLED_INPUTS) == []
    html, text = page.content(), page.inner_text("body")
    for note in notes:
        assert note not in html
        assert note not in text
    assert page.locator(".has-error, [aria-invalid]").count() == 0
    assert not page.locator(".note[role=status]").is_visible()  # "Saved…" of the last one


def finish_as(page, note: str) -> None:
    fill_kitchen_talk(page, note)
    thanks = page.locator("#kiosk-thanks")
    thanks.wait_for(state="visible")
    assert "Please give the phone back" in thanks.inner_text()
    assert not page.get_by_test_id("finish").is_visible()


def next_person(page) -> None:
    page.get_by_test_id("kiosk-next").click()
    assert page.get_by_test_id("finish").is_visible()
    assert page.locator(".step.current").get_attribute("data-step") == "0"


def test_two_people_in_a_row_leave_no_trace_and_are_stored_once(app, context, page):
    log_in(page, next_path=FORM_PATH)
    enter_kiosk(page)
    assert page.viewport_size["width"] == 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_only_the_form_shows(page)
    notes = ["Anna's own words about her day", "Pēteris talks about the bus"]
    uuids = set()
    for note in notes:
        uuids.add(page.locator("[name=submission_uuid]").input_value())
        finish_as(page, note)
        assert_no_trace(page, *notes)
        next_person(page)
        assert_no_trace(page, *notes)
        assert_only_the_form_shows(page)
    assert len(uuids) == 2
    page.go_back()
    page.wait_for_function(KIOSK_READY)
    assert_no_trace(page, *notes)
    assert_only_the_form_shows(page)
    page.reload()
    page.wait_for_function(KIOSK_READY)
    assert_no_trace(page, *notes)
    # After a reload the entry before is another page load: it comes straight back here.
    page.go_back()
    page.wait_for_function(KIOSK_READY)
    assert_no_trace(page, *notes)
    assert_only_the_form_shows(page)
    assert page.evaluate(DRAFTS) == []
    wait_until_stored(app, page, 2)
    wait_for_outbox(page, 0)
    assert stored_notes(app) == sorted(notes)
    with app.app_context():
        stored = {str(s.uuid) for s in db.session.scalars(select(Submission))}
    assert len(stored) == 2


def test_kiosk_works_with_the_network_cut(app, context, page):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)  # one online visit of the form
    context.set_offline(True)
    page.goto("/app")
    page.locator("a[data-kiosk-start]").first.click()
    page.wait_for_function(KIOSK_READY)
    assert_only_the_form_shows(page)
    finish_as(page, "said with no network")
    next_person(page)
    finish_as(page, "also said offline")
    wait_for_outbox(page, 2)
    page.reload()  # from the offline cache, still in kiosk mode
    page.wait_for_function(KIOSK_READY)
    assert_no_trace(page, "said with no network", "also said offline")
    assert stored_count(app) == 0
    context.set_offline(False)  # the sync goes by itself when the network is back
    wait_for_outbox(page, 0)
    assert stored_notes(app) == ["also said offline", "said with no network"]


def test_leaving_needs_the_interviewers_confirmation(app, context, page):
    log_in(page, next_path=FORM_PATH)
    enter_kiosk(page)
    page.get_by_test_id("kiosk-end").click()
    assert page.locator('[data-kiosk="end"]').is_visible()
    assert_only_the_form_shows(page)  # asking is not leaving
    page.get_by_test_id("kiosk-end").click()  # changed my mind
    assert not page.locator('[data-kiosk="end"]').is_visible()
    # A page reached by chance (Back, a typed address) brings the tab back to the kiosk.
    page.goto("/app")
    page.wait_for_url("**/f/kitchen-talk*")
    page.wait_for_function(KIOSK_READY)
    page.get_by_test_id("kiosk-end").click()
    page.locator('[data-kiosk="end"]').click()
    page.wait_for_function("() => !document.documentElement.classList.contains('kiosk')")
    assert page.locator(".main-nav").is_visible()
    assert page.get_by_test_id("kiosk-start").is_visible()
    assert "kiosk" not in page.url
    page.goto("/app")
    page.wait_for_timeout(500)
    assert page.url.endswith("/app")
    assert page.locator("#drafts-list").is_visible()


def test_a_kiosk_interview_never_shows_another_persons_draft(app, context, page):
    log_in(page, next_path=FORM_PATH)
    wait_for_storage(page)
    page.locator('input[name="municipality"][value="valmiera"]').check()
    page.wait_for_timeout(800)  # the interviewer's own draft is autosaved
    enter_kiosk(page)
    assert page.evaluate(FILLED_INPUTS) == []  # not shown to the respondent
    page.locator('input[name="municipality"][value="cesis"]').check()
    page.wait_for_timeout(800)
    # The respondent's own answers survive a reload and a change of language.
    page.reload()
    page.wait_for_function(KIOSK_READY)
    page.wait_for_function(
        "() => document.querySelector('[name=municipality][value=cesis]').checked"
    )
    page.locator('.lang-switch a[data-lang="ru"]').click()
    page.wait_for_function(KIOSK_READY)
    assert page.locator("html").get_attribute("lang") == "ru"
    assert_only_the_form_shows(page)
    page.wait_for_function(
        "() => document.querySelector('[name=municipality][value=cesis]').checked"
    )
    assert page.evaluate(FILLED_INPUTS) == ["municipality"]
    # "Start again" (confirmed) deletes the abandoned answers.
    page.locator("#kiosk-again summary").click()
    page.locator('[data-kiosk="again"]').click()
    assert page.evaluate(FILLED_INPUTS) == []
    page.wait_for_timeout(300)
    drafts = page.evaluate(DRAFTS)
    assert [d["answers"] for d in drafts] == [{"municipality": "valmiera"}]
    # A form left unfinished when the interviewer ends the mode stays as a kiosk draft...
    page.locator('input[name="municipality"][value="smiltene"]').check()
    page.wait_for_timeout(800)
    page.get_by_test_id("kiosk-end").click()
    page.locator('[data-kiosk="end"]').click()
    page.wait_for_function("() => !document.documentElement.classList.contains('kiosk')")
    # ...and the interviewer's page brings back the interviewer's own draft, not that one.
    page.wait_for_function(
        "() => document.querySelector('[name=municipality][value=valmiera]').checked"
    )
    assert page.evaluate(FILLED_INPUTS) == ["municipality"]
    drafts = sorted(page.evaluate(DRAFTS), key=lambda d: d["kiosk"])
    assert [(d["kiosk"], d["answers"]) for d in drafts] == [
        (False, {"municipality": "valmiera"}),
        (True, {"municipality": "smiltene"}),
    ]
    # "Continue" on the home page opens the kiosk draft in kiosk mode, for that person.
    page.goto("/app")
    kiosk_draft = drafts[1]["uuid"]
    page.locator(f'#drafts-list li[data-uuid="{kiosk_draft}"] a').click()
    page.wait_for_function(KIOSK_READY)
    page.wait_for_function(
        "() => document.querySelector('[name=municipality][value=smiltene]').checked"
    )
    assert page.locator("[name=submission_uuid]").input_value() == kiosk_draft
    assert_only_the_form_shows(page)


def test_without_indexeddb_kiosk_mode_uses_the_plain_post_and_its_thank_you(app, context, page):
    context.add_init_script("Object.defineProperty(window, 'indexedDB', {value: undefined})")
    log_in(page, next_path=FORM_PATH)
    page.get_by_test_id("kiosk-start").click()
    page.wait_for_function(KIOSK_READY)
    fill_kitchen_talk(page, "sent by the plain post")
    page.wait_for_url("**/done?*kiosk=1*")
    assert "Please give the phone back" in page.inner_text("main")
    assert not page.locator(".main-nav").is_visible()
    assert stored_notes(app) == ["sent by the plain post"]
    page.get_by_test_id("kiosk-next").click()
    page.wait_for_function(KIOSK_READY)
    assert_no_trace(page, "sent by the plain post")
    assert_only_the_form_shows(page)
