"""The submission envelope: the fields around the answers, checked with marshmallow."""

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate


class SubmissionSchema(Schema):
    class Meta:
        # An unknown field could be data an updated client meant to keep: refuse, so the
        # payload lands in quarantine instead of being stored without it.
        unknown = RAISE

    uuid = fields.UUID(required=True)
    form = fields.String(required=True, validate=validate.Length(min=1, max=80))
    version = fields.Integer(required=True, strict=True)
    campaign = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=80))
    lang = fields.String(
        required=True,
        validate=validate.Regexp(
            r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", error=_l("not a language code")
        ),
    )
    started_at = fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=None)
    completed_at = fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=None)
    answers = fields.Dict(keys=fields.String(), required=True)
