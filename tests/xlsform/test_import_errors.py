"""What cannot be imported fails with the sheet, row and column, and nothing is half-made."""

import pytest

from collector.xlsform.errors import XLSFormInvalid
from collector.xlsform.importing import import_xlsform
from tests.xlsform.workbooks import SETTINGS, xlsx

pytestmark = pytest.mark.usefixtures("plain_app")

HEADER = ["type", "name", "label", "relevant", "constraint", "required"]
YN = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]


def problems(survey, choices=YN, settings=SETTINGS) -> list[tuple]:
    with pytest.raises(XLSFormInvalid) as raised:
        import_xlsform(xlsx(survey, choices, settings), "t.xlsx", "t.yaml")
    return [(p.sheet, p.row, p.column, p.message) for p in raised.value.problems]


def only(survey, choices=YN, settings=SETTINGS) -> tuple:
    found = problems(survey, choices, settings)
    assert len(found) == 1, found
    return found[0]


def test_repeats_are_not_supported():
    sheet, row, column, message = only(
        [HEADER, ["begin repeat", "people", "People"], ["text", "who", "Who"], ["end repeat"]]
    )
    assert (sheet, row, column) == ("survey", 2, "type")
    assert "'begin repeat' is not supported" in message
    assert "repeats" in message


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("calculate", "calculated fields"),
        ("select_one_from_file places.csv", "external file"),
        ("geopoint", "locations"),
        ("image", "photos"),
    ],
)
def test_unsupported_types_name_the_row(kind, words):
    sheet, row, column, message = only([HEADER, ["text", "a", "A"], [kind, "b", "B"]])
    assert (sheet, row, column) == ("survey", 3, "type")
    assert words in message


def test_an_unknown_type_is_named():
    assert only([HEADER, ["texty", "a", "A"]]) == (
        "survey",
        2,
        "type",
        "the type 'texty' is not supported",
    )


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("calculation", "1 + 1", "calculations are not supported"),
        ("choice_filter", "x = 1", "choice filters are not supported"),
        ("repeat_count", "3", "repeats are not supported"),
    ],
)
def test_columns_that_change_the_meaning_are_refused(column, value, words):
    sheet, row, found_column, message = only(
        [["type", "name", "label", column], ["integer", "a", "A"], ["integer", "b", "B", value]]
    )
    assert (sheet, row, found_column) == ("survey", 3, column)
    assert words in message


@pytest.mark.parametrize(
    ("relevant", "words"),
    [
        ("${a} mod 2 = 1", "at character 6: 'mod' (remainder) has no equivalent"),
        ("concat(${a}, 'x') = 'yx'", "at character 1: the function concat() has no equivalent"),
        ("/data/a = 1", "XPath paths are not supported"),
        ("${a} = ", "the expression ends too early"),
        ("${a} = 'yes", "no closing quote"),
    ],
)
def test_xpath_outside_the_subset_is_refused_with_its_position(relevant, words):
    sheet, row, column, message = only([HEADER, ["text", "a", "A"], ["text", "b", "B", relevant]])
    assert (sheet, row, column) == ("survey", 3, "relevant")
    assert words in message


def test_string_length_of_a_question_that_is_not_text_is_refused_at_its_cell():
    # string-length(${a}) > 3 reads as length(a) > 3, and length() reads only text answers.
    sheet, row, column, message = only(
        [HEADER, ["integer", "a", "A"], ["text", "b", "B", "string-length(${a}) > 3"]]
    )
    assert (sheet, row, column) == ("survey", 3, "relevant")
    assert "length() counts the characters of a text answer" in message
    assert "'a' is not a text question (its type is integer)" in message


def test_a_constraint_outside_the_subset_names_the_constraint_column():
    assert only([HEADER, ["integer", "a", "A", None, "regex(., '[0-9]+')"]])[:3] == (
        "survey",
        2,
        "constraint",
    )


def test_a_conditional_required_is_refused():
    sheet, row, column, message = only([HEADER, ["text", "a", "A", None, None, "${b} = 1"]])
    assert (sheet, row, column) == ("survey", 2, "required")
    assert "yes or no" in message


def test_groups_inside_groups_are_refused():
    survey = [
        HEADER,
        ["begin group", "g", "G"],
        ["begin group", "h", "H"],
        ["text", "a", "A"],
        ["end group"],
        ["end group"],
    ]
    found = problems(survey)
    assert found[0][:3] == ("survey", 3, "type")
    assert "groups inside groups" in found[0][3]


def test_a_group_left_open_names_its_begin_row():
    assert only([HEADER, ["begin group", "g", "G"], ["text", "a", "A"]]) == (
        "survey",
        2,
        "type",
        "the group 'g' is not closed with 'end group'",
    )


def test_an_end_group_without_a_begin_is_named():
    assert only([HEADER, ["text", "a", "A"], ["end group"]])[:3] == ("survey", 3, "type")


def test_an_empty_group_is_refused():
    assert only([HEADER, ["begin group", "g", "G"], ["end group"], ["text", "a", "A"]]) == (
        "survey",
        2,
        "type",
        "the group 'g' has no questions",
    )


def test_a_select_over_a_missing_list_names_the_list():
    assert only([HEADER, ["select_one colours", "a", "A"]]) == (
        "survey",
        2,
        "type",
        "the list 'colours' is not in the choices sheet",
    )


def test_our_yes_no_list_must_be_exactly_yes_and_no():
    choices = [
        ["list_name", "name", "label"],
        ["collector_yes_no", "yes", "Yes"],
        ["collector_yes_no", "maybe", "Maybe"],
    ]
    sheet, row, column, message = only([HEADER, ["select_one collector_yes_no", "a", "A"]], choices)
    assert (sheet, row, column) == (
        "survey",
        2,
        "type",
    )
    assert "exactly the choices yes and no" in message


def test_a_label_column_without_a_language_code_is_refused():
    assert only([["type", "name", "label::Latvian"], ["text", "a", "A"]])[:3] == (
        "survey",
        1,
        "label::Latvian",
    )


def test_a_column_given_twice_is_refused():
    assert only([["type", "name", "label", "label"], ["text", "a", "A", "B"]])[:3] == (
        "survey",
        1,
        "label",
    )


def test_a_bare_label_beside_the_same_language_column_is_refused():
    survey = [["type", "name", "label", "label::English (en)"], ["text", "a", "A", "A"]]
    sheet, row, column, message = only(survey)
    assert (sheet, row, column) == ("survey", 1, "label::English (en)")
    assert "keep one" in message


@pytest.mark.parametrize("version", ["1.2", "0", "3000000000"])
def test_a_version_that_is_not_a_whole_number_from_1_that_fits_is_refused(version):
    settings = [["form_id", "version", "default_language"], ["f", version, "en"]]
    assert only([HEADER, ["text", "a", "A"]], YN, settings)[:3] == ("settings", 2, "version")


def test_a_choice_without_a_name_is_refused():
    choices = [["list_name", "name", "label"], ["yn", None, "Yes"]]
    assert only([HEADER, ["text", "a", "A"]], choices)[:3] == ("choices", 2, "name")


def test_the_form_checks_are_told_at_the_workbook_row():
    # Each of these passes XLSForm's own reading but not Collector's form rules.
    survey = [
        HEADER,
        ["text", "Bad Name", "A"],
        ["integer", "b", "B", "${c} = 1"],
        ["integer", "c", "C"],
        ["note", "d", "D", None, None, "yes"],
    ]
    found = problems(survey)
    assert [(sheet, row, column) for sheet, row, column, _m in found] == [
        ("survey", 2, "name"),
        ("survey", 3, "relevant"),
        ("survey", 5, "required"),
    ]
    assert "must start with a small Latin letter" in found[0][3]
    assert "which comes later in the form" in found[1][3]
    assert "a note takes no answer" in found[2][3]


def test_a_missing_translation_is_told_at_its_row():
    survey = [
        ["type", "name", "label::Latvian (lv)", "label::English (en)"],
        ["text", "a", "A", "A"],
        ["text", "b", "B"],
    ]
    settings = [["form_id", "version", "default_language"], ["f", 1, "Latvian (lv)"]]
    sheet, row, column, message = only(survey, None, settings)
    assert (sheet, row, column) == ("survey", 3, "label::Latvian (lv)")
    assert "the 'en' text is missing" in message


def test_a_duplicate_choice_is_told_at_its_choices_row():
    choices = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "yes", "Again"]]
    sheet, row, _column, message = only([HEADER, ["select_one yn", "a", "A"]], choices)
    assert (sheet, row) == ("choices", 3)
    assert "used twice" in message


def test_every_problem_is_listed_not_only_the_first():
    survey = [HEADER, ["calculate", "a", "A"], ["text", "b", "B", "${a} mod 2"], ["rank", "c", "C"]]
    assert [row for _sheet, row, _c, _m in problems(survey)] == [2, 3, 4]


def test_a_workbook_without_a_survey_sheet_is_refused():
    assert only([], None)[:2] == ("survey", None)


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(XLSFormInvalid) as raised:
        import_xlsform(b"form: kitchen-talk\n", "kitchen.yaml", "k.yaml")
    assert "not an Excel workbook" in str(raised.value)
