"""XLSForm's `default` column: each cell (always text in XLSForm) becomes the question's
default as its type's answer; one that does not fit fails at its sheet, row and column."""

import datetime

import pytest

from collector.xlsform.importing import import_xlsform
from tests.xlsform.test_import_errors import only
from tests.xlsform.test_pyxform import pyxform_converts
from tests.xlsform.workbooks import xlsx

pytestmark = pytest.mark.usefixtures("plain_app")

SURVEY = [
    ["type", "name", "label", "default", "appearance"],
    ["text", "name", "Name", "Ilze"],
    ["text", "story", "Story", "Once", "multiline"],
    ["integer", "people", "People", "3"],
    ["decimal", "weight", "Weight", "2.5"],
    ["date", "day", "Day", datetime.datetime(2026, 5, 12)],  # an Excel date cell
    ["date", "typed_day", "Typed day", "2026-05-13"],
    ["select_one colours", "colour", "Colour", "blue"],
    ["select_multiple colours", "colours", "Colours", "red  blue"],
    ["select_one collector_yes_no", "car", "Car", "no"],
    ["select_one points", "mood", "Mood", "4", "likert"],
    ["text", "plain", "No default"],
]
CHOICES = [
    ["list_name", "name", "label"],
    ["colours", "red", "Red"],
    ["colours", "blue", "Blue"],
    ["collector_yes_no", "yes", "Yes"],
    ["collector_yes_no", "no", "No"],
    *(["points", str(point), str(point)] for point in range(1, 6)),
]
SETTINGS = [["form_id", "version", "default_language"], ["defaults", 1, "en"]]


def test_each_default_becomes_an_answer_of_its_questions_type():
    imported = import_xlsform(xlsx(SURVEY, CHOICES, SETTINGS), "d.xlsx", "d.yaml")
    questions = imported.loaded.schema["sections"][0]["questions"]
    assert {q["id"]: q.get("default") for q in questions} == {
        "name": "Ilze",
        "story": "Once",
        "people": 3,
        "weight": 2.5,
        "day": "2026-05-12",
        "typed_day": "2026-05-13",
        "colour": "blue",
        "colours": ["red", "blue"],
        "car": "no",
        "mood": 4,
        "plain": None,
    }
    assert imported.warnings == []
    assert "default: Ilze" in imported.yaml_text  # the YAML file says it in our words


def test_pyxform_converts_the_workbook_with_defaults_too():
    pyxform_converts(xlsx(SURVEY, CHOICES, SETTINGS))


@pytest.mark.parametrize(
    ("kind", "value", "words"),
    [
        ("integer", "three", "whole number"),
        ("integer", "2.5", "whole number"),
        ("select_one colours", "green", "'green' is not one of the choices (red, blue)"),
        ("select_multiple colours", "red green", "'green' is not one of the choices"),
        ("select_one collector_yes_no", "maybe", "yes or no"),
        ("date", "12.05.2026", "a date like 2026-05-12"),
        ("acknowledge", "OK", "consent themselves"),
        ("note", "x", "a note takes no answer"),
    ],
)
def test_a_default_the_question_cannot_take_fails_at_its_cell(kind, value, words):
    sheet, row, column, message = only(
        [["type", "name", "label", "default"], ["text", "a", "A"], [kind, "b", "B", value]],
        CHOICES,
        SETTINGS,
    )
    assert (sheet, row, column) == ("survey", 3, "default")
    assert words in message


@pytest.mark.parametrize("value", ["today()", "${a}", "concat(${a}, 'x')", "now()"])
def test_a_computed_default_fails_at_its_cell(value):
    sheet, row, column, message = only(
        [["type", "name", "label", "default"], ["text", "a", "A"], ["text", "b", "B", value]],
        CHOICES,
        SETTINGS,
    )
    assert (sheet, row, column) == ("survey", 3, "default")
    assert "computed" in message


def test_text_with_brackets_is_a_fixed_default_not_a_computed_one():
    survey = [["type", "name", "label", "default"], ["text", "b", "B", "Rīga (centre)"]]
    imported = import_xlsform(xlsx(survey, None, SETTINGS), "d.xlsx", "d.yaml")
    assert imported.loaded.schema["sections"][0]["questions"][0]["default"] == "Rīga (centre)"
