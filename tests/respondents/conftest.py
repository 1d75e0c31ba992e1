"""Respondent links made the way a coordinator makes them, and what a respondent posts."""

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, update

from collector.campaigns.models import Campaign, RespondentLink
from collector.extensions import db
from collector.types import utcnow
from tests.conftest import csrf_token_from

SLUG = "cesis-2026"


def make_link(runner, slug: str = SLUG, label: str = "leaflet") -> str:
    """A new link by `collector campaigns link`; its token."""
    result = runner.invoke(args=["campaigns", "link", slug, "--label", label])
    assert result.exit_code == 0, result.output
    return token_of(result.output.strip())


def token_of(url: str) -> str:
    match = re.search(r"/s/([a-z2-7]+)$", url)
    assert match, url
    return match.group(1)


@pytest.fixture
def token(runner, field_campaign) -> str:
    """The token of an open link to cesis-2026 (kitchen-talk)."""
    return make_link(runner)


def the_link(app: Flask) -> RespondentLink:
    with app.app_context():
        link = db.session.scalars(select(RespondentLink)).one()
        db.session.expunge(link)
        return link


def close_the_link(app: Flask) -> None:
    with app.app_context():
        db.session.execute(update(RespondentLink).values(closed_at=utcnow()))
        db.session.commit()


def close_the_campaign(app: Flask, slug: str = SLUG) -> None:
    with app.app_context():
        db.session.execute(update(Campaign).where(Campaign.slug == slug).values(closed_at=utcnow()))
        db.session.commit()


def post_data(page: str, answers: dict[str, Any]) -> dict[str, Any]:
    """What a browser without JavaScript posts for these answers from this page."""
    data: dict[str, Any] = {
        "csrf_token": csrf_token_from(page),
        "form_version": re.search(r'name="form_version" value="(\d+)"', page)[1],
        "submission_uuid": re.search(r'name="submission_uuid" type="hidden" value="([^"]+)"', page)[
            1
        ],
    }
    for key, value in answers.items():
        if value is True:
            data[key] = "yes"
        elif isinstance(value, list):
            data[key] = value
        else:
            data[key] = str(value)
    return data
