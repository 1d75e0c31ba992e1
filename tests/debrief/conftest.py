"""Fixtures for the debrief: interviews stored through the real API, the day page read back
as groups of answers, and tag forms posted the way a browser posts them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from collector.audit.models import AuditEvent
from collector.auth.models import Role
from collector.debrief.models import AnswerTag
from collector.extensions import db
from collector.intake.models import Submission
from tests.conftest import csrf_token_from

# The export tests' fixtures: store(answers, interviewer=..., **envelope) through the API,
# publish(yaml) a test form, export(form, **options) read back with openpyxl.
from tests.exports.conftest import export, publish, store  # noqa: F401

CAMPAIGN = "cesis-2026"
DAY = "2026-05-12"
# 13:41 in Riga (UTC+3 in May): the middle of the fieldwork day DAY.
MIDDAY = "2026-05-12T10:41:55Z"
EVERYDAY = "How would you describe your everyday life now?"
DIFFICULTIES = "What are the main difficulties in your everyday life?"


@dataclass
class ShownAnswer:
    anchor: str
    text: str = ""
    meta: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class ShownGroup:
    title: str = ""
    answers: list[ShownAnswer] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [answer.text for answer in self.answers]


class DebriefReader(HTMLParser):
    """The day page as a person reads it: question titles, each with its answers."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[ShownGroup] = []
        self._capture: tuple[str, Any, str] | None = None  # (end tag, object, attribute)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and "debrief-question" in classes:
            self.groups.append(ShownGroup())
        elif tag == "h3" and self.groups:
            self._capture = ("h3", self.groups[-1], "title")
        elif tag == "li" and "debrief-answer" in classes:
            self.groups[-1].answers.append(ShownAnswer(anchor=dict(attrs)["id"] or ""))
        elif tag == "p" and "answer-text" in classes:
            self._capture = ("p", self.groups[-1].answers[-1], "text")
        elif tag == "p" and "answer-meta" in classes:
            self._capture = ("p", self.groups[-1].answers[-1], "meta")
        elif tag == "span" and "tag-name" in classes:
            self.groups[-1].answers[-1].tags.append("")
            self._capture = ("span", self.groups[-1].answers[-1], "tags")

    def handle_endtag(self, tag: str) -> None:
        if self._capture and self._capture[0] == tag:
            _tag, target, attribute = self._capture
            if attribute == "tags":
                target.tags[-1] = target.tags[-1].strip()
            else:
                setattr(target, attribute, " ".join(getattr(target, attribute).split()))
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture:
            _tag, target, attribute = self._capture
            if attribute == "tags":
                target.tags[-1] += data
            else:
                setattr(target, attribute, getattr(target, attribute) + data)


def read_groups(page: str) -> list[ShownGroup]:
    reader = DebriefReader()
    reader.feed(page)
    return reader.groups


def group_titled(page: str, title: str) -> ShownGroup:
    return next(group for group in read_groups(page) if group.title == title)


@pytest.fixture
def day_page(client: FlaskClient) -> Callable[..., TestResponse]:
    """day_page(day=DAY, slug=CAMPAIGN, **args) → the response of the debrief day page."""

    def get(day: str | None = DAY, slug: str = CAMPAIGN, **args: str) -> TestResponse:
        query = {"day": day, **args} if day else args
        return client.get(f"/campaigns/{slug}/debrief", query_string=query)

    return get


@pytest.fixture
def tag(client: FlaskClient) -> Callable[..., TestResponse]:
    """tag(uuid, question, tag=... or theme=..., remove=False) posts a tag form as the
    buttons on the day page do (with the session's CSRF token, from any page)."""

    def post(
        submission: str,
        question: str,
        *,
        slug: str = CAMPAIGN,
        remove: bool = False,
        **fields: str,
    ) -> TestResponse:
        token = csrf_token_from(client.get("/debrief").get_data(as_text=True))
        action = "tags/remove" if remove else "tags"
        return client.post(
            f"/campaigns/{slug}/debrief/{action}",
            data={"csrf_token": token, "submission": submission, "question": question, **fields},
        )

    return post


@pytest.fixture
def stored_tags(app: Flask) -> Callable[[], list[tuple[str, str, str]]]:
    """() → every tag in the database as (submission uuid, question, tag)."""

    def read() -> list[tuple[str, str, str]]:
        with app.app_context():
            rows = db.session.execute(
                select(Submission.uuid, AnswerTag.question_id, AnswerTag.tag)
                .join(Submission, AnswerTag.submission_id == Submission.id)
                .order_by(AnswerTag.id)
            )
            return [(str(uuid), question, tag) for uuid, question, tag in rows]

    return read


@pytest.fixture
def audit_events(app: Flask) -> Callable[[], list[dict[str, Any]]]:
    """() → the audit log's tag events, oldest first."""

    def read() -> list[dict[str, Any]]:
        with app.app_context():
            events = db.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.in_(["tag.add", "tag.remove"]))
                .order_by(AuditEvent.id)
            )
            return [
                {"action": e.action, "actor": e.actor, "details": e.details, "target": e.target}
                for e in events
            ]

    return read


def submission_id(app: Flask, uuid: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Submission.id).where(Submission.uuid == UUID(uuid)))


@pytest.fixture
def as_coordinator(client: FlaskClient, auth, make_user, field_campaign) -> FlaskClient:
    """Coordinator ilze logged in; campaign cesis-2026 exists with anna on it."""
    make_user("ilze", Role.COORDINATOR)
    auth.login("ilze")
    return client


@pytest.fixture
def as_anna(client: FlaskClient, auth, field_campaign) -> FlaskClient:
    """Interviewer anna logged in; she works in campaign cesis-2026."""
    auth.login("anna")
    return client


@pytest.fixture
def other_campaign(runner, field_campaign) -> str:
    """A second kitchen-talk campaign, without anna."""
    result = runner.invoke(
        args=["campaigns", "create", "valka-2026", "--form", "kitchen-talk", "--title", "Valka"]
    )
    assert result.exit_code == 0, result.output
    return "valka-2026"
