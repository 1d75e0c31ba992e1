"""The submission envelope: the fields around the answers, checked with marshmallow."""

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from collector.intake.answers import unstorable_text_problem

# Version numbers are stored as 32-bit integers; a larger one cannot name a published version
# (and SQLite cannot even look it up beyond 64 bits).
MAX_VERSION = 2**31 - 1


def storable_text(value: str) -> None:
    """Refuse text the databases cannot hold, before it reaches a query."""
    problem = unstorable_text_problem(value)
    if problem:
        raise ValidationError(problem)


class SubmissionSchema(Schema):
    class Meta:
        # An unknown field could be data an updated client meant to keep: refuse, so the
        # payload lands in quarantine instead of being stored without it.
        unknown = RAISE

    uuid = fields.UUID(required=True)
    form = fields.String(required=True, validate=[validate.Length(min=1, max=80), storable_text])
    version = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(
            min=1, max=MAX_VERSION, error=_l("the version must be a number from {min} to {max}")
        ),
    )
    campaign = fields.String(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(max=80), storable_text],
    )
    lang = fields.String(
        required=True,
        validate=validate.Regexp(
            r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", error=_l("not a language code")
        ),
    )
    started_at = fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=None)
    completed_at = fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=None)
    answers = fields.Dict(keys=fields.String(), required=True)
