"""Fixtures for the quarantine review tests."""

import pytest
from flask import Flask
from sqlalchemy import select

from collector.auth.models import User
from collector.auth.tokens import issue_token
from collector.extensions import db
from tests.conftest import ApiClient


@pytest.fixture
def phone(app: Flask, field_campaign: str) -> ApiClient:
    """Anna's phone: her bearer token; she interviews for campaign cesis-2026."""
    with app.app_context():
        token = issue_token(db.session.scalar(select(User).where(User.username == "anna")))
    return ApiClient(app.test_client(), token)
