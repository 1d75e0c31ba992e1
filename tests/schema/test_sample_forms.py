"""The shipped questionnaires in forms/ load, are fully translated and ask what they should."""

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from collector.schema.expressions import referenced_ids, uses_current_value
from collector.schema.loader import LoadedForm, load_form_file
from collector.schema.normalise import all_questions
from collector.schema.source import read_source
from tests.conftest import FORMS_DIR

SAMPLE_FILES = sorted(FORMS_DIR.glob("*.yaml"))
LANGUAGES = ["lv", "en", "ru"]
# Languages a sample may have beyond the three every one is complete in.
EXTRA_LANGUAGES = {"microproject-feedback": ["ar"]}
TEXT_KEYS = {
    "title",
    "description",
    "label",
    "hint",
    "constraint_message",
    "min_label",
    "max_label",
}

# /work/shared/questionnaires/README.md, "1. kitchen-talk": every question id and its type.
KITCHEN_TALK_TYPES = {
    "municipality": "select_one",
    "consent": "consent",
    "target_group": "select_one",
    "age_group": "select_one",
    "household_size": "integer",
    "children": "yes_no",
    "children_count": "integer",
    "everyday_life": "textarea",
    "life_satisfaction": "scale",
    "good_here": "textarea",
    "main_difficulties": "textarea",
    "hard_to_reach": "select_multiple",
    "support_needed": "textarea",
    "used_services": "yes_no",
    "services_satisfaction": "scale",
    "five_years": "textarea",
    "next_year_goal": "textarea",
    "obstacles": "textarea",
    "join_group": "select_one",
    "observations": "textarea",
    "duration_min": "integer",
}


@cache
def sample(name: str) -> LoadedForm:
    return load_form_file(FORMS_DIR / f"{name}.yaml")


def kitchen_talk_question(question_id: str) -> dict[str, Any]:
    questions = {q["id"]: q for q in all_questions(sample("kitchen-talk").schema)}
    return questions[question_id]


def translated_texts(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every text meant for people in the raw file, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS:
                yield (*path, key), value
            elif key == "labels":
                for point, text in value.items():
                    yield (*path, key, point), text
            else:
                yield from translated_texts(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from translated_texts(item, (*path, index))


def test_the_three_sample_forms_are_shipped():
    assert [path.stem for path in SAMPLE_FILES] == [
        "client-satisfaction",
        "kitchen-talk",
        "microproject-feedback",
    ]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.stem)
def test_sample_form_loads(path: Path):
    assert load_form_file(path).key == path.stem


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.stem)
def test_sample_form_is_in_latvian_english_and_russian_with_latvian_first(path: Path):
    assert sample(path.stem).schema["languages"] == LANGUAGES + EXTRA_LANGUAGES.get(path.stem, [])


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.stem)
def test_every_text_of_a_sample_form_is_written_in_all_three_languages(path: Path):
    data = read_source(path.read_text(encoding="utf-8"), str(path)).data
    texts = list(translated_texts(data))
    assert len(texts) > 10
    for where, text in texts:
        assert isinstance(text, dict), where
        assert sorted(text) == sorted(LANGUAGES + EXTRA_LANGUAGES.get(path.stem, [])), where
        assert all(isinstance(words, str) and words.strip() for words in text.values()), where


def test_microproject_feedback_in_arabic_is_a_new_version_with_the_same_questions():
    form = sample("microproject-feedback")
    questions = [(q["id"], q["type"]) for q in all_questions(form.schema)]

    assert form.schema["version"] == 2
    assert questions == [
        ("liked", "scale"),
        ("learned", "textarea"),
        ("influence", "scale"),
        ("change", "textarea"),
        ("continue", "select_one"),
    ]
    assert form.schema["title"]["ar"] == "استمارة التقييم"


def test_sample_form_kinds_match_how_they_are_filled():
    kinds = {name: sample(name).kind for name in [path.stem for path in SAMPLE_FILES]}
    assert kinds == {
        "client-satisfaction": "survey",
        "kitchen-talk": "interview",
        "microproject-feedback": "survey",
    }


def test_kitchen_talk_asks_the_questions_of_its_brief_in_order():
    questions = all_questions(sample("kitchen-talk").schema)
    assert {q["id"]: q["type"] for q in questions} == KITCHEN_TALK_TYPES
    assert [q["id"] for q in questions] == list(KITCHEN_TALK_TYPES)


def test_kitchen_talk_children_count_shows_only_when_there_are_children():
    show_if = kitchen_talk_question("children_count")["show_if"]
    assert show_if["source"] == "children == 'yes'"
    assert referenced_ids(show_if["tree"]) == ["children"]


def test_kitchen_talk_children_count_must_be_below_household_size():
    constraint = kitchen_talk_question("children_count")["constraint"]
    assert referenced_ids(constraint["tree"]) == ["household_size"]
    assert uses_current_value(constraint["tree"])
    assert constraint["source"].replace(" ", "") == ".<household_size"


def test_kitchen_talk_services_satisfaction_shows_only_after_using_services():
    show_if = kitchen_talk_question("services_satisfaction")["show_if"]
    assert referenced_ids(show_if["tree"]) == ["used_services"]


def test_kitchen_talk_hard_to_reach_is_a_multiple_choice_with_other():
    question = kitchen_talk_question("hard_to_reach")
    assert question["type"] == "select_multiple"
    assert question["other"] is True
    assert len(question["choices"]) == 10


def test_kitchen_talk_municipality_offers_other():
    assert kitchen_talk_question("municipality")["other"] is True


def test_kitchen_talk_join_group_answers_are_yes_maybe_no():
    choices = kitchen_talk_question("join_group")["choices"]
    assert [choice["value"] for choice in choices] == ["yes", "maybe", "no"]


def test_kitchen_talk_number_limits_follow_the_brief():
    limits = {
        qid: (kitchen_talk_question(qid)["min"], kitchen_talk_question(qid)["max"])
        for qid in ("household_size", "duration_min", "life_satisfaction")
    }
    assert limits == {
        "household_size": (1, 20),
        "duration_min": (5, 240),
        "life_satisfaction": (1, 5),
    }
    assert kitchen_talk_question("life_satisfaction")["style"] == "smileys"


def test_kitchen_talk_open_answers_carry_their_analysis_tags():
    tags = {
        qid: kitchen_talk_question(qid)["tags"]
        for qid in ("everyday_life", "main_difficulties", "support_needed", "five_years")
    }
    assert tags == {
        "everyday_life": ["life"],
        "main_difficulties": ["problems"],
        "support_needed": ["needs"],
        "five_years": ["dreams"],
    }


def test_normalised_schema_stores_each_expression_as_source_and_tree():
    expressions = [
        question[key]
        for path in SAMPLE_FILES
        for question in all_questions(sample(path.stem).schema)
        for key in ("show_if", "constraint")
        if question[key]
    ]
    assert len(expressions) >= 3
    for expression in expressions:
        assert set(expression) == {"source", "tree"}
        assert isinstance(expression["source"], str)
        assert isinstance(expression["tree"], dict)


def test_questions_without_show_if_store_none():
    assert kitchen_talk_question("children")["show_if"] is None


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.stem)
def test_normalised_schema_survives_a_json_round_trip(path: Path):
    schema = sample(path.stem).schema
    assert json.loads(json.dumps(schema)) == schema
