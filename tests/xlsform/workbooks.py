"""XLSForms written by the tests: each sheet is a Python table (header row first), so every
fixture can be read in the test that uses it."""

import io
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest
from flask import Flask

from collector import create_app

Table = list[list[Any]]

SETTINGS: Table = [
    ["form_id", "version", "default_language", "form_title"],
    ["test-form", 3, "English (en)", "Test form"],
]


def xlsx(survey: Table, choices: Table | None = None, settings: Table | None = SETTINGS) -> bytes:
    """An .xlsx workbook with these sheets, as a spreadsheet program would save it."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, table in (("survey", survey), ("choices", choices), ("settings", settings)):
        if table is None:
            continue
        sheet = workbook.create_sheet(name)
        for row in table:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def sheet_rows(content: bytes, sheet: str) -> list[dict[str, Any]]:
    """A written workbook's sheet as dicts by header, for asserting on exported files."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    rows = list(workbook[sheet].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


@pytest.fixture
def plain_app() -> Iterator[Flask]:
    """An app without a database, for conversions: messages in English."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "BABEL_DEFAULT_LOCALE": "en",
        }
    )
    with app.test_request_context():
        yield app
