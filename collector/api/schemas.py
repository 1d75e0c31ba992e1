"""The JSON bodies the API answers with, as marshmallow schemas for the OpenAPI document.

The views build these bodies as plain dicts (the intake returns them); the schemas say
what a client may rely on, and the contract test checks every live answer against them.
"""

from marshmallow import Schema, fields, validate

from collector.auth.models import Role

# What `status` says in a submission's result (collector/intake/operations.py and, for a
# closed respondent link, collector/respondents/intake.py).
RESULT_STATUSES = ("stored", "already_stored", "conflict", "invalid", "gone")


class ErrorSchema(Schema):
    """Every refusal that is not about one submission: a code for programs, words for people."""

    status = fields.String(
        required=True,
        metadata={
            "description": "A stable code, e.g. unauthorized, csrf, malformed, too_large, "
            "too_many_requests.",
            "example": "unauthorized",
        },
    )
    message = fields.String(
        required=True, metadata={"description": "A sentence to show the person, translated."}
    )


class SubmissionResultSchema(Schema):
    """The answer for one submission (POST /api/v1/submissions)."""

    uuid = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The submission's uuid as sent; null when it sent none that "
            "could be read."
        },
    )
    status = fields.String(required=True, validate=validate.OneOf(RESULT_STATUSES))
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={
            "description": "Per field (answers.<question id> for answers), what is wrong; "
            "only when refused."
        },
    )
    message = fields.String(metadata={"description": "Only when refused: words for the person."})
    quarantine_id = fields.Integer(
        metadata={"description": "Only when refused: the quarantine item that keeps the payload."}
    )


class BatchItemResultSchema(SubmissionResultSchema):
    http_status = fields.Integer(
        required=True,
        validate=validate.OneOf([200, 201, 409, 410, 422]),
        metadata={"description": "The status this item would have had if sent alone."},
    )


class BatchResultSchema(Schema):
    """A result per submission, in the order they were sent."""

    results = fields.List(fields.Nested(BatchItemResultSchema), required=True)


class LinkClosedSchema(ErrorSchema):
    """A batch sent to a respondent link that was closed: each item is kept, not counted."""

    results = fields.List(fields.Nested(BatchItemResultSchema), required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["ok"]))


class SessionSchema(Schema):
    """Who is logged in, for the offline client before it syncs."""

    user = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf([role.value for role in Role]))
    csrf_token = fields.String(
        required=True,
        metadata={"description": "Send it as X-CSRFToken with cookie-authenticated POSTs."},
    )
