"""Fixtures for the campaign pages: a campaign made the way the pages make it, phones that
send interviews through the real API, and helpers to send the pages' forms."""

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from collector.audit.models import AuditEvent
from collector.auth.models import User
from collector.campaigns.models import Campaign
from collector.campaigns.operations import create_campaign
from collector.extensions import db
from tests.conftest import ApiClient, csrf_token_from

SLUG = "cesis-2026"


def send_form(client: FlaskClient, page: str, data: dict[str, Any], to: str | None = None):
    """GET `page` for its CSRF token, then POST `data` to it (or to `to`) as a browser does."""
    token = csrf_token_from(client.get(page).get_data(as_text=True))
    return client.post(to or page, data={**data, "csrf_token": token})


def text_of(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def events(app: Flask, action: str) -> list[AuditEvent]:
    with app.app_context():
        found = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        ).all()
        for event in found:
            db.session.expunge(event)
        return list(found)


def stored_campaign(app: Flask, slug: str = SLUG) -> dict[str, Any] | None:
    """What the database holds for a campaign, as plain values."""
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
        if campaign is None:
            return None
        return {
            "form": campaign.form.key,
            "title": campaign.title,
            "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on,
            "target": campaign.target,
            "interviewers": sorted(user.username for user in campaign.interviewers),
            "closed": campaign.closed_at is not None,
        }


def switch_off(app: Flask, username: str) -> None:
    """Deactivate an account, as when a student leaves the project."""
    with app.app_context():
        db.session.scalar(select(User).where(User.username == username)).active = False
        db.session.commit()


@pytest.fixture
def make_campaign(app: Flask, published_forms) -> Callable[..., str]:
    def make(
        slug: str = SLUG,
        interviewers: tuple[str, ...] = (),
        title: str = "Cēsis, May 2026",
        target: int | None = 10,
        form: str = "kitchen-talk",
    ) -> str:
        with app.app_context():
            create_campaign(slug, form, title, target, list(interviewers))
        return slug

    return make


@pytest.fixture
def phones(make_api_client) -> dict[str, ApiClient]:
    """Two interviewers' phones, each holding a real bearer token."""
    return {name: make_api_client(name) for name in ("anna", "janis")}


@pytest.fixture
def wave(make_campaign, phones) -> str:
    """cesis-2026 on kitchen-talk, target 10, anna and janis assigned."""
    return make_campaign(interviewers=("anna", "janis"))


class _TableReader(HTMLParser):
    """Cells of one table, by the row's data-row and the cell's data-day (or column)."""

    def __init__(self, table_class: str) -> None:
        super().__init__()
        self.table_class = table_class
        self.inside = False
        self.rows: dict[str, dict[str, str]] = {}
        self.row: str | None = None
        self.cell: str | None = None
        self.column = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and self.table_class in (found.get("class") or "").split():
            self.inside = True
        elif self.inside and tag == "tr" and found.get("data-row"):
            self.row, self.column = found["data-row"], 0
            self.rows[self.row] = {}
        elif self.inside and self.row and tag in ("td", "th"):
            self.cell = found.get("data-day") or found.get("data-testid") or str(self.column)
            self.column += 1
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif tag in ("td", "th") and self.row and self.cell is not None:
            self.rows[self.row][self.cell] = " ".join("".join(self.text).split())
            self.cell = None
        elif tag == "tr":
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.text.append(data)


def table(page: str, table_class: str) -> dict[str, dict[str, str]]:
    """{row: {cell: text}} of the table with `table_class` on `page`."""
    reader = _TableReader(table_class)
    reader.feed(page)
    return reader.rows
