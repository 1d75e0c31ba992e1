"""Respondent links made the way a coordinator makes them, and what a respondent posts."""

import re

import pytest
from flask import Flask
from sqlalchemy import select, update

from collector.campaigns.models import Campaign, RespondentLink
from collector.extensions import db
from collector.intake.models import QuarantineItem, Submission
from collector.types import utcnow

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


def stored(app) -> list[Submission]:
    with app.app_context():
        submissions = list(db.session.scalars(select(Submission)))
        db.session.expunge_all()
        return submissions


def kept(app) -> list[QuarantineItem]:
    with app.app_context():
        items = list(db.session.scalars(select(QuarantineItem)))
        db.session.expunge_all()
        return items
