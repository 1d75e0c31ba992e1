"""The OpenAPI description of the JSON API, built from the marshmallow schemas that run it.

The request body is the intake's own SubmissionSchema, so the document cannot promise a
field the intake refuses. Built once per app: it depends only on code and configuration.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask

from collector.api.schemas import (
    BatchResultSchema,
    ErrorSchema,
    HealthSchema,
    LinkClosedSchema,
    SessionSchema,
    SubmissionResultSchema,
)
from collector.campaigns.links import TOKEN_LENGTH
from collector.intake.envelope import SubmissionSchema

OPENAPI_VERSION = "3.1.0"
EXTENSION_KEY = "collector.openapi"
JSON = "application/json"
# Cookie calls must prove the page is ours; a bearer token is never sent by a browser alone.
BEARER = {"bearerToken": []}
COOKIE_READ = {"sessionCookie": []}
COOKIE_WRITE = {"sessionCookie": [], "csrfHeader": []}


def openapi_document(app: Flask) -> dict[str, Any]:
    """The document for `app`, built on first use and kept (it reads the app's limits)."""
    document = app.extensions.get(EXTENSION_KEY)
    if document is None:
        document = build_document(app)
        app.extensions[EXTENSION_KEY] = document
    return document


def build_document(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title="Collector API",
        version=_collector_version(),
        openapi_version=OPENAPI_VERSION,
        plugins=[MarshmallowPlugin()],
        info={
            "description": "Interviews in, results out: the offline client's sync, and "
            "respondent links. Every payload that cannot be stored is kept in quarantine "
            "for a coordinator to review."
        },
        # Relative: the document is right on every host it is served from.
        servers=[{"url": "/"}],
    )
    _add_components(spec, app.config["SESSION_COOKIE_NAME"])
    _add_paths(spec, app.config["MAX_BATCH_SIZE"])
    return spec.to_dict()


def _collector_version() -> str:
    try:
        return package_version("collector")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0"


def _add_components(spec: APISpec, cookie_name: str) -> None:
    spec.components.schema("Submission", schema=SubmissionSchema)
    spec.components.schema("SubmissionResult", schema=SubmissionResultSchema)
    spec.components.schema("BatchResult", schema=BatchResultSchema)
    spec.components.schema("LinkClosed", schema=LinkClosedSchema)
    spec.components.schema("Error", schema=ErrorSchema)
    spec.components.schema("Health", schema=HealthSchema)
    spec.components.schema("Session", schema=SessionSchema)
    spec.components.security_scheme(
        "bearerToken",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `collector users token NAME`.",
        },
    )
    spec.components.security_scheme(
        "sessionCookie",
        {
            "type": "apiKey",
            "in": "cookie",
            "name": cookie_name,
            "description": "The login session of the offline client (POST /login).",
        },
    )
    spec.components.security_scheme(
        "csrfHeader",
        {
            "type": "apiKey",
            "in": "header",
            "name": "X-CSRFToken",
            "description": "With the session cookie on POST: the csrf_token of GET "
            "/api/v1/session.",
        },
    )
    spec.components.header(
        "RetryAfter",
        {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}},
    )
    spec.components.header(
        "WWWAuthenticate",
        {"description": "How to authenticate: a bearer token.", "schema": {"type": "string"}},
    )
    for name, description, headers in (
        ("Malformed", "The body is not valid JSON (kept in quarantine), or not a batch.", {}),
        (
            "Unauthorized",
            "No credentials, an unknown token, or an expired login.",
            {"WWW-Authenticate": "WWWAuthenticate"},
        ),
        ("Forbidden", "A switched-off account, or a cookie call without its CSRF token.", {}),
        ("TooLarge", "The body, or the number of submissions in a batch, is too large.", {}),
        (
            "RateLimited",
            "Too many requests from this caller; try again later.",
            {"Retry-After": "RetryAfter"},
        ),
    ):
        response: dict[str, Any] = {
            "description": description,
            "content": {JSON: {"schema": "Error"}},
        }
        if headers:
            response["headers"] = headers
        spec.components.response(name, response)


def _json(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _batch_body(max_batch_size: int) -> dict[str, Any]:
    items = {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Submission"},
        "maxItems": max_batch_size,
    }
    return {
        "required": True,
        "content": {
            JSON: {
                "schema": {
                    "oneOf": [
                        items,
                        {
                            "type": "object",
                            "required": ["submissions"],
                            "properties": {"submissions": items},
                        },
                    ]
                }
            }
        },
    }


def _add_paths(spec: APISpec, max_batch_size: int) -> None:
    spec.path(
        path="/api/v1/submissions",
        operations={
            "post": {
                "operationId": "submitOne",
                "summary": "Send one interview",
                "description": "Idempotent by uuid: resending the same interview is answered "
                "200. Whatever is refused is kept in quarantine.",
                "security": [BEARER, COOKIE_WRITE],
                "requestBody": {"required": True, "content": {JSON: {"schema": "Submission"}}},
                "responses": {
                    "201": _json("Stored.", "SubmissionResult"),
                    "200": _json(
                        "Already stored with the same content (a retry).", "SubmissionResult"
                    ),
                    "400": "Malformed",
                    "401": "Unauthorized",
                    "403": "Forbidden",
                    "409": _json(
                        "The uuid is stored with other content; this copy is kept in quarantine.",
                        "SubmissionResult",
                    ),
                    "413": "TooLarge",
                    "422": _json(
                        "Invalid (unknown form or version, wrong types, a failed constraint); "
                        "`errors` names each field. Kept in quarantine.",
                        "SubmissionResult",
                    ),
                    "429": "RateLimited",
                },
            }
        },
    )
    spec.path(
        path="/api/v1/submissions/batch",
        operations={
            "post": {
                "operationId": "submitBatch",
                "summary": "Send several interviews",
                "description": 'A JSON list of submissions, or {"submissions": [...]}. '
                f"At most {max_batch_size}. Each gets the result it would have had alone, "
                "with its `http_status`.",
                "security": [BEARER, COOKIE_WRITE],
                "requestBody": _batch_body(max_batch_size),
                "responses": {
                    "200": _json("A result per submission, in the order sent.", "BatchResult"),
                    "400": "Malformed",
                    "401": "Unauthorized",
                    "403": "Forbidden",
                    "413": "TooLarge",
                    "429": "RateLimited",
                },
            }
        },
    )
    spec.path(
        path="/api/v1/health",
        operations={
            "get": {
                "operationId": "health",
                "summary": "Whether the app answers (for load balancers)",
                "security": [],
                "responses": {"200": _json("The app answers.", "Health")},
            }
        },
    )
    spec.path(
        path="/api/v1/session",
        operations={
            "get": {
                "operationId": "session",
                "summary": "Who is logged in, and a fresh CSRF token",
                "security": [BEARER, COOKIE_READ],
                "responses": {
                    "200": _json("The caller.", "Session"),
                    "401": "Unauthorized",
                    "403": "Forbidden",
                    "429": "RateLimited",
                },
            }
        },
    )
    spec.path(
        path="/api/v1/openapi.json",
        operations={
            "get": {
                "operationId": "openapi",
                "summary": "This document",
                "security": [],
                "responses": {
                    "200": {
                        "description": "The OpenAPI document.",
                        "content": {JSON: {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    )
    spec.path(
        path="/s/{token}/submissions",
        operations={
            "post": {
                "operationId": "submitThroughLink",
                "summary": "Send a respondent's answers through a campaign link",
                "description": "The token of the link /s/<token> is the permission: no "
                "login, no cookie. Only the link's campaign and form are taken; anything "
                "else is kept in quarantine and answered 422 in its result.",
                "security": [],
                "parameters": [
                    {
                        "name": "token",
                        "in": "path",
                        "required": True,
                        "schema": {
                            "type": "string",
                            "pattern": f"^[A-Za-z2-7]{{{TOKEN_LENGTH}}}$",
                        },
                    }
                ],
                "requestBody": _batch_body(max_batch_size),
                "responses": {
                    "200": _json("A result per submission, in the order sent.", "BatchResult"),
                    "400": "Malformed",
                    "404": _json("No such link.", "Error"),
                    "410": _json(
                        "The link is closed: every submission is kept, not counted.",
                        "LinkClosed",
                    ),
                    "413": "TooLarge",
                    "415": _json("The body is not sent as application/json.", "Error"),
                    "429": "RateLimited",
                },
            }
        },
    )
