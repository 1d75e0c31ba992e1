"""YAML → XLSForm → YAML gives the same questionnaire: every key of every question."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
import yaml

from collector.schema.loader import load_form_file, load_form_text
from collector.xlsform.errors import ExportProblem
from collector.xlsform.from_form import form_to_tables
from collector.xlsform.importing import document_yaml, import_xlsform
from collector.xlsform.writer import write_xlsform
from tests.xlsform.workbooks import sheet_rows

pytestmark = pytest.mark.usefixtures("plain_app")

SAMPLES = sorted(Path(__file__).parents[2].joinpath("forms").glob("*.yaml"))

# Everything the samples do not use: one language, a numbers scale with endpoint and
# partial labels, yes_no, limits, renames, sensitive, a default of each type that takes
# one, and every expression XPath can say.
EVERYTHING = """
form: everything
version: 7
kind: survey
languages: [en]
title: Everything
sections:
  - id: one
    title: One
    questions:
      - {id: intro, type: note, label: Hello}
      - {id: agree, type: consent, label: I agree, required: true}
      - {id: story, type: textarea, label: Story, tags: [needs, dreams], sensitive: true,
         renamed_from: old_story}
      - {id: short, type: text, label: Short, hint: A word, show_if: "answered(story)",
         default: a word}
      - {id: money, type: decimal, label: Money, min: 0.5, max: 99.5, default: 2.5}
      - {id: day, type: date, label: Day, constraint: ". <= today()",
         constraint_message: Not later than today, default: 2026-05-12}
      - {id: busy, type: yes_no, label: Busy?, default: 'no'}
  - id: two
    title: Two
    questions:
      - id: mood
        type: scale
        label: Mood
        min: 0
        max: 10
        min_label: Worst
        max_label: Best
        labels: {5: Middle}
        default: 5
      - {id: stars, type: scale, label: Stars, style: smileys}
      - id: places
        type: select_multiple
        label: Places
        choices: [{value: a, label: A}, {value: b, label: B}]
        other: true
        default: [a, other]
      - id: count_check
        type: integer
        default: 4
        label: Number
        show_if: "count(places) >= 2 and not selected(places, 'a') or busy == 'yes'"
        constraint: ". * 2 - -1 > money / 2 and . != 3 and (true or false)"
      - id: unseen
        type: text
        label: Unseen
        show_if: "not answered(short) and not (mood < 3 or stars >= 4)"
        constraint: "length(.) <= 200 and length(story) != 1"
"""


def round_trip(schema: dict) -> dict:
    content = write_xlsform(form_to_tables(schema))
    return import_xlsform(content, "exported.xlsx", "again.yaml").loaded.schema


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_each_sample_form_comes_back_the_same(path):
    schema = load_form_file(path).schema
    assert round_trip(schema) == schema


def test_every_feature_of_the_format_comes_back_the_same():
    schema = load_form_text(EVERYTHING, "everything.yaml").schema
    assert round_trip(schema) == schema


def test_defaults_are_written_in_the_default_column_as_xlsform_writes_them():
    schema = load_form_text(EVERYTHING, "everything.yaml").schema
    rows = {row["name"]: row for row in sheet_rows(write_xlsform(form_to_tables(schema)), "survey")}
    defaults = {name: row.get("default") for name, row in rows.items() if row.get("default")}
    assert defaults == {
        "short": "a word",
        "money": "2.5",
        "day": "2026-05-12",
        "busy": "no",
        "mood": "5",
        "places": "a other",
        "count_check": "4",
    }


def test_expressions_are_written_as_xpath():
    schema = load_form_text(EVERYTHING, "everything.yaml").schema
    rows = {row["name"]: row for row in sheet_rows(write_xlsform(form_to_tables(schema)), "survey")}
    assert rows["short"]["relevant"] == "string-length(${story}) > 0"
    assert rows["day"]["constraint"] == ". <= today()"
    assert rows["unseen"]["constraint"] == (
        "string-length(.) <= 200 and string-length(${story}) != 1"
    )
    assert rows["count_check"]["relevant"] == (
        "count-selected(${places}) >= 2 and not(selected(${places}, 'a')) or ${busy} = 'yes'"
    )
    assert rows["count_check"]["constraint"] == (
        ". * 2 - -1 > ${money} div 2 and . != 3 and (true() or false())"
    )


def test_types_without_an_xlsform_twin_are_written_as_the_nearest_one():
    schema = load_form_text(EVERYTHING, "everything.yaml").schema
    content = write_xlsform(form_to_tables(schema))
    rows = {row["name"]: row for row in sheet_rows(content, "survey")}
    assert (rows["story"]["type"], rows["story"]["appearance"]) == ("text", "multiline")
    assert (rows["mood"]["type"], rows["mood"]["appearance"]) == ("select_one mood", "likert")
    assert rows["busy"]["type"] == "select_one collector_yes_no"
    assert rows["agree"]["type"] == "acknowledge"
    assert rows["places"]["type"] == "select_multiple places or_other"
    choices = [(r["list_name"], r["name"]) for r in sheet_rows(content, "choices")]
    assert ("collector_yes_no", "yes") in choices
    assert ("mood", "10") in choices


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("story in ['a', 'b']", "'in' has no XLSForm equivalent"),
        ("story == null", "'null'"),
        ("story + 'x' == 'ax'", "joining texts"),
        (r"""story == 'it\'s "so"'""", "both ' and \""),
    ],
)
def test_expressions_xpath_cannot_say_fail_the_export_naming_the_question(expression, words):
    # A JSON string is a YAML string too, with every quote escaped.
    text = EVERYTHING.replace('"answered(story)"', json.dumps(expression))
    schema = load_form_text(text, "everything.yaml").schema
    with pytest.raises(ExportProblem) as raised:
        form_to_tables(schema)
    assert str(raised.value).startswith("question 'short': ")
    assert words in str(raised.value)


def test_texts_that_look_like_formulas_are_written_as_text():
    text = EVERYTHING.replace("label: Hello", "label: '=HYPERLINK(\"http://x\")'")
    schema = load_form_text(text, "everything.yaml").schema
    content = write_xlsform(form_to_tables(schema))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cell = workbook["survey"]["C3"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")
    assert round_trip(schema) == schema


def test_number_limits_are_also_written_into_the_constraint_so_other_tools_enforce_them():
    schema = load_form_file(SAMPLES[0].with_name("kitchen-talk.yaml")).schema
    rows = {row["name"]: row for row in sheet_rows(write_xlsform(form_to_tables(schema)), "survey")}
    assert rows["household_size"]["constraint"] == ". >= 1 and . <= 20"
    assert rows["children_count"]["constraint"] == ". >= 1 and . < ${household_size}"
    assert (rows["children_count"]["collector::min"], rows["children_count"]["collector::max"]) == (
        "1",
        None,
    )


def test_a_question_key_the_yaml_order_does_not_name_is_kept_not_dropped():
    document = {
        "form": "ordering",
        "version": 1,
        "sections": [
            {"id": "s", "questions": [{"future_key": 1, "type": "text", "id": "q"}]},
        ],
    }

    question = yaml.safe_load(document_yaml(document, "x.xlsx"))["sections"][0]["questions"][0]

    assert list(question) == ["id", "type", "future_key"]
