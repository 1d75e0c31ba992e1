"""Rules across fields of a form file that its shape alone cannot express.

Each rule takes the structurally valid document and yields (path, message) pairs;
the loader turns paths into file lines.
"""

import math
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from flask_babel import gettext as _

from collector.schema import expressions
from collector.schema.errors import Path
from collector.schema.vocabulary import (
    MAX_SCALE_POINTS,
    NOT_FOR_NOTES,
    OTHER_CHOICE,
    OTHER_SUFFIX,
    RESERVED_IDS,
    SELECT_TYPES,
    TYPE_SPECIFIC_KEYS,
    YES_NO_VALUES,
)

Problem = tuple[Path, str]
Rule = Callable[[dict[str, Any]], Iterator[Problem]]

FORM_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
CHOICE_VALUE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
TRANSLATED_KEYS = ("title", "description", "label", "hint", "constraint_message")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# As intake: a bigger answer cannot be held exactly by the browser, so neither a default.
MAX_EXACT_INTEGER = 2**53
# The question types whose answer is text: the only ones length() may read.
TEXT_ANSWER_TYPES = frozenset({"text", "textarea"})


def questions_with_paths(document: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any]]]:
    for s, section in enumerate(document["sections"]):
        for q, question in enumerate(section["questions"]):
            yield ("sections", s, "questions", q), question


def check_form_key(document: dict[str, Any]) -> Iterator[Problem]:
    if not FORM_KEY.match(document["form"]):
        yield (
            ("form",),
            _(
                "form id '%(key)s' may only have small Latin letters (a–z), digits and "
                "dashes (like kitchen-talk)",
                key=document["form"],
            ),
        )


def check_languages(document: dict[str, Any]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, language in enumerate(document["languages"]):
        if not LANGUAGE.match(language):
            yield (
                ("languages", index),
                _("'%(language)s' is not a language code like lv, en or ru", language=language),
            )
        if language in seen:
            yield ("languages", index), _("'%(language)s' is listed twice", language=language)
        seen.add(language)


def check_translations(document: dict[str, Any]) -> Iterator[Problem]:
    languages = document["languages"]
    for path, text in _translated_texts(document):
        if isinstance(text, str):
            if len(languages) > 1:
                yield (
                    path,
                    _(
                        "give this text in every language of the form (%(languages)s)",
                        languages=", ".join(languages),
                    ),
                )
            continue
        for language in languages:
            if language not in text:
                yield (
                    path,
                    _(
                        "the '%(language)s' text is missing; add it, or remove '%(language)s' "
                        "from 'languages'",
                        language=language,
                    ),
                )
        for language in text:
            if language not in languages:
                yield (
                    (*path, language),
                    _(
                        "'%(language)s' is not in the form's languages (%(languages)s)",
                        language=language,
                        languages=", ".join(languages),
                    ),
                )


def _translated_texts(document: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    for key in ("title", "description"):
        if key in document:
            yield (key,), document[key]
    for s, section in enumerate(document["sections"]):
        yield ("sections", s, "title"), section["title"]
    for path, question in questions_with_paths(document):
        for key in ("label", "hint", "constraint_message", "min_label", "max_label"):
            if key in question:
                yield (*path, key), question[key]
        for point, text in question.get("labels", {}).items():
            yield (*path, "labels", point), text
        for c, choice in enumerate(question.get("choices", [])):
            yield (*path, "choices", c, "label"), choice["label"]


def check_ids(document: dict[str, Any]) -> Iterator[Problem]:
    section_ids: set[str] = set()
    for s, section in enumerate(document["sections"]):
        yield from _check_id_format(("sections", s, "id"), section["id"])
        if section["id"] in section_ids:
            yield (
                ("sections", s, "id"),
                _("section id '%(id)s' is used twice; ids must be unique", id=section["id"]),
            )
        section_ids.add(section["id"])
    question_ids: set[str] = set()
    for path, question in questions_with_paths(document):
        yield from _check_id_format((*path, "id"), question["id"])
        if question["id"] in question_ids:
            yield (
                (*path, "id"),
                _("question id '%(id)s' is used twice; ids must be unique", id=question["id"]),
            )
        question_ids.add(question["id"])
    for path, question in questions_with_paths(document):
        other_id = question["id"] + OTHER_SUFFIX
        if question.get("other") and other_id in question_ids:
            yield (
                (*path, "other"),
                _(
                    "'other: true' keeps its text as '%(other_id)s', but a question has that id",
                    other_id=other_id,
                ),
            )


def _check_id_format(path: Path, value: str) -> Iterator[Problem]:
    if not ID.match(value):
        yield (
            path,
            _(
                "id '%(id)s' must start with a small Latin letter (a–z) and have only a–z, "
                "digits and _ (like household_size)",
                id=value,
            ),
        )
    elif value in RESERVED_IDS:
        yield path, _("id '%(id)s' is a word of the expression language; choose another", id=value)


def check_keys_fit_type(document: dict[str, Any]) -> Iterator[Problem]:
    for path, question in questions_with_paths(document):
        for key, types in TYPE_SPECIFIC_KEYS.items():
            if key in question and question["type"] not in types:
                yield (
                    (*path, key),
                    _(
                        "'%(key)s' is only for %(types)s questions, not %(type)s",
                        key=key,
                        types=" / ".join(sorted(types)),
                        type=question["type"],
                    ),
                )
        if question["type"] == "note":
            for key in NOT_FOR_NOTES:
                if key in question:
                    yield (*path, key), _("a note takes no answer, so it has no '%(key)s'", key=key)
        if "constraint_message" in question and "constraint" not in question:
            yield (
                (*path, "constraint_message"),
                _("'constraint_message' is shown when the constraint fails; add a 'constraint'"),
            )


def check_choices(document: dict[str, Any]) -> Iterator[Problem]:
    for path, question in questions_with_paths(document):
        if question["type"] not in SELECT_TYPES:
            continue
        choices = question.get("choices")
        if not choices:
            yield path, _("a %(type)s question needs 'choices'", type=question["type"])
            continue
        seen: set[str] = set()
        for c, choice in enumerate(choices):
            value = choice["value"]
            where = (*path, "choices", c, "value")
            if not isinstance(value, str | int) or isinstance(value, bool):
                yield where, _("a choice value must be a short code like transport")
                continue
            value = str(value)
            if not CHOICE_VALUE.match(value):
                yield (
                    where,
                    _(
                        "choice value '%(value)s' may only have Latin letters (a–z, A–Z), "
                        "digits, _ . and -",
                        value=value,
                    ),
                )
            if value in seen:
                yield where, _("choice value '%(value)s' is used twice", value=value)
            if value == OTHER_CHOICE and question.get("other"):
                yield where, _("'other: true' already adds the choice 'other'; remove this one")
            seen.add(value)


def check_number_limits(document: dict[str, Any]) -> Iterator[Problem]:
    for path, question in questions_with_paths(document):
        kind = question["type"]
        if kind not in ("integer", "decimal", "scale"):
            continue
        whole_only = kind != "decimal"
        limits = {}
        for key in ("min", "max"):
            if key not in question:
                continue
            value = question[key]
            if not _is_number(value) or (whole_only and not isinstance(value, int)):
                if whole_only:
                    yield (*path, key), _("'%(key)s' must be a whole number", key=key)
                else:
                    yield (*path, key), _("'%(key)s' must be a number", key=key)
                continue
            limits[key] = value
        if "min" in limits and "max" in limits and limits["min"] >= limits["max"]:
            yield (*path, "max"), _("'max' must be bigger than 'min'")
        if kind == "scale":
            yield from _check_scale(path, question, limits)


def _check_scale(path: Path, question: dict[str, Any], limits: dict) -> Iterator[Problem]:
    low, high = limits.get("min", 1), limits.get("max", 5)
    if high - low + 1 > MAX_SCALE_POINTS:
        yield (*path, "max"), _("a scale may have at most %(count)d points", count=MAX_SCALE_POINTS)
    for point in question.get("labels", {}):
        if not isinstance(point, int) or isinstance(point, bool) or not low <= point <= high:
            yield (
                (*path, "labels", point),
                _(
                    "'%(point)s' is not a point of the scale %(low)d–%(high)d",
                    point=point,
                    low=low,
                    high=high,
                ),
            )


def _is_number(value: Any) -> bool:
    # .nan and .inf are YAML floats, but neither PostgreSQL's JSONB nor JSON can hold them.
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def check_tags(document: dict[str, Any]) -> Iterator[Problem]:
    for path, question in questions_with_paths(document):
        for t, tag in enumerate(question.get("tags", [])):
            if not ID.match(tag):
                yield (
                    (*path, "tags", t),
                    _("tag '%(tag)s' must be one word in small letters, like needs", tag=tag),
                )


def check_expressions(document: dict[str, Any]) -> Iterator[Problem]:
    """show_if may read only earlier questions; a constraint also its own value (`.`);
    length() only the answer of a text question."""
    types = {question["id"]: question["type"] for _path, question in questions_with_paths(document)}
    all_ids = set(types)
    earlier: set[str] = set()
    for path, question in questions_with_paths(document):
        for key in ("show_if", "constraint"):
            if key in question:
                yield from _check_expression(path, key, question, earlier, all_ids)
                yield from _check_length_reads_text(path, key, question, types)
        earlier.add(question["id"])


def _check_length_reads_text(
    path: Path, key: str, question: dict[str, Any], types: dict[str, str]
) -> Iterator[Problem]:
    # Any other answer would make length() null and every comparison with it false, so a
    # constraint like `length(.) <= 200` on a number question would refuse every answer.
    try:
        names = expressions.questions_read_by(expressions.parse(question[key]), "length")
    except expressions.ExpressionError:
        return  # reported by _check_expression
    for name in names:
        target = question["id"] if name == expressions.CURRENT_VALUE else name
        kind = types.get(target)
        if kind is not None and kind not in TEXT_ANSWER_TYPES:
            yield (
                (*path, key),
                _(
                    "%(key)s: length() counts the characters of a text answer, but '%(name)s' "
                    "is not a text question (its type is %(type)s); use length() only with "
                    "text and textarea questions",
                    key=key,
                    name=target,
                    type=kind,
                ),
            )


def _check_expression(
    path: Path, key: str, question: dict[str, Any], earlier: set[str], all_ids: set[str]
) -> Iterator[Problem]:
    try:
        tree = expressions.parse(question[key])
    except expressions.ExpressionError as error:
        yield (*path, key), _("%(key)s: %(error)s", key=key, error=str(error))
        return
    for name in expressions.referenced_ids(tree):
        if name == question["id"]:
            yield (
                (*path, key),
                _("%(key)s names the question itself; use . for its own answer", key=key),
            )
        elif name not in all_ids:
            yield (
                (*path, key),
                _("%(key)s names '%(name)s', but there is no such question", key=key, name=name),
            )
        elif name not in earlier:
            yield (
                (*path, key),
                _(
                    "%(key)s names '%(name)s', which comes later in the form; it may only use "
                    "questions asked before this one",
                    key=key,
                    name=name,
                ),
            )
    if key == "show_if" and expressions.uses_current_value(tree):
        yield (*path, key), _("show_if cannot use '.': the question has no answer before it shows")


def check_renames(document: dict[str, Any]) -> Iterator[Problem]:
    all_ids = {question["id"] for _path, question in questions_with_paths(document)}
    renamed: dict[str, str] = {}
    for path, question in questions_with_paths(document):
        old = question.get("renamed_from")
        if old is None:
            continue
        if old in all_ids:
            yield (
                (*path, "renamed_from"),
                _("renamed_from '%(old)s' is still a question in this version", old=old),
            )
        if old in renamed:
            yield (
                (*path, "renamed_from"),
                _("'%(old)s' is already renamed to '%(new)s'", old=old, new=renamed[old]),
            )
        renamed[old] = question["id"]


def check_defaults(document: dict[str, Any]) -> Iterator[Problem]:
    """A default is the answer a question starts with, so it must be a valid answer."""
    for path, question in questions_with_paths(document):
        if "default" not in question or question["type"] == "note":
            continue  # a note's default is refused with the note's other answer keys
        problem = _default_problem(question, question["default"])
        if problem:
            yield (*path, "default"), problem


def _default_problem(question: dict[str, Any], value: Any) -> str | None:
    kind = question["type"]
    if kind == "consent":
        return _(
            "a consent question cannot have a default: the person must give consent "
            "themselves; remove 'default'"
        )
    if kind in ("text", "textarea"):
        if not isinstance(value, str) or not value.strip():
            return _("the default of a text question must be text; put it in quotes")
        return None
    if kind in ("integer", "decimal"):
        return _number_default_problem(question, value)
    if kind == "date":
        return _date_default_problem(value)
    if kind == "scale":
        low, high = question.get("min", 1), question.get("max", 5)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            return _(
                "the default must be a point of the scale %(low)s–%(high)s", low=low, high=high
            )
        return None
    if kind == "yes_no":
        if value not in YES_NO_VALUES:
            return _("the default of a yes/no question must be yes or no")
        return None
    if kind == "select_one":
        return _choice_default_problem(question, value)
    if kind == "select_multiple":
        if not isinstance(value, list) or not value:
            return _("the default of a select_multiple question is a list, like [a, b]")
        for item in value:
            problem = _choice_default_problem(question, item)
            if problem:
                return problem
        if len({str(item) for item in value}) != len(value):
            return _("the default names a choice twice")
    return None


def _number_default_problem(question: dict[str, Any], value: Any) -> str | None:
    if question["type"] == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        return _("the default must be a whole number")
    if not _is_number(value):
        return _("the default must be a number")
    if abs(value) > MAX_EXACT_INTEGER:
        return _("the default is too large a number")
    low, high = question.get("min"), question.get("max")
    # Limits that are not numbers are reported by check_number_limits.
    if _is_number(low) and value < low:
        return _("the default must be %(min)s or more, as 'min' says", min=low)
    if _is_number(high) and value > high:
        return _("the default must be %(max)s or less, as 'max' says", max=high)
    return None


def _date_default_problem(value: Any) -> str | None:
    # Unquoted, YAML reads 2026-05-12 as a date; quoted it is text. Both mean the same day.
    if isinstance(value, date) and not hasattr(value, "hour"):
        return None
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
            return None
        except ValueError:
            pass
    # A default is one fixed answer, stored in the published version; today() would be a
    # different answer every day, so it is not one.
    return _(
        "the default of a date question must be a date like 2026-05-12 (a fixed day; "
        "today() and other expressions are not supported)"
    )


def _choice_default_problem(question: dict[str, Any], value: Any) -> str | None:
    allowed = [str(choice["value"]) for choice in question.get("choices") or []]
    if question.get("other"):
        allowed.append(OTHER_CHOICE)
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value) in allowed:
        return None
    shown = value if isinstance(value, str | int) and not isinstance(value, bool) else ""
    return _(
        "the default '%(value)s' is not one of the choices (%(choices)s)",
        value=shown,
        choices=", ".join(allowed),
    )


RULES: tuple[Rule, ...] = (
    check_form_key,
    check_languages,
    check_translations,
    check_ids,
    check_keys_fit_type,
    check_choices,
    check_number_limits,
    check_tags,
    check_expressions,
    check_renames,
    check_defaults,
)


def find_problems(document: dict[str, Any]) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(document)]
