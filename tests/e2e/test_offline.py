"""The offline client in a real Chromium: nothing typed on a phone is lost or sent twice."""

import json
import uuid

import pytest
from sqlalchemy import func, select

from collector.extensions import db
from collector.intake.models import Submission
from tests.e2e.conftest import log_in

FORM_PATH = "/f/kitchen-talk?campaign=cesis-2026"
# Backoff waits 2, then 4 seconds after failures; allow for the 30-second timer as well.
RECOVERY_MS = 45_000

pytestmark = pytest.mark.usefixtures("field_campaign")


def stored_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Submission))


def stored_notes(app) -> list[str]:
    with app.app_context():
        return sorted(
            s.answers.get("everyday_life", "") for s in db.session.scalars(select(Submission))
        )


def wait_until_stored(app, page, expected: int, timeout_s: float = 20) -> None:
    """Poll the database (the page keeps running meanwhile) until `expected` are stored."""
    for _ in range(int(timeout_s * 10)):
        if stored_count(app) >= expected:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{stored_count(app)} stored after {timeout_s} s, expected {expected}")


def outbox_count(page) -> int:
    return int(page.get_by_test_id("outbox-count").inner_text().strip())


def wait_for_outbox(page, expected: int, timeout: float = 20_000) -> None:
    page.wait_for_function(
        "n => document.querySelector('[data-testid=outbox-count]').textContent.trim()"
        " === String(n)",
        arg=expected,
        timeout=timeout,
    )


def make_ready_for_offline(page) -> None:
    """One online visit: log in, let the service worker keep the form pages."""
    log_in(page)
    page.wait_for_function(
        """async (path) => {
            const registration = await navigator.serviceWorker.ready;
            if (!registration.active) return false;
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                if (await cache.match(path)) return true;
            }
            return false;
        }""",
        arg=FORM_PATH,
        timeout=20_000,
    )


def fill_kitchen_talk(page, note: str) -> None:
    """Answer the required questions (and a note) step by step, as a person would, then finish."""
    answers = {
        "municipality": ("radio", "cesis"),
        "consent": ("check", "yes"),
        "household_size": ("text", "3"),
        "children": ("radio", "no"),
        "everyday_life": ("text", note),
        "duration_min": ("text", "40"),
    }
    for _step in range(20):
        for name, (kind, value) in answers.items():
            if kind == "text":
                field = page.locator(f'[name="{name}"]')
                if field.is_visible():
                    field.fill(value)
            else:
                option = page.locator(f'input[name="{name}"][value="{value}"]')
                if option.is_visible() and not option.is_checked():
                    option.check()
        next_button = page.locator('[data-action="next"]')
        if next_button.is_visible():
            next_button.click()
        else:
            break
    page.get_by_test_id("finish").click()


def test_three_interviews_made_offline_are_kept_through_a_reload_and_stored_once(
    app, context, page
):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)
    context.set_offline(True)
    page.reload()
    for number in range(3):
        fill_kitchen_talk(page, f"interview {number}")
        wait_for_outbox(page, number + 1)
    page.reload()
    wait_for_outbox(page, 3)
    assert stored_count(app) == 0
    context.set_offline(False)
    page.get_by_test_id("sync-now").click()
    wait_for_outbox(page, 0)
    assert stored_notes(app) == ["interview 0", "interview 1", "interview 2"]
    assert page.get_by_test_id("last-sync").inner_text().strip() != ""


def test_a_server_failing_twice_then_recovering_gets_each_interview_once(app, context, page):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)
    attempts = []

    def fail_twice(route):
        attempts.append(route.request.url)
        if len(attempts) <= 2:
            route.fulfill(status=500, body="server trouble")
        else:
            route.continue_()

    page.route("**/api/v1/submissions/batch", fail_twice)
    fill_kitchen_talk(page, "kept through two failures")
    # No one touches the phone: retries with backoff must get it through on their own.
    wait_for_outbox(page, 0, timeout=RECOVERY_MS)
    assert len(attempts) == 3
    assert stored_notes(app) == ["kept through two failures"]


def test_a_connection_cut_after_the_server_stored_the_batch_does_not_duplicate(app, context, page):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)
    context.set_offline(True)
    fill_kitchen_talk(page, "first")
    fill_kitchen_talk(page, "second")
    wait_for_outbox(page, 2)
    cut = []

    def store_then_cut(route):
        if not cut:
            cut.append(route.fetch())  # the server receives and stores the whole batch
            route.abort("connectionreset")  # but the phone never hears the answer
        else:
            route.continue_()

    page.route("**/api/v1/submissions/batch", store_then_cut)
    context.set_offline(False)
    page.get_by_test_id("sync-now").click()
    wait_for_outbox(page, 0, timeout=RECOVERY_MS)
    assert cut, "the batch was not cut"
    assert stored_notes(app) == ["first", "second"]


def test_two_tabs_on_one_draft_end_as_one_submission(app, context, page):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)
    page.locator('input[name="municipality"][value="cesis"]').check()
    page.wait_for_timeout(800)  # autosaved
    second_tab = context.new_page()
    second_tab.goto(FORM_PATH)
    page_uuid = page.locator('input[name="submission_uuid"]').input_value()
    # The page comes with a fresh uuid; the draft's replaces it once IndexedDB is read.
    second_tab.wait_for_function(
        "uuid => document.querySelector('input[name=submission_uuid]').value === uuid",
        arg=page_uuid,
    )
    fill_kitchen_talk(page, "from the first tab")
    wait_for_outbox(page, 0)
    second_tab.bring_to_front()
    # A background tab may hear of the finish only once it is in front; a person sees the
    # form start afresh before typing, and so must the test (else its clicks race the reset).
    second_tab.wait_for_function(
        "uuid => document.querySelector('input[name=submission_uuid]').value !== uuid",
        arg=page_uuid,
    )
    fill_kitchen_talk(second_tab, "from the second tab")
    wait_until_stored(app, second_tab, 2)
    with app.app_context():
        submissions = db.session.scalars(select(Submission))
        stored = {str(s.uuid): s.answers["everyday_life"] for s in submissions}
    assert stored[page_uuid] == "from the first tab"
    assert sorted(stored.values()) == ["from the first tab", "from the second tab"]


def test_an_expired_login_keeps_the_outbox_and_asks_to_log_in(app, context, page):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)
    context.set_offline(True)
    fill_kitchen_talk(page, "made before the login expired")
    wait_for_outbox(page, 1)
    context.clear_cookies()
    context.set_offline(False)
    page.get_by_test_id("sync-now").click()
    page.wait_for_selector("#sync-message a[href*='/login']", timeout=10_000)
    assert outbox_count(page) == 1
    assert stored_count(app) == 0
    log_in(page, next_path=FORM_PATH)
    page.get_by_test_id("sync-now").click()
    wait_for_outbox(page, 0)
    assert stored_notes(app) == ["made before the login expired"]


def test_without_indexeddb_the_page_warns_and_still_sends_by_plain_post(app, context, page):
    context.add_init_script("Object.defineProperty(window, 'indexedDB', {value: undefined})")
    log_in(page)
    page.goto(FORM_PATH)
    assert page.locator("#storage-warning").is_visible()
    fill_kitchen_talk(page, "sent straight away")
    page.wait_for_url("**/done*")
    assert stored_notes(app) == ["sent straight away"]


def test_an_invalid_interview_stays_visible_as_needing_attention(app, context, page):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)

    def break_the_answers(route):
        body = route.request.post_data_json
        for item in body:
            item["answers"]["household_size"] = 99  # beyond the form's maximum
        route.continue_(post_data=json.dumps(body))

    page.route("**/api/v1/submissions/batch", break_the_answers)
    fill_kitchen_talk(page, "will be refused")
    page.goto("/app")
    page.wait_for_selector("#outbox-list .attention", timeout=10_000)
    assert outbox_count(page) == 1
    assert stored_count(app) == 0
    assert str(uuid.UUID(page.locator("#outbox-list li").first.get_attribute("data-uuid")))


def test_a_new_release_keeps_forms_and_outbox_available_offline(app, context, page, live_server):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)
    context.set_offline(True)
    fill_kitchen_talk(page, "made before the update")
    wait_for_outbox(page, 1)
    context.set_offline(False)
    page.route("**/api/v1/submissions/batch", lambda route: route.abort())  # keep it waiting
    live_server.restart(COLLECTOR_RELEASE="next-release")
    page.goto("/app")
    page.wait_for_function(
        """async () => {
            const names = await caches.keys();
            return names.some(n => n.includes('shell')) && (await navigator.serviceWorker.ready)
                .active.scriptURL.endsWith('/sw.js')
                && !(await navigator.serviceWorker.getRegistration()).waiting;
        }""",
        timeout=20_000,
    )
    context.set_offline(True)
    page.goto(FORM_PATH)
    assert page.get_by_test_id("finish").is_visible()
    wait_for_outbox(page, 1)


def log_out(page) -> None:
    # Wait for the login page the logout lands on: going to /login while the logout is
    # still under way races with its redirect (seen on a loaded CI machine).
    with page.expect_navigation(url="**/login*"):
        page.locator(".logout button").click()


def test_on_a_shared_phone_each_interviewer_sends_only_their_own_interviews(
    app, context, page, make_user, runner
):
    make_user("peteris")
    runner.invoke(args=["campaigns", "create", "valmiera", "--form", "kitchen-talk"])
    make_ready_for_offline(page)
    page.goto(FORM_PATH)
    # Nothing gets through until peteris has been seen with an empty outbox, so anna's
    # interview is still waiting on the phone while he is logged in.
    page.route("**/api/v1/submissions/batch", lambda route: route.abort())
    fill_kitchen_talk(page, "anna's interview")
    wait_for_outbox(page, 1)
    log_out(page)
    log_in(page, username="peteris")
    wait_for_outbox(page, 0)
    page.unroute("**/api/v1/submissions/batch")
    page.get_by_test_id("sync-now").click()
    page.wait_for_timeout(1000)
    assert stored_count(app) == 0
    log_out(page)
    log_in(page)
    page.get_by_test_id("sync-now").click()
    wait_for_outbox(page, 0)
    with app.app_context():
        [stored] = db.session.scalars(select(Submission)).all()
        assert stored.submitted_by_id is not None
        from collector.auth.models import User

        assert db.session.get(User, stored.submitted_by_id).username == "anna"


def test_sync_clicked_twice_in_two_tabs_sends_each_interview_in_one_request(app, context, page):
    make_ready_for_offline(page)
    page.goto(FORM_PATH)
    context.set_offline(True)
    fill_kitchen_talk(page, "sent once")
    wait_for_outbox(page, 1)
    posts = []

    def slow_server(route):
        posts.append(route.request.post_data_json)
        page.wait_for_timeout(1500)  # a slow evening connection
        route.continue_()

    # Watch before the network is back: coming online starts a sync at once.
    context.route("**/api/v1/submissions/batch", slow_server)
    context.set_offline(False)
    other_tab = context.new_page()
    other_tab.goto("/app")
    page.get_by_test_id("sync-now").click()
    page.get_by_test_id("sync-now").click(force=True)
    other_tab.get_by_test_id("sync-now").click(force=True)
    wait_for_outbox(page, 0)
    wait_for_outbox(other_tab, 0)
    uuids = [item["uuid"] for batch in posts for item in batch]
    assert len(uuids) == len(set(uuids)) == 1
    assert stored_notes(app) == ["sent once"]
