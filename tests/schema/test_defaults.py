"""`default`: the answer a question starts with. It must be an answer the question takes."""

import pytest

from tests.schema.test_form_file_errors import (
    FILENAME,
    assert_error,
    form_yaml,
    line_of,
    load,
    only_error,
)

CHOICES = "[{value: bus, label: Autobuss}, {value: car, label: Auto}, {value: 2, label: Divi}]"


def default_of(text: str) -> object:
    return load(text).schema["sections"][0]["questions"][0]["default"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("{id: q, type: text, label: T, default: Rīga}", "Rīga"),
        ("{id: q, type: textarea, label: T, default: 'a long one'}", "a long one"),
        ("{id: q, type: integer, label: T, min: 1, max: 30, default: 3}", 3),
        ("{id: q, type: decimal, label: T, default: 2.5}", 2.5),
        ("{id: q, type: decimal, label: T, default: 2}", 2),
        ("{id: q, type: date, label: T, default: '2026-05-12'}", "2026-05-12"),
        # Unquoted, YAML reads a date; it is stored as the same ISO text.
        ("{id: q, type: date, label: T, default: 2026-05-12}", "2026-05-12"),
        (f"{{id: q, type: select_one, label: T, choices: {CHOICES}, default: car}}", "car"),
        # A numeric choice code is text in the schema, so its default is text too.
        (f"{{id: q, type: select_one, label: T, choices: {CHOICES}, default: 2}}", "2"),
        (
            f"{{id: q, type: select_one, label: T, choices: {CHOICES}, other: true, "
            "default: other}",
            "other",
        ),
        (
            f"{{id: q, type: select_multiple, label: T, choices: {CHOICES}, default: [bus, 2]}}",
            ["bus", "2"],
        ),
        ("{id: q, type: scale, label: T, min: 0, max: 10, default: 0}", 0),
        ("{id: q, type: yes_no, label: T, default: no}", "no"),
    ],
)
def test_a_default_that_is_a_valid_answer_is_kept_in_the_published_schema(question, expected):
    assert default_of(form_yaml(f"- {question}")) == expected


def test_a_question_without_a_default_has_no_default_key_so_published_content_is_unchanged():
    question = load(form_yaml()).schema["sections"][0]["questions"][0]
    assert "default" not in question


def test_changing_only_the_default_changes_the_content_so_it_needs_a_new_version():
    before = load(form_yaml("- {id: q, type: integer, label: T, default: 1}"))
    after = load(form_yaml("- {id: q, type: integer, label: T, default: 2}"))
    without = load(form_yaml("- {id: q, type: integer, label: T}"))
    assert len({before.content_hash, after.content_hash, without.content_hash}) == 3


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("{id: q, type: text, label: T, default: 12}", ["text question must be text"]),
        ("{id: q, type: text, label: T, default: ' '}", ["must be text"]),
        ("{id: q, type: integer, label: T, default: 2.5}", ["whole number"]),
        ("{id: q, type: integer, label: T, default: 'three'}", ["whole number"]),
        ("{id: q, type: integer, label: T, min: 1, max: 30, default: 31}", ["30 or less"]),
        ("{id: q, type: decimal, label: T, min: 1.5, default: 1}", ["1.5 or more"]),
        # Beyond 2**53 the browser cannot hold the number exactly, so intake refuses it.
        ("{id: q, type: integer, label: T, default: 9007199254740993}", ["too large"]),
        ("{id: q, type: decimal, label: T, default: true}", ["must be a number"]),
        ("{id: q, type: date, label: T, default: 'today()'}", ["2026-05-12", "today()"]),
        ("{id: q, type: date, label: T, default: '2026-02-30'}", ["a date like"]),
        ("{id: q, type: date, label: T, default: 2026-05-12 10:00:00}", ["a date like"]),
        (
            f"{{id: q, type: select_one, label: T, choices: {CHOICES}, default: train}}",
            ["'train' is not one of the choices", "bus, car, 2"],
        ),
        (
            f"{{id: q, type: select_one, label: T, choices: {CHOICES}, default: other}}",
            ["not one of the choices"],
        ),
        (
            f"{{id: q, type: select_multiple, label: T, choices: {CHOICES}, default: bus}}",
            ["a list, like [a, b]"],
        ),
        (
            f"{{id: q, type: select_multiple, label: T, choices: {CHOICES}, default: []}}",
            ["a list"],
        ),
        (
            f"{{id: q, type: select_multiple, label: T, choices: {CHOICES}, "
            "default: [bus, train]}",
            ["'train' is not one of the choices"],
        ),
        (
            f"{{id: q, type: select_multiple, label: T, choices: {CHOICES}, default: [bus, bus]}}",
            ["twice"],
        ),
        ("{id: q, type: scale, label: T, default: 6}", ["point of the scale 1–5"]),
        ("{id: q, type: scale, label: T, default: 2.0}", ["point of the scale"]),
        ("{id: q, type: yes_no, label: T, default: true}", ["yes or no"]),
        ("{id: q, type: yes_no, label: T, default: maybe}", ["yes or no"]),
        ("{id: q, type: consent, label: T, default: true}", ["consent themselves"]),
        ("{id: q, type: note, label: T, default: x}", ["a note takes no answer", "'default'"]),
    ],
)
def test_a_default_that_the_question_could_not_take_as_an_answer_is_refused_at_its_line(
    question, words
):
    text = form_yaml(f"- id: q0\n  type: text\n  label: T\n- {question}")
    assert_error(only_error(text), line_of(text, "default"), "question 'q'", *words)


def test_an_empty_default_is_reported_as_empty():
    text = form_yaml("- id: q\n  type: text\n  label: T\n  default:\n")
    assert_error(only_error(text), line_of(text, "default"), "'default' is empty")


def test_a_default_error_prints_as_file_colon_line():
    text = form_yaml("- id: q\n  type: integer\n  label: T\n  max: 3\n  default: 4\n")
    error = only_error(text)
    assert str(error).startswith(f"{FILENAME}:{line_of(text, 'default')}: ")
