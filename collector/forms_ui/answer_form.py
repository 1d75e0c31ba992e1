"""A WTForms form built from a published schema: the no-JavaScript way to answer.

WTForms reads the posted text into typed values (and checks CSRF); the rules of the form
(required, show_if, constraint, choices) are then checked by intake's `check_answers`, the
same code that checks answers arriving from phones, so both paths agree by construction.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Field,
    HiddenField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

from collector.schema.normalise import all_questions
from collector.schema.vocabulary import OTHER_SUFFIX


class CommaDecimalField(StringField):
    """A decimal number that accepts a comma, as Latvian and Russian write it (2,5)."""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.raw_text = valuelist[0].strip() if valuelist else ""
        self.data = None
        if not self.raw_text:
            return
        try:
            self.data = float(Decimal(self.raw_text.replace(",", ".").replace(" ", "")))
        except InvalidOperation:
            raise ValueError(_l("Write a number, like 2,5.")) from None


class WholeNumberField(IntegerField):
    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].strip() if valuelist else ""
        if not text:
            self.data = None
            return
        try:
            self.data = int(text.replace(" ", ""))
        except ValueError:
            self.data = None
            raise ValueError(_l("Write a whole number, like 3.")) from None


class AnswerForm(FlaskForm):
    """Base for the generated forms; the uuid makes a double-posted page count once."""

    submission_uuid = HiddenField()
    started_at = HiddenField()


def build_answer_form(schema: dict[str, Any], formdata: Any = None) -> AnswerForm:
    """The form for `schema`: posted `formdata` read back, or else a new interview, where
    each question starts with its default answer."""
    fields = {}
    for question in all_questions(schema):
        field = _field_for(question)
        if field is not None:
            fields[question["id"]] = field
        if question.get("other"):
            fields[question["id"] + OTHER_SUFFIX] = StringField()
    form_class = type("GeneratedAnswerForm", (AnswerForm,), fields)
    if formdata is not None:
        # Never defaults under posted answers: WTForms keeps a field's default when the
        # post lacks it, and a question the person emptied would get its default back.
        return form_class(formdata=formdata)
    return form_class(formdata=None, data=starting_answers(schema))


def starting_answers(schema: dict[str, Any]) -> dict[str, Any]:
    """Each question's default as its field holds it (a date field holds a date)."""
    data: dict[str, Any] = {}
    for question in all_questions(schema):
        if question.get("default") is None:
            continue
        value = question["default"]
        data[question["id"]] = date.fromisoformat(value) if question["type"] == "date" else value
    return data


def _field_for(question: dict[str, Any]) -> Field | None:
    kind = question["type"]
    if kind == "note":
        return None
    if kind == "textarea":
        return TextAreaField()
    if kind == "integer":
        return WholeNumberField()
    if kind == "decimal":
        return CommaDecimalField()
    if kind == "date":
        return DateField(format="%Y-%m-%d")
    if kind == "consent":
        return BooleanField(false_values=("", "false", "no"))
    # Choices are checked by check_answers (with the form's own wording), not by WTForms.
    if kind in ("select_one", "yes_no", "scale"):
        return RadioField(validate_choice=False, coerce=_coerce(kind))
    if kind == "select_multiple":
        return SelectMultipleField(validate_choice=False)
    return StringField()


def _coerce(kind: str):
    if kind == "scale":
        return lambda value: int(value) if value not in (None, "") else None
    return lambda value: value if value not in (None, "") else None


def answers_from_form(form: AnswerForm, schema: dict[str, Any]) -> dict[str, Any]:
    """The typed answers of a posted form, leaving out what was not answered."""
    answers: dict[str, Any] = {}
    for question in all_questions(schema):
        keys = [question["id"]]
        if question.get("other"):
            keys.append(question["id"] + OTHER_SUFFIX)
        for key in keys:
            value = _answer_value(form[key], question) if key in form else None
            if value not in (None, "", []):
                answers[key] = value
    return answers


def _answer_value(field: Field, question: dict[str, Any]) -> Any:
    if question["type"] == "date" and field.data is not None and field.name == question["id"]:
        return field.data.isoformat()
    if question["type"] == "consent" and field.name == question["id"]:
        return True if field.data else None
    if isinstance(field.data, str):
        return field.data.strip()
    return field.data
