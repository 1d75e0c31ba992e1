"""Check a submission's answers against the exact published version it names.

The same rules run in the browser (required given show_if, constraints); here they are
the last word, because a phone may run old or altered code.
"""

import math
import re
from datetime import date
from typing import Any

from flask_babel import gettext as _

from collector.schema import expressions
from collector.schema.normalise import all_questions, choice_values
from collector.schema.vocabulary import OTHER_CHOICE, OTHER_SUFFIX, YES_NO_VALUES

FieldErrors = dict[str, list[str]]
# One answer of an open question is kept whole, but Excel holds 32,767 characters a cell.
MAX_TEXT_LENGTH = 32_000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# PostgreSQL refuses NUL characters in text and JSON, and half a UTF-16 pair (a lone
# surrogate, which JSON's \ud800 escape can make) cannot be written as UTF-8 at all.
UNSTORABLE_CHARACTER = re.compile("[\x00\ud800-\udfff]")


def check_answers(
    schema: dict[str, Any], answers: dict[str, Any], *, today: str, lang: str
) -> FieldErrors:
    """Every problem with `answers`, keyed by question id; empty when all is well.

    `today` is the day the answers were given (expressions may use `today()`); `lang` picks
    the wording of the form's own constraint messages.
    """
    errors: FieldErrors = {}
    questions = all_questions(schema)
    known = _answer_keys(questions)
    # The form's own messages in the submission's language, else the form's default one.
    wording = (lang, schema["languages"][0])
    for key in answers:
        if key not in known:
            errors.setdefault(key, []).append(
                _(
                    "there is no question '%(id)s' in version %(version)s of this form",
                    id=key,
                    version=schema["version"],
                )
            )
    # Conditions read only answers that passed their own checks: a wrong answer is
    # reported once, where it is, and cannot reach the evaluator as an odd value. Questions
    # are checked in order and conditions read only earlier ones, so one dict serves all.
    checked = {key: value for key, value in answers.items() if key in known}
    for question in questions:
        problem = _check_question(question, answers, checked, today, wording)
        if problem:
            errors.setdefault(question["id"], []).append(problem)
            checked.pop(question["id"], None)
        if question.get("other"):
            _check_other_text(question, answers, errors)
    return errors


def _answer_keys(questions: list[dict[str, Any]]) -> set[str]:
    keys = {q["id"] for q in questions}
    return keys | {q["id"] + OTHER_SUFFIX for q in questions if q.get("other")}


def _check_question(
    question: dict[str, Any],
    answers: dict[str, Any],
    checked: dict[str, Any],
    today: str,
    wording: tuple[str, str],
) -> str | None:
    value = answers.get(question["id"])
    answered = not _is_empty(value)
    if question["show_if"] and not _holds(question["show_if"], checked, None, today):
        if answered:
            return _(
                "this question is hidden by its condition (%(condition)s) but has an answer",
                condition=question["show_if"]["source"],
            )
        return None
    if not answered:
        if question["required"]:
            return _("this question needs an answer")
        return None
    problem = _check_type(question, value)
    if problem:
        return problem
    constraint = question["constraint"]
    if constraint and not _reads_a_wrong_answer(constraint, answers, checked):
        if not _holds(constraint, checked, value, today):
            return _constraint_message(question, wording)
    return None


def _reads_a_wrong_answer(
    expression: dict[str, Any], answers: dict[str, Any], checked: dict[str, Any]
) -> bool:
    """A constraint reading an answer that is itself wrong would only repeat that error."""
    return any(
        name in answers and name not in checked
        for name in expressions.referenced_ids(expression["tree"])
    )


def _holds(expression: dict[str, Any], answers: dict[str, Any], current: Any, today: str) -> bool:
    return expressions.evaluate_bool(expression["tree"], answers, current=current, today=today)


def _constraint_message(question: dict[str, Any], wording: tuple[str, str]) -> str:
    messages = question.get("constraint_message")
    if messages:
        # By name, not by key order: PostgreSQL's JSONB does not keep the order of keys.
        return messages.get(wording[0]) or messages[wording[1]]
    return _("the answer does not fit the rule: %(rule)s", rule=question["constraint"]["source"])


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _check_type(question: dict[str, Any], value: Any) -> str | None:
    checker = _TYPE_CHECKS[question["type"]]
    return checker(question, value)


def _check_text(question: dict[str, Any], value: Any) -> str | None:
    if not isinstance(value, str):
        return _("the answer must be text")
    if len(value) > MAX_TEXT_LENGTH:
        return _("the answer is too long (at most %(limit)d characters)", limit=MAX_TEXT_LENGTH)
    return unstorable_text_problem(value)


def unstorable_text_problem(value: str) -> str | None:
    """Why the databases cannot store this text, or None when they can."""
    found = UNSTORABLE_CHARACTER.search(value)
    if found is None:
        return None
    return _(
        "the text has a character that cannot be stored (U+%(code)04X at position %(position)d)",
        code=ord(found.group()),
        position=found.start(),
    )


# Beyond 2**53 a JSON number cannot be held exactly by the browser (or the expression
# evaluator), so such an answer is not a number we can keep faithfully.
MAX_EXACT_INTEGER = 2**53


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) <= MAX_EXACT_INTEGER
    return isinstance(value, float) and math.isfinite(value)


def _check_integer(question: dict[str, Any], value: Any) -> str | None:
    if not _is_number(value) or value != int(value):
        return _("the answer must be a whole number")
    return _check_range(question, value)


def _check_decimal(question: dict[str, Any], value: Any) -> str | None:
    if not _is_number(value):
        return _("the answer must be a number")
    return _check_range(question, value)


def _check_range(question: dict[str, Any], value: float) -> str | None:
    low, high = question.get("min"), question.get("max")
    if low is not None and value < low:
        return _("the answer must be %(min)s or more", min=low)
    if high is not None and value > high:
        return _("the answer must be %(max)s or less", max=high)
    return None


def _check_date(question: dict[str, Any], value: Any) -> str | None:
    # Only YYYY-MM-DD: Python also reads week dates (2026-W20-2), which would break the
    # text comparison of dates in expressions and in exports.
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return _("the answer must be a date like 2026-05-12")
    try:
        date.fromisoformat(value)
    except ValueError:
        return _("the answer must be a date like 2026-05-12")
    return None


def _check_select_one(question: dict[str, Any], value: Any) -> str | None:
    # Not quoting other values: str() of a number of 5,000 digits raises, and a list may
    # be megabytes long.
    if not isinstance(value, str):
        return _("the answer is not one of the choices")
    if value not in choice_values(question):
        return _("'%(value)s' is not one of the choices", value=value)
    return None


def _check_select_multiple(question: dict[str, Any], value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return _("the answer must be a list of choices")
    allowed = choice_values(question)
    unknown = [item for item in value if item not in allowed]
    if unknown:
        return _("these are not among the choices: %(values)s", values=", ".join(unknown))
    if len(set(value)) != len(value):
        return _("a choice is given twice")
    return None


def _check_scale(question: dict[str, Any], value: Any) -> str | None:
    if not _is_number(value) or value != int(value):
        return _("the answer must be a whole number")
    if not question["min"] <= value <= question["max"]:
        return _(
            "the answer must be from %(min)d to %(max)d", min=question["min"], max=question["max"]
        )
    return None


def _check_yes_no(question: dict[str, Any], value: Any) -> str | None:
    if value not in YES_NO_VALUES:
        return _("the answer must be 'yes' or 'no'")
    return None


def _check_consent(question: dict[str, Any], value: Any) -> str | None:
    if not isinstance(value, bool):
        return _("consent must be true or false")
    if question["required"] and value is not True:
        return _("the respondent's consent is needed to go on")
    return None


def _check_note(question: dict[str, Any], value: Any) -> str | None:
    return _("a note takes no answer")


_TYPE_CHECKS = {
    "text": _check_text,
    "textarea": _check_text,
    "integer": _check_integer,
    "decimal": _check_decimal,
    "date": _check_date,
    "select_one": _check_select_one,
    "select_multiple": _check_select_multiple,
    "scale": _check_scale,
    "yes_no": _check_yes_no,
    "consent": _check_consent,
    "note": _check_note,
}


def _check_other_text(
    question: dict[str, Any], answers: dict[str, Any], errors: FieldErrors
) -> None:
    key = question["id"] + OTHER_SUFFIX
    text = answers.get(key)
    if _is_empty(text):
        return
    problem = _check_text(question, text)
    if problem:
        errors.setdefault(key, []).append(problem)
        return
    value = answers.get(question["id"])
    chosen = value if isinstance(value, list) else [value]
    if OTHER_CHOICE not in chosen:
        errors.setdefault(key, []).append(_("there is text for 'other', but 'other' is not chosen"))


def without_hidden_answers(
    schema: dict[str, Any], answers: dict[str, Any], *, today: str
) -> dict[str, Any]:
    """Answers minus those to questions their show_if hides (and their 'other' texts).

    A page without JavaScript shows every question; what someone wrote in a question that
    does not apply to them is not an error, it just does not belong in the data.
    """
    kept = dict(answers)
    for question in all_questions(schema):
        condition = question["show_if"]
        if condition and not _holds(condition, kept, None, today):
            kept.pop(question["id"], None)
            kept.pop(question["id"] + OTHER_SUFFIX, None)
    return kept
