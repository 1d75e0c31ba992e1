"""Every problem in a form file is reported with its line and in the coordinator's words."""

from textwrap import dedent, indent

import pytest

from collector.schema.errors import FormFileError, FormFileInvalid
from collector.schema.loader import LoadedForm, load_form_text

FILENAME = "demo.yaml"


def text_in(languages: tuple[str, ...], word: str = "Teksts") -> str:
    """A translated text in each of `languages`, as a YAML flow mapping."""
    return "{" + ", ".join(f"{language}: {word}" for language in languages) + "}"


def block(snippet: str, spaces: int) -> str:
    """A YAML snippet, dedented, then indented by `spaces`; empty stays empty."""
    snippet = dedent(snippet).strip("\n")
    return indent(snippet, " " * spaces) + "\n" if snippet else ""


def form_yaml(
    questions: str | None = None,
    *,
    languages: tuple[str, ...] = ("lv",),
    version: str = "1",
    kind: str = "survey",
    top: str = "",
    section: str = "",
    section_title: str | None = None,
    sections: str | None = None,
) -> str:
    """A minimal valid form; each argument replaces or adds one part of it.

    `questions` is the YAML list of the one section's questions; `top` and `section` are
    extra lines for the form and for the section; `sections` replaces the whole list.
    """
    if questions is None:
        questions = f"- {{id: name, type: text, label: {text_in(languages)}}}"
    if sections is None:
        sections = (
            f"- id: main\n  title: {section_title or text_in(languages)}\n"
            + block(section, 2)
            + "  questions:\n"
            + block(questions, 4)
        )
    header = (
        "form: demo\n"
        f"version: {version}\n"
        f"kind: {kind}\n"
        f"languages: [{', '.join(languages)}]\n"
        f"title: {text_in(languages)}\n"
    )
    return header + block(top, 0) + "sections:\n" + block(sections, 2)


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """The 1-based line of the nth line of `text` that contains `fragment`."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(lines) >= nth, f"{fragment!r} is not in the text {nth} time(s)"
    return lines[nth - 1]


def errors_of(text: str) -> list[FormFileError]:
    with pytest.raises(FormFileInvalid) as caught:
        load_form_text(text, FILENAME)
    return caught.value.errors


def only_error(text: str) -> FormFileError:
    errors = errors_of(text)
    assert len(errors) == 1, [str(error) for error in errors]
    return errors[0]


def load(text: str) -> LoadedForm:
    return load_form_text(text, FILENAME)


def assert_error(error: FormFileError, line: int, *words: str) -> None:
    assert error.file == FILENAME
    assert error.line == line, str(error)
    for word in words:
        assert word in error.message, str(error)


# The helper itself ---------------------------------------------------------------------


def test_the_minimal_form_is_valid():
    assert load(form_yaml()).key == "demo"


def test_the_minimal_form_with_several_languages_is_valid():
    assert load(form_yaml(languages=("lv", "en", "ru"))).schema["languages"] == ["lv", "en", "ru"]


# Unknown keys ----------------------------------------------------------------------------


def test_unknown_top_level_key_names_the_line_and_suggests_the_right_key():
    text = form_yaml(top="descripton: Apraksts")
    error = only_error(text)
    assert_error(error, line_of(text, "descripton"), "unknown key 'descripton'")
    assert "did you mean 'description'?" in error.message


def test_unknown_section_key_names_the_line_and_suggests_the_right_key():
    text = form_yaml(section="titel: Daļa")
    assert_error(
        only_error(text),
        line_of(text, "titel:"),
        "section 'main'",
        "unknown key 'titel'; did you mean 'title'?",
    )


def test_unknown_question_key_names_the_line_and_suggests_the_right_key():
    text = form_yaml("""
        - id: age
          type: integer
          label: Vecums
          requird: true
    """)
    assert_error(
        only_error(text),
        line_of(text, "requird"),
        "question 'age'",
        "unknown key 'requird'; did you mean 'required'?",
    )


def test_unknown_choice_key_names_the_line_and_suggests_the_right_key():
    text = form_yaml("""
        - id: town
          type: select_one
          label: Novads
          choices:
            - value: cesis
              lable: Cēsis
    """)
    lable = next(error for error in errors_of(text) if "'lable'" in error.message)
    assert_error(lable, line_of(text, "lable"), "question 'town'", "did you mean 'label'?")


def test_unknown_key_with_no_close_match_lists_the_keys_allowed_there():
    text = form_yaml(section="colour: red")
    assert_error(
        only_error(text), line_of(text, "colour"), "unknown key 'colour'", "id, questions, title"
    )


# Question types and type-specific keys ---------------------------------------------------


def test_misspelt_type_lists_the_allowed_types_and_names_the_question():
    text = form_yaml("""
        - id: age
          type: nubmer
          label: Vecums
    """)
    error = only_error(text)
    assert_error(error, line_of(text, "nubmer"))
    assert error.message.startswith(
        "question 'age': type 'nubmer' is not one of text, textarea, integer, decimal, date, "
    )
    assert "select_one" in error.message
    assert "consent" in error.message


def test_choices_on_an_integer_question_are_refused():
    text = form_yaml("""
        - id: age
          type: integer
          label: Vecums
          choices:
            - {value: young, label: Jauns}
    """)
    assert_error(
        only_error(text),
        line_of(text, "choices:"),
        "question 'age'",
        "'choices' is only for select_multiple / select_one questions, not integer",
    )


def test_style_on_a_select_question_is_refused():
    text = form_yaml("""
        - id: town
          type: select_one
          label: Novads
          style: smileys
          choices:
            - {value: cesis, label: Cēsis}
    """)
    assert_error(only_error(text), line_of(text, "style:"), "'style' is only for scale questions")


def test_a_note_cannot_be_required():
    text = form_yaml("""
        - id: intro
          type: note
          label: Paldies!
          required: true
    """)
    assert_error(
        only_error(text), line_of(text, "required"), "a note takes no answer", "'required'"
    )


def test_min_equal_to_max_is_refused_at_max():
    text = form_yaml("""
        - id: age
          type: integer
          label: Vecums
          min: 5
          max: 5
    """)
    assert_error(only_error(text), line_of(text, "max:"), "'max' must be bigger than 'min'")


def test_min_above_max_is_refused_for_decimals_too():
    text = form_yaml("""
        - id: weight
          type: decimal
          label: Svars
          min: 2.5
          max: 1
    """)
    assert_error(only_error(text), line_of(text, "max:"), "'max' must be bigger than 'min'")


def test_scale_label_for_a_point_outside_the_scale_is_refused():
    text = form_yaml("""
        - id: mood
          type: scale
          label: Noskaņojums
          min: 1
          max: 5
          labels:
            1: Slikti
            6: Lieliski
    """)
    assert_error(
        only_error(text), line_of(text, "6: Lieliski"), "'6' is not a point of the scale 1–5"
    )


def test_required_yes_must_be_true_or_false():
    text = form_yaml("""
        - id: age
          type: integer
          label: Vecums
          required: yes
    """)
    assert_error(only_error(text), line_of(text, "required"), "'required' must be true or false")


# Form header -------------------------------------------------------------------------------


def test_version_given_as_text_must_be_a_whole_number():
    text = form_yaml(version='"2"')
    assert_error(only_error(text), line_of(text, "version:"), "'version' must be a whole number")


def test_version_zero_is_refused():
    text = form_yaml(version="0")
    assert_error(only_error(text), line_of(text, "version:"), "the version must be 1 or more")


def test_unknown_kind_lists_the_kinds():
    text = form_yaml(kind="quiz")
    assert_error(
        only_error(text), line_of(text, "kind:"), "kind 'quiz' is not one of interview, survey"
    )


# Ids ---------------------------------------------------------------------------------------


def test_duplicate_question_id_is_reported_at_its_second_use():
    text = form_yaml("""
        - {id: age, type: integer, label: Vecums}
        - id: age
          type: text
          label: Vecums vārdiem
    """)
    assert_error(
        only_error(text),
        line_of(text, "id: age", nth=2),
        "question id 'age' is used twice",
    )


def test_duplicate_section_id_is_reported_at_its_second_use():
    text = form_yaml(
        sections="""
        - id: main
          title: Pirmā
          questions:
            - {id: age, type: integer, label: Vecums}
        - id: main
          title: Otrā
          questions:
            - {id: town, type: text, label: Novads}
        """
    )
    assert_error(
        only_error(text), line_of(text, "id: main", nth=2), "section id 'main' is used twice"
    )


def test_a_key_given_twice_in_one_mapping_is_reported_at_the_second():
    text = form_yaml("""
        - id: age
          type: integer
          label: Vecums
          label: Gadi
    """)
    assert_error(only_error(text), line_of(text, "label: Gadi"), "'label' is given twice")


def test_renamed_from_may_not_name_a_question_that_still_exists():
    text = form_yaml("""
        - {id: age, type: integer, label: Vecums}
        - id: age_years
          type: integer
          label: Vecums gados
          renamed_from: age
    """)
    assert_error(
        only_error(text),
        line_of(text, "renamed_from"),
        "question 'age_years'",
        "renamed_from 'age' is still a question",
    )


# Choices -----------------------------------------------------------------------------------


def test_a_choice_without_a_value_is_reported_at_the_choice():
    text = form_yaml("""
        - id: town
          type: select_one
          label: Novads
          choices:
            - {value: cesis, label: Cēsis}
            - {label: Valmiera}
    """)
    assert_error(
        only_error(text), line_of(text, "Valmiera"), "question 'town'", "'value' is missing"
    )


def test_duplicate_choice_values_are_reported_at_the_second():
    text = form_yaml("""
        - id: town
          type: select_one
          label: Novads
          choices:
            - {value: cesis, label: Cēsis}
            - {value: cesis, label: Cēsu novads}
    """)
    assert_error(
        only_error(text), line_of(text, "Cēsu novads"), "choice value 'cesis' is used twice"
    )


def test_a_select_without_choices_is_reported_at_the_question():
    text = form_yaml("""
        - id: town
          type: select_multiple
          label: Novads
    """)
    assert_error(
        only_error(text),
        line_of(text, "id: town"),
        "question 'town'",
        "a select_multiple question needs 'choices'",
    )


def test_unquoted_yes_and_no_choice_values_are_read_as_words_not_booleans():
    text = form_yaml("""
        - id: join
          type: select_one
          label: Vai pievienotos?
          choices:
            - {value: yes, label: Jā}
            - {value: no, label: Nē}
    """)
    choices = load(text).schema["sections"][0]["questions"][0]["choices"]
    assert [choice["value"] for choice in choices] == ["yes", "no"]


# Expressions -------------------------------------------------------------------------------


def test_show_if_naming_a_later_question_is_refused():
    text = form_yaml("""
        - id: children_count
          type: integer
          label: Cik bērnu?
          show_if: "children == 'yes'"
        - {id: children, type: yes_no, label: Bērni}
    """)
    assert_error(
        only_error(text),
        line_of(text, "show_if"),
        "question 'children_count'",
        "show_if names 'children', which comes later in the form",
    )


def test_show_if_naming_a_missing_question_is_refused():
    text = form_yaml("""
        - id: children_count
          type: integer
          label: Cik bērnu?
          show_if: "kids == 'yes'"
    """)
    assert_error(
        only_error(text), line_of(text, "show_if"), "show_if names 'kids'", "no such question"
    )


def test_show_if_naming_its_own_question_is_refused():
    text = form_yaml("""
        - id: children_count
          type: integer
          label: Cik bērnu?
          show_if: "children_count > 0"
    """)
    assert_error(only_error(text), line_of(text, "show_if"), "show_if names the question itself")


def test_show_if_that_does_not_parse_names_the_position():
    text = form_yaml("""
        - {id: children, type: yes_no, label: Bērni}
        - id: children_count
          type: integer
          label: Cik bērnu?
          show_if: "children = 'yes'"
    """)
    assert_error(
        only_error(text),
        line_of(text, "show_if"),
        "question 'children_count'",
        "show_if:",
        "at position 9",
        "use '=='",
    )


def test_constraint_that_does_not_parse_names_the_position():
    text = form_yaml("""
        - id: age
          type: integer
          label: Vecums
          constraint: ". < (120"
    """)
    assert_error(
        only_error(text),
        line_of(text, "constraint"),
        "question 'age'",
        "constraint:",
        "at position 4",
    )


# Languages ---------------------------------------------------------------------------------


def test_a_label_missing_a_listed_language_names_the_language():
    text = form_yaml(
        """
        - id: age
          type: integer
          label: {lv: Vecums}
        """,
        languages=("lv", "en"),
    )
    assert_error(
        only_error(text),
        line_of(text, "label:"),
        "question 'age'",
        "the 'en' text is missing",
    )


def test_a_choice_label_missing_a_listed_language_names_the_language():
    text = form_yaml(
        """
        - id: town
          type: select_one
          label: {lv: Novads, en: Municipality}
          choices:
            - value: cesis
              label: {lv: Cēsis}
        """,
        languages=("lv", "en"),
    )
    assert_error(only_error(text), line_of(text, "{lv: Cēsis}"), "the 'en' text is missing")


def test_a_section_title_missing_a_listed_language_names_the_language():
    text = form_yaml(languages=("lv", "en"), section_title="{en: Main}")
    assert_error(
        only_error(text), line_of(text, "{en: Main}"), "section 'main'", "the 'lv' text is missing"
    )


def test_a_language_in_a_label_that_is_not_listed_is_refused_at_its_line():
    text = form_yaml(
        """
        - id: age
          type: integer
          label:
            lv: Vecums
            en: Age
            de: Alter
        """,
        languages=("lv", "en"),
    )
    assert_error(
        only_error(text),
        line_of(text, "de: Alter"),
        "'de' is not in the form's languages (lv, en)",
    )


# Files that are not forms ------------------------------------------------------------------


def test_a_tab_in_the_indentation_is_not_valid_yaml_with_its_line():
    text = form_yaml("""
        - id: age
          type: integer
          label: Vecums
    """).replace("      label", "\tlabel")
    assert_error(only_error(text), line_of(text, "\tlabel"), "not valid YAML")


def test_bad_indentation_is_not_valid_yaml_with_its_line():
    text = form_yaml("""
        - id: age
          type: integer
         label: Vecums
    """)
    assert_error(only_error(text), line_of(text, "label: Vecums"), "not valid YAML")


def test_an_empty_file_is_reported_as_empty():
    assert_error(only_error(""), 1, "the file is empty")


def test_a_file_with_only_comments_is_reported_as_empty():
    assert_error(only_error("# nothing here yet\n"), 1, "the file is empty")


def test_a_file_that_is_a_list_says_how_a_form_starts():
    assert_error(only_error("- form: demo\n- version: 1\n"), 1, "starts with 'form:'")


def test_a_question_written_as_plain_text_is_explained_in_plain_words():
    text = form_yaml("- age")
    error = only_error(text)
    assert_error(error, line_of(text, "- age"), "question 1 of section 'main'")
    assert "Invalid input type" not in error.message
    assert "type" in error.message
    assert "label" in error.message


def test_a_yaml_alias_bomb_is_refused_before_it_expands():
    laughs = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, previous in zip("bcdefghij", "abcdefghi", strict=True):
        laughs.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    # Fully expanded this is 9**10 items: were it expanded, this test would never finish.
    error = only_error("\n".join(laughs))
    assert "too many items" in error.message


# Reporting -------------------------------------------------------------------------------


def test_an_error_prints_as_file_colon_line_colon_message():
    text = form_yaml(kind="quiz")
    assert str(only_error(text)).startswith("demo.yaml:3: kind 'quiz'")


def test_several_shape_problems_are_all_reported_sorted_by_line():
    text = form_yaml(
        """
        - id: age
          requird: true
          type: nubmer
          label: Vecums
        """,
        kind="quiz",
    )
    errors = errors_of(text)
    assert [error.line for error in errors] == [
        line_of(text, "kind:"),
        line_of(text, "requird"),
        line_of(text, "nubmer"),
    ]
    for error, word in zip(errors, ["'quiz'", "'requird'", "'nubmer'"], strict=True):
        assert word in error.message


def test_problems_found_by_different_checks_are_all_reported_sorted_by_line():
    text = form_yaml(
        """
        - {id: age, type: integer, label: {lv: Vecums, en: Age}}
        - {id: age, type: integer, label: {lv: Gadi, en: Years}}
        - id: town
          type: text
          label: {lv: Novads}
          show_if: "village == 'x'"
        """,
        languages=("lv", "en"),
    )
    errors = errors_of(text)
    assert [error.line for error in errors] == [
        line_of(text, "id: age", nth=2),
        line_of(text, "{lv: Novads}"),
        line_of(text, "show_if"),
    ]
    assert "used twice" in errors[0].message
    assert "'en' text is missing" in errors[1].message
    assert "'village'" in errors[2].message
