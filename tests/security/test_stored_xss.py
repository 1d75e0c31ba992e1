"""Stored markup is shown as text on every page that shows what people typed.

Everything goes in the real way: answers through the API from an interviewer's phone, a
theme through the debrief page, a campaign and an account by the command line (which,
unlike the people page, takes any user name). Then the evening debrief, the campaign
dashboard and the quarantine pages are read: the raw markup never appears, its escaped
form does. Narrower cases live beside each page (tests/debrief/test_day_page.py,
tests/debrief/test_tags.py, tests/campaigns/test_list_and_access.py,
tests/review/test_escaping.py); this sweeps all of them with the same hostile strings.
"""

from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import select

from collector.auth.models import User
from collector.auth.tokens import issue_token
from collector.extensions import db
from tests.conftest import ApiClient, csrf_token_from
from tests.debrief.conftest import read_groups
from tests.factories import kitchen_talk_answers, submission

SLUG = "xss-2026"
DAY = "2026-05-12"  # the day the factory's interviews are completed on
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
TEMPLATE = "{{7*7}}"
OTHER = "<svg onload=alert('other')>"
THEME = "<b onmouseover=alert('theme')>theme</b>"
TITLE = "<script>alert('title')</script>"
NAME = "<img src=x onerror=alert('name')>"
CONFLICT = "<iframe src=javascript:alert('copy')>"
MARKUP = [SCRIPT, BREAKOUT, OTHER, THEME, TITLE, NAME, CONFLICT]


class ScriptFinder(HTMLParser):
    """What a browser would run on the page: event handler attributes, javascript:
    addresses in any attribute, and scripts written into the page itself."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            if attributes.get("type") != "application/json":
                self.found.append("<script> written into the page")


@pytest.fixture
def hostile(app: Flask, runner, coordinator_client: FlaskClient, published_forms) -> dict:
    """A campaign, an interviewer, answers, an own theme and kept items, all with markup."""
    for args in (
        ["users", "create", NAME, "--role", "interviewer"],
        ["campaigns", "create", SLUG, "--form", "kitchen-talk", "--title", TITLE]
        + ["--interviewer", NAME],
    ):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    with app.app_context():
        phone = ApiClient(
            app.test_client(),
            issue_token(db.session.scalar(select(User).where(User.username == NAME))),
        )
    answers = kitchen_talk_answers(
        everyday_life=SCRIPT,
        main_difficulties=BREAKOUT,
        five_years=JS_URL,
        support_needed=TEMPLATE,
        hard_to_reach=["other"],
        hard_to_reach_other=OTHER,
    )
    stored = submission(answers, campaign=SLUG)
    assert phone.submit(stored).status_code == 201

    page = coordinator_client.get(f"/campaigns/{SLUG}/debrief?day={DAY}").get_data(as_text=True)
    tagged = coordinator_client.post(
        f"/campaigns/{SLUG}/debrief/tags",
        data={
            "csrf_token": csrf_token_from(page),
            "submission": stored["uuid"],
            "question": "everyday_life",
            "theme": THEME,
        },
    )
    assert tagged.status_code == 302

    # The same interview again with other answers: kept as a conflict, both shown side by side.
    conflict = {**stored, "answers": {**answers, "everyday_life": CONFLICT}}
    conflicting = phone.submit(conflict)
    assert conflicting.status_code == 409
    # And one that breaks the form's rules, with markup in a question id of its own.
    invalid = submission({**kitchen_talk_answers(), SCRIPT: BREAKOUT}, campaign=SLUG)
    refused = phone.submit(invalid)
    assert refused.status_code == 422
    return {"conflict": conflicting.json["quarantine_id"], "invalid": refused.json["quarantine_id"]}


def _shows_as_text(page: str, *expected: str) -> None:
    for markup in MARKUP:
        assert markup not in page, f"raw markup on the page: {markup}"
    for text in expected:
        assert str(escape(text)) in page, f"not shown as text: {text}"
    finder = ScriptFinder()
    finder.feed(page)
    assert finder.found == []


def _page(client: FlaskClient) -> Callable[[str], str]:
    def get(path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, path
        return response.get_data(as_text=True)

    return get


def test_the_debrief_page_shows_answers_themes_and_names_as_text(coordinator_client, hostile):
    page = _page(coordinator_client)(f"/campaigns/{SLUG}/debrief?day={DAY}")
    _shows_as_text(page, SCRIPT, BREAKOUT, JS_URL, OTHER, THEME, NAME, TITLE)
    shown = {text for group in read_groups(page) for text in group.texts}
    # Shown exactly as typed: not run, not evaluated as a template ({{7*7}} is not 49).
    assert {SCRIPT, BREAKOUT, JS_URL, TEMPLATE, OTHER} <= shown


def test_the_debrief_list_shows_the_campaign_title_as_text(coordinator_client, hostile):
    _shows_as_text(_page(coordinator_client)("/debrief"), TITLE)


def test_the_campaign_dashboard_shows_title_and_interviewer_as_text(coordinator_client, hostile):
    _shows_as_text(_page(coordinator_client)(f"/campaigns/{SLUG}"), TITLE, NAME)


def test_the_quarantine_list_shows_what_was_sent_as_text(coordinator_client, hostile):
    _shows_as_text(_page(coordinator_client)("/quarantine"), NAME)


def test_a_kept_conflict_shows_both_copies_as_text(coordinator_client, hostile):
    page = _page(coordinator_client)(f"/quarantine/{hostile['conflict']}")
    _shows_as_text(page, SCRIPT, CONFLICT, BREAKOUT, NAME)


def test_a_kept_invalid_interview_shows_its_own_question_ids_as_text(coordinator_client, hostile):
    page = _page(coordinator_client)(f"/quarantine/{hostile['invalid']}")
    _shows_as_text(page, SCRIPT)
