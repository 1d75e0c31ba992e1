"""Helpers for the quarantine review tests: items are made the real way (bad payloads sent
by anna's phone through the API), and forms are sent the way a browser sends them (every
field of the form with what the page put in it, plus what the coordinator changed)."""

from html.parser import HTMLParser
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from collector.audit.models import AuditEvent
from collector.auth.models import User
from collector.extensions import db
from collector.intake.models import QuarantineItem, Submission
from collector.schema.loader import load_form_text
from collector.schema.versions import publish_version
from tests.conftest import FORMS_DIR, ApiClient


def publish_kitchen_talk_v2(app: Flask) -> None:
    """Version 2 of kitchen-talk: version 1 and a question about pets at the end."""
    text = (FORMS_DIR / "kitchen-talk.yaml").read_text(encoding="utf-8")
    text = text.replace("\nversion: 1\n", "\nversion: 2\n", 1)
    text += "      - {id: pets, type: text, label: {lv: Mājdzīvnieki, en: Pets, ru: Питомцы}}\n"
    with app.app_context():
        publish_version(load_form_text(text, "kitchen-talk.yaml"))


def kept(phone: ApiClient, payload: Any) -> int:
    """Send `payload`, which intake refuses, and give the quarantine item it became."""
    response = phone.submit(payload)
    assert response.status_code in (409, 422), response.json
    return response.json["quarantine_id"]


def kept_malformed(app: Flask, phone: ApiClient, body: str) -> int:
    response = phone.post(
        "/api/v1/submissions", data=body.encode(), content_type="application/json"
    )
    assert response.status_code == 400
    with app.app_context():
        return db.session.scalar(select(func.max(QuarantineItem.id)))


def item_row(app: Flask, item_id: int) -> QuarantineItem:
    with app.app_context():
        item = db.session.get(QuarantineItem, item_id)
        db.session.expunge(item)
        return item


def submissions(app: Flask) -> list[Submission]:
    with app.app_context():
        rows = db.session.scalars(select(Submission).order_by(Submission.id)).all()
        db.session.expunge_all()
        return list(rows)


def quarantine_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(QuarantineItem))


def audit_events(app: Flask, action: str) -> list[AuditEvent]:
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()
        db.session.expunge_all()
        return list(rows)


def username(app: Flask, user_id: int | None) -> str | None:
    with app.app_context():
        user = db.session.get(User, user_id) if user_id is not None else None
        return user.username if user else None


class _FormReader(HTMLParser):
    """The fields of the one form posting to `action`, with the values the page gave them."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.fields: dict[str, str] = {}
        self.buttons: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.inside = attr.get("action") == self.action
        if not self.inside:
            return
        if tag in ("input", "button") and attr.get("type") == "submit":
            self.buttons[attr["name"]] = attr.get("value", "")
        elif tag == "input" and "name" in attr:
            self.fields[attr["name"]] = attr.get("value", "")
        elif tag == "select":
            self._select, self._first_option = attr["name"], None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attr.get("value", "")
                self.fields.setdefault(self._select, self._first_option)
            if "selected" in attr:
                self.fields[self._select] = attr.get("value", "")
        elif tag == "textarea":
            self._textarea = attr["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data: str) -> None:
        if self.inside and self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the one newline that may follow <textarea>.
            self.fields[self._textarea] = self.fields[self._textarea].removeprefix("\n")
            self._textarea = None


def read_form(page: str, action: str) -> tuple[dict[str, str], dict[str, str]]:
    """(fields, submit buttons) of the form posting to `action` on `page`."""
    reader = _FormReader(action)
    reader.feed(page)
    assert reader.buttons, f"no form posting to {action} on the page"
    return reader.fields, reader.buttons


def send_form(
    client: FlaskClient, item_id: int, action: str, button: str, **changes: str
) -> TestResponse:
    """Open the item page, fill its `action` form as it is with `changes`, press `button`."""
    page = client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    target = f"/quarantine/{item_id}/{action}"
    fields, buttons = read_form(page, target)
    assert button in buttons, f"no button {button} in the {action} form"
    unknown = set(changes) - set(fields)
    assert not unknown, f"the {action} form has no fields {unknown}"
    return client.post(target, data={**fields, **changes, button: buttons[button]})


def release(client: FlaskClient, item_id: int, **changes: str) -> TestResponse:
    return send_form(client, item_id, "release", "release", **changes)


def release_as_new(client: FlaskClient, item_id: int, **changes: str) -> TestResponse:
    return send_form(client, item_id, "release", "as_new", **changes)


def discard(client: FlaskClient, item_id: int, reason: str) -> TestResponse:
    return send_form(client, item_id, "discard", "discard", reason=reason)
