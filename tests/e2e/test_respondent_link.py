"""A respondent on their own phone: a link, no login, and nothing lost or sent twice."""

import re

import pytest
from sqlalchemy import select

from collector.campaigns.models import RespondentLink
from collector.extensions import db
from collector.intake.models import Submission
from tests.e2e.test_offline import fill_kitchen_talk

pytestmark = pytest.mark.usefixtures("field_campaign")


@pytest.fixture
def link_path(runner) -> str:
    result = runner.invoke(args=["campaigns", "link", "cesis-2026", "--label", "leaflet"])
    assert result.exit_code == 0, result.output
    return re.search(r"/s/[a-z2-7]+$", result.output.strip()).group(0)


@pytest.fixture
def api_calls(context) -> list[str]:
    """Requests to the logged-in API: a respondent's page must make none."""
    calls: list[str] = []
    context.on("request", lambda request: "/api/v1/" in request.url and calls.append(request.url))
    return calls


def stored(app) -> list[tuple[str, int | None, int | None]]:
    with app.app_context():
        return [
            (s.answers["everyday_life"], s.respondent_link_id, s.submitted_by_id)
            for s in db.session.scalars(select(Submission))
        ]


def link_id(app) -> int:
    with app.app_context():
        return db.session.scalars(select(RespondentLink.id)).one()


def wait_until_stored(app, page, expected: int, timeout_s: float = 20) -> None:
    for _ in range(int(timeout_s * 10)):
        if len(stored(app)) >= expected:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{len(stored(app))} stored after {timeout_s} s, expected {expected}")


def wait_for_outbox(page, expected: int, timeout: float = 20_000) -> None:
    page.wait_for_function(
        "n => document.querySelector('[data-testid=outbox-count]').textContent.trim()"
        " === String(n)",
        arg=expected,
        timeout=timeout,
    )


def open_as_respondent(page, link_path: str) -> None:
    page.goto(link_path)
    # The form is enhanced (steps, drafts) once IndexedDB is open: a fresh uuid is set.
    page.wait_for_selector("html.js")
    page.wait_for_function("() => document.querySelector('[data-action=next]:not([hidden])')")


def test_a_respondent_fills_the_form_from_a_link_and_it_is_stored_once(
    app, page, link_path, api_calls
):
    open_as_respondent(page, link_path)
    assert page.viewport_size["width"] == 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
    fill_kitchen_talk(page, "from my own phone")
    wait_for_outbox(page, 0)
    wait_until_stored(app, page, 1)
    page.wait_for_timeout(500)  # a second send would land now
    assert stored(app) == [("from my own phone", link_id(app), None)]
    assert api_calls == []
    assert page.locator("#sync-message a[href*='/login']").count() == 0


def test_answers_finished_without_a_network_are_sent_once_it_is_back(
    app, context, page, link_path, api_calls
):
    open_as_respondent(page, link_path)
    context.set_offline(True)
    fill_kitchen_talk(page, "finished in a dead zone")
    wait_for_outbox(page, 1)
    assert stored(app) == []
    context.set_offline(False)  # the browser says "online": the outbox goes at once
    wait_for_outbox(page, 0)
    wait_until_stored(app, page, 1)
    page.wait_for_timeout(500)
    assert stored(app) == [("finished in a dead zone", link_id(app), None)]
    assert api_calls == []
