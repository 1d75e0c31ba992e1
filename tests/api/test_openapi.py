"""GET /api/v1/openapi.json: a valid OpenAPI document of exactly the JSON routes there are.

The routes are read from the URL map, so a JSON route added without documenting it (or
a documented one removed) fails here: the document cannot drift from the code.
"""

import re

import jsonschema_rs
import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient

from collector import create_app
from collector.api.openapi import openapi_document
from collector.respondents.views import JSON_ROUTE
from tests.factories import submission

DOCUMENT_URL = "/api/v1/openapi.json"
# Methods every Flask route answers by itself; no client relies on them.
IMPLICIT_METHODS = {"HEAD", "OPTIONS"}


@pytest.fixture
def app() -> Flask:
    """The document depends on code and configuration only: no database is asked."""
    return create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _json_routes(app: Flask) -> set[tuple[str, str]]:
    """(method, OpenAPI path) of the routes that speak JSON: the API, and the respondent
    link's own JSON route."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if not (rule.rule.startswith("/api/") or rule.endpoint == JSON_ROUTE):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        for method in rule.methods - IMPLICIT_METHODS:
            routes.add((method.lower(), path))
    return routes


def _documented(document: dict) -> set[tuple[str, str]]:
    return {(method, path) for path, item in document["paths"].items() for method in item}


def test_document_is_valid_openapi(client):
    document = client.get(DOCUMENT_URL).json
    # schemathesis checks it against the OpenAPI meta-schema of its version.
    schemathesis.openapi.from_dict(document).validate()
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "Collector API"
    assert document["info"]["version"] == "0.1.0"
    assert document["servers"] == [{"url": "/"}], "relative, so right on every host"


def test_document_has_exactly_the_json_routes_of_the_url_map(app, client):
    routes = _json_routes(app)
    assert ("post", "/api/v1/submissions") in routes
    assert ("post", "/s/{token}/submissions") in routes
    assert _documented(client.get(DOCUMENT_URL).json) == routes


def test_document_is_public_json_and_cacheable(client):
    response = client.get(DOCUMENT_URL)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.cache_control.public
    assert response.cache_control.max_age > 0
    assert response.headers.get("Set-Cookie") is None, "a shared cache would keep the cookie"
    again = client.get(DOCUMENT_URL, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_document_is_built_once_per_app(app):
    assert openapi_document(app) is openapi_document(app)


def test_a_valid_submission_matches_the_documented_request_body(client):
    """The body is described by the intake's own schema: what it stores, the document
    allows."""
    document = client.get(DOCUMENT_URL).json
    body = {"$ref": "#/components/schemas/Submission", "components": document["components"]}
    # OpenAPI 3.1 schemas are JSON Schema 2020-12.
    validator = jsonschema_rs.Draft202012Validator(body)
    assert validator.is_valid(submission())
    assert validator.is_valid(submission(campaign="cesis-2026", started_at=None))
    assert not validator.is_valid({**submission(), "unknown": 1})
    assert not validator.is_valid(
        {key: value for key, value in submission().items() if key != "uuid"}
    )


def test_every_api_operation_states_its_security_and_answers_with_documented_errors(client):
    document = client.get(DOCUMENT_URL).json
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearerToken"]["description"],
    }
    assert schemes["sessionCookie"]["in"] == "cookie"
    assert schemes["csrfHeader"] == {**schemes["csrfHeader"], "in": "header", "name": "X-CSRFToken"}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert "security" in operation, f"{method} {path} says nothing about credentials"
            if operation["security"]:
                assert {"401", "403", "429"} <= set(operation["responses"]), f"{method} {path}"
            if method == "post":
                assert {"400", "413", "429"} <= set(operation["responses"]), f"{method} {path}"
