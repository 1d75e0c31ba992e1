"""Fixtures for exports: store submissions through the real API, export, read back with openpyxl."""

import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from openpyxl import load_workbook
from openpyxl.workbook import Workbook as ReadWorkbook
from sqlalchemy import select

from collector.auth.models import User
from collector.auth.tokens import issue_token
from collector.exports.options import ExportOptions, resolve_options
from collector.exports.workbook import ExportSummary, write_workbook
from collector.extensions import db
from collector.schema.loader import load_form_text
from collector.schema.versions import publish_version
from tests.conftest import ApiClient, assign_interviewer
from tests.factories import submission


class Exported:
    """A written workbook, read back: sheets by name, and what the file holds besides."""

    def __init__(self, path: Path, summary: ExportSummary) -> None:
        self.path = path
        self.summary = summary
        self.book: ReadWorkbook = load_workbook(path)

    def rows(self, sheet: str) -> list[tuple[Any, ...]]:
        return list(self.book[sheet].iter_rows(values_only=True))

    def records(self, sheet: str = "Answers") -> list[dict[str, Any]]:
        """Data rows as dicts keyed by the header row."""
        header, *rows = self.rows(sheet)
        return [dict(zip(header, row, strict=True)) for row in rows]

    def column(self, title: str, sheet: str = "Answers") -> list[Any]:
        return [record[title] for record in self.records(sheet)]

    def chart_count(self) -> int:
        with zipfile.ZipFile(self.path) as package:
            return sum(1 for name in package.namelist() if name.startswith("xl/charts/chart"))

    def block(self, sheet: str, title: str) -> list[tuple[Any, ...]]:
        """The rows of a Summary/Waves block: from its title to the next empty row."""
        rows = self.rows(sheet)
        start = next(i for i, row in enumerate(rows) if row and row[0] == title)
        block = []
        for row in rows[start + 1 :]:
            if not row or all(value is None for value in row):
                break
            block.append(row)
        return block

    def facts(self) -> dict[str, Any]:
        """The Codebook's top block: label → value."""
        facts = {}
        for row in self.rows("Codebook"):
            if not row or row[0] is None:
                break
            facts[row[0]] = row[1]
        return facts


def statistic(block: list[tuple[Any, ...]], name: str) -> Any:
    """The value beside `name` in a Summary or Waves block, e.g. 'Mean'."""
    return next(row[1] for row in block if row[0] == name)


@pytest.fixture
def export(app: Flask, tmp_path: Path) -> Callable[..., Exported]:
    """export(form, **options) → the workbook written by the real engine, read back."""
    counter = iter(range(1000))

    def run(form: str = "kitchen-talk", exported_by: str | None = None, **options: Any) -> Exported:
        path = tmp_path / f"export-{next(counter)}.xlsx"
        with app.app_context():
            resolved = resolve_options(ExportOptions(form, **options))
            summary = write_workbook(resolved, path, exported_by=exported_by)
        return Exported(path, summary)

    return run


@pytest.fixture
def store(app: Flask, make_user) -> Callable[..., dict[str, Any]]:
    """store(answers, interviewer="anna", **envelope) sends one submission through the API,
    with that interviewer's own token; it must be stored."""
    clients: dict[str, ApiClient] = {}

    def client_of(username: str) -> ApiClient:
        if username not in clients:
            with app.app_context():
                exists = db.session.scalar(select(User.id).where(User.username == username))
            if exists is None:
                make_user(username)
            with app.app_context():
                token = issue_token(
                    db.session.scalar(select(User).where(User.username == username))
                )
            clients[username] = ApiClient(app.test_client(), token)
        return clients[username]

    def send(
        answers: dict[str, Any] | None = None, interviewer: str = "anna", **overrides: Any
    ) -> dict[str, Any]:
        payload = submission(answers, **overrides)
        phone = client_of(interviewer)
        if payload["campaign"]:
            assign_interviewer(app, payload["campaign"], interviewer)
        response = phone.submit(payload)
        assert response.status_code == 201, response.get_json()
        return payload

    return send


@pytest.fixture
def publish(app: Flask) -> Callable[[str], None]:
    """publish(yaml) publishes a form version written in the test."""

    def run(text: str) -> None:
        with app.app_context():
            publish_version(load_form_text(textwrap.dedent(text), "test.yaml"))

    return run
