"""The form loader allows length() only of questions whose answer is text.

(These check a rule of collector/schema/rules.py; they sit here, next to the cases of
length(), because they were written with it.)
"""

import pytest

from collector.schema.errors import FormFileInvalid
from collector.schema.loader import load_form_text

FORM = """\
form: demo
version: 1
kind: survey
languages: [lv]
title: Demo
sections:
  - id: main
    title: Galvenā
    questions:
      - {{id: story, type: {story_type}, label: Stāsts}}
      - id: later
        type: {later_type}
        label: Vēlāk
        show_if: "{show_if}"
        constraint: "{constraint}"
"""


def _form(
    story_type: str = "text",
    later_type: str = "text",
    show_if: str = "length(story) > 3",
    constraint: str = "length(.) <= 200",
) -> str:
    return FORM.format(
        story_type=story_type, later_type=later_type, show_if=show_if, constraint=constraint
    )


@pytest.mark.parametrize("kind", ["text", "textarea"])
def test_length_of_a_text_question_loads(kind: str) -> None:
    loaded = load_form_text(_form(story_type=kind, later_type=kind), "demo.yaml")
    assert loaded.schema


@pytest.mark.parametrize("kind", ["integer", "select_one", "date"])
def test_length_of_another_questions_answer_is_refused_with_file_line_and_field(
    kind: str,
) -> None:
    extra = "\n        choices: [{value: a, label: A}]" if kind == "select_one" else ""
    text = _form(story_type="text", later_type=kind, constraint="length(.) <= 200")
    text = text.replace("label: Vēlāk", "label: Vēlāk" + extra)
    with pytest.raises(FormFileInvalid) as caught:
        load_form_text(text, "demo.yaml")
    messages = [str(error) for error in caught.value.errors]
    assert len(messages) == 1, messages
    line = text.splitlines().index('        constraint: "length(.) <= 200"') + 1
    assert messages[0].startswith(f"demo.yaml:{line}:")
    assert "constraint: length() counts the characters of a text answer" in messages[0]
    assert f"'later' is not a text question (its type is {kind})" in messages[0]


def test_length_of_an_earlier_number_question_in_show_if_is_refused() -> None:
    text = _form(story_type="integer")
    with pytest.raises(FormFileInvalid) as caught:
        load_form_text(text, "demo.yaml")
    messages = [str(error) for error in caught.value.errors]
    assert len(messages) == 1, messages
    line = text.splitlines().index('        show_if: "length(story) > 3"') + 1
    assert messages[0].startswith(f"demo.yaml:{line}:")
    assert "show_if: length()" in messages[0]
    assert "'story' is not a text question (its type is integer)" in messages[0]


def test_other_functions_still_read_any_question() -> None:
    text = _form(story_type="integer", show_if="answered(story)", constraint="count(.) > 0")
    assert load_form_text(text, "demo.yaml").schema
