"""The shape of a form file, as marshmallow schemas: which keys, of which kinds."""

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from collector.schema.vocabulary import FORM_KINDS, QUESTION_TYPES, SCALE_STYLES


class TranslatedText(fields.Field):
    """Text in each language of the form: `{lv: ..., en: ...}`, or one string."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            if not value.strip():
                raise ValidationError(_("the text is empty"))
            return value
        if not isinstance(value, dict) or not value:
            raise ValidationError(_("give the text per language, like {lv: ..., en: ...}"))
        for language, text in value.items():
            if not isinstance(text, str) or not text.strip():
                raise ValidationError(
                    _("the '%(language)s' text is empty or not text", language=language)
                )
        return value


class StrictBoolean(fields.Boolean):
    """Only true or false: `required: yes` is far more likely a typo than a decision."""

    truthy = {True}
    falsy = {False}


@dataclass(frozen=True)
class ShapeProblem:
    """A problem with one key, worded by the loader, which knows the key's name."""

    problem: str  # "missing", "empty" or "kind"
    kind: object = None  # what the value must be, for "kind"


def _messages(kind: object) -> dict[str, object]:
    return {
        "required": ShapeProblem("missing"),
        "null": ShapeProblem("empty"),
        "invalid": ShapeProblem("kind", kind),
    }


def _word() -> fields.String:
    return fields.String(error_messages=_messages(_l("a word")))


class ChoiceSchema(Schema):
    class Meta:
        unknown = RAISE

    value = fields.Raw(required=True, error_messages=_messages(_l("a code")))
    label = TranslatedText(required=True, error_messages=_messages(_l("text in each language")))


class QuestionSchema(Schema):
    class Meta:
        unknown = RAISE

    id = fields.String(required=True, error_messages=_messages(_l("a word")))
    type = fields.String(
        required=True,
        validate=validate.OneOf(
            QUESTION_TYPES,
            error=_l("type '{input}' is not one of {choices}"),
        ),
        error_messages=_messages(_l("a word")),
    )
    label = TranslatedText(required=True, error_messages=_messages(_l("text in each language")))
    hint = TranslatedText()
    required = StrictBoolean(error_messages=_messages(_l("true or false")))
    show_if = fields.String(error_messages=_messages(_l("an expression in quotes")))
    constraint = fields.String(error_messages=_messages(_l("an expression in quotes")))
    constraint_message = TranslatedText()
    tags = fields.List(_word(), error_messages=_messages(_l("a list like [needs]")))
    sensitive = StrictBoolean(error_messages=_messages(_l("true or false")))
    renamed_from = _word()
    # Checked against the question's own type, choices and range by rules.check_defaults.
    default = fields.Raw(error_messages=_messages(_l("an answer")))
    choices = fields.List(
        fields.Nested(ChoiceSchema),
        error_messages=_messages(_l("a list of choices")),
    )
    other = StrictBoolean(error_messages=_messages(_l("true or false")))
    min = fields.Raw()
    max = fields.Raw()
    style = fields.String(
        validate=validate.OneOf(SCALE_STYLES, error=_l("style '{input}' is not one of {choices}"))
    )
    labels = fields.Dict(keys=fields.Raw(), values=TranslatedText())
    min_label = TranslatedText()
    max_label = TranslatedText()


class SectionSchema(Schema):
    class Meta:
        unknown = RAISE

    id = fields.String(required=True, error_messages=_messages(_l("a word")))
    title = TranslatedText(required=True, error_messages=_messages(_l("text in each language")))
    questions = fields.List(
        fields.Nested(QuestionSchema),
        required=True,
        validate=validate.Length(min=1, error=_l("a section needs at least one question")),
        error_messages=_messages(_l("a list of questions")),
    )


class FormDocumentSchema(Schema):
    class Meta:
        unknown = RAISE

    form = fields.String(required=True, error_messages=_messages(_l("a word")))
    version = fields.Integer(
        required=True,
        strict=True,
        validate=[
            validate.Range(min=1, error=_l("the version must be 1 or more")),
            # Stored as a 32-bit integer in the database.
            validate.Range(max=2**31 - 1, error=_l("the version must be at most {max}")),
        ],
        error_messages=_messages(_l("a whole number")),
    )
    kind = fields.String(
        required=True,
        validate=validate.OneOf(FORM_KINDS, error=_l("kind '{input}' is not one of {choices}")),
        error_messages=_messages(_l("a word")),
    )
    languages = fields.List(
        fields.String(),
        required=True,
        validate=validate.Length(min=1, error=_l("list at least one language")),
        error_messages=_messages(_l("a list like [lv, en, ru]")),
    )
    title = TranslatedText(required=True, error_messages=_messages(_l("text in each language")))
    description = TranslatedText()
    sections = fields.List(
        fields.Nested(SectionSchema),
        required=True,
        validate=validate.Length(min=1, error=_l("a form needs at least one section")),
        error_messages=_messages(_l("a list of sections")),
    )
