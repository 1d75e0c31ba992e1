"""check_answers: a submission's answers against the published schema of the version it names.

Pure functions: no app, no database. Each test builds the smallest form that shows one rule.
"""

import math
import textwrap
from pathlib import Path
from typing import Any

import pytest

from collector.intake.answers import check_answers
from collector.schema.loader import load_form_file, load_form_text

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
TODAY = "2026-05-12"
TEXT_LIMIT = 32_000  # the contract: an answer fits in one Excel cell (32,767 characters)
VERSION = 3


def form(questions: str, *, languages: tuple[str, ...] = ("en",)) -> dict[str, Any]:
    """A published schema of one section holding `questions` (a YAML list of questions)."""
    head = textwrap.dedent(
        f"""\
        form: test-form
        version: {VERSION}
        kind: survey
        languages: [{", ".join(languages)}]
        title: {{{", ".join(f"{language}: Test" for language in languages)}}}
        sections:
          - id: main
            title: {{{", ".join(f"{language}: Main" for language in languages)}}}
            questions:
        """
    )
    body = textwrap.indent(textwrap.dedent(questions).strip("\n"), " " * 6)
    return load_form_text(f"{head}{body}\n", "test.yaml").schema


def single(spec: str) -> dict[str, Any]:
    """A form with one question `q` (label Q) and the keys in `spec`, e.g. 'type: integer'."""
    keys = textwrap.indent(textwrap.dedent(spec).strip("\n"), "  ")
    return form(f"- id: q\n  label: Q\n{keys}")


def check(
    schema: dict[str, Any], answers: dict[str, Any], *, today: str = TODAY, lang: str = "en"
) -> dict[str, list[str]]:
    return check_answers(schema, answers, today=today, lang=lang)


def only_error(errors: dict[str, list[str]], key: str = "q") -> str:
    """The single message of the single field with errors, which must be `key`."""
    assert list(errors) == [key], errors
    assert len(errors[key]) == 1, errors
    return errors[key][0]


SELECT_ONE = """
type: select_one
choices: [{value: bus, label: Bus}, {value: car, label: Car}]
"""
SELECT_ONE_WITH_OTHER = SELECT_ONE + "other: true\n"
SELECT_MULTIPLE = """
type: select_multiple
choices: [{value: bus, label: Bus}, {value: car, label: Car}, {value: bike, label: Bike}]
"""
SELECT_MULTIPLE_WITH_OTHER = SELECT_MULTIPLE + "other: true\n"

# Children live in the home only when someone is there: the constraint reads another answer.
HOUSEHOLD = """
- id: household_size
  type: integer
  label: People at home
  required: true
- id: children
  type: yes_no
  label: Children?
- id: children_count
  type: integer
  label: How many children?
  required: true
  show_if: "children == 'yes'"
  constraint: ". < household_size"
"""


# ---------------------------------------------------------------------------------------------
# A valid submission


def test_valid_answers_give_no_errors() -> None:
    schema = form(HOUSEHOLD)
    answers = {"household_size": 4, "children": "yes", "children_count": 2}
    assert check(schema, answers) == {}


def test_empty_answers_to_an_optional_form_give_no_errors() -> None:
    assert check(single("type: text"), {}) == {}


# ---------------------------------------------------------------------------------------------
# text and textarea


@pytest.mark.parametrize("kind", ["text", "textarea"])
@pytest.mark.parametrize("value", ["Ūdens ir tālu", "x", "a" * TEXT_LIMIT])
def test_text_accepts_a_string_up_to_the_length_limit(kind: str, value: str) -> None:
    assert check(single(f"type: {kind}"), {"q": value}) == {}


@pytest.mark.parametrize("kind", ["text", "textarea"])
@pytest.mark.parametrize("value", [5, 2.5, True, ["a"], {"text": "a"}])
def test_text_rejects_a_value_that_is_not_a_string(kind: str, value: Any) -> None:
    assert only_error(check(single(f"type: {kind}"), {"q": value})) == "the answer must be text"


@pytest.mark.parametrize("kind", ["text", "textarea"])
def test_text_longer_than_the_limit_is_rejected_naming_the_limit(kind: str) -> None:
    message = only_error(check(single(f"type: {kind}"), {"q": "a" * (TEXT_LIMIT + 1)}))
    assert "32000" in message


# ---------------------------------------------------------------------------------------------
# integer


@pytest.mark.parametrize("value", [3, 3.0, 0, -2])
def test_integer_accepts_a_whole_number_even_written_with_a_decimal_point(value: Any) -> None:
    assert check(single("type: integer"), {"q": value}) == {}


@pytest.mark.parametrize("value", [3.5, "3", True, False, ["3"], math.nan, math.inf])
def test_integer_rejects_fractions_strings_booleans_and_non_finite_numbers(value: Any) -> None:
    message = only_error(check(single("type: integer"), {"q": value}))
    assert message == "the answer must be a whole number"


def test_integer_too_large_for_a_number_is_rejected_instead_of_crashing() -> None:
    # JSON parsed by Python may hold an integer of any size; math.isfinite() on it overflows.
    errors = check(single("type: integer"), {"q": 10**400})
    assert list(errors) == ["q"]


# ---------------------------------------------------------------------------------------------
# decimal


@pytest.mark.parametrize("value", [2.5, 3, -0.25, 0])
def test_decimal_accepts_a_finite_number(value: Any) -> None:
    assert check(single("type: decimal"), {"q": value}) == {}


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "2.5", True])
def test_decimal_rejects_non_finite_numbers_strings_and_booleans(value: Any) -> None:
    assert only_error(check(single("type: decimal"), {"q": value})) == "the answer must be a number"


# ---------------------------------------------------------------------------------------------
# min and max


@pytest.mark.parametrize("value", [1, 30])
def test_number_at_its_limits_is_accepted(value: int) -> None:
    assert check(single("type: integer\nmin: 1\nmax: 30"), {"q": value}) == {}


def test_number_below_min_is_rejected_naming_min() -> None:
    message = only_error(check(single("type: integer\nmin: 1\nmax: 30"), {"q": 0}))
    assert message == "the answer must be 1 or more"


def test_number_above_max_is_rejected_naming_max() -> None:
    message = only_error(check(single("type: integer\nmin: 1\nmax: 30"), {"q": 31}))
    assert message == "the answer must be 30 or less"


def test_decimal_limit_is_named_with_its_fraction() -> None:
    message = only_error(check(single("type: decimal\nmin: 0.5"), {"q": 0.25}))
    assert "0.5" in message


# ---------------------------------------------------------------------------------------------
# date


def test_date_accepts_an_iso_date() -> None:
    assert check(single("type: date"), {"q": "2026-05-12"}) == {}


@pytest.mark.parametrize(
    "value",
    [
        "12.05.2026",  # the way people write it in Latvia
        "2026-02-30",  # no such day
        "2026-5-12",
        "20260512",  # ISO "basic" form: Python 3.11 reads it, JavaScript and Excel do not
        "2026-05-12T10:00:00",
        20260512,
        True,
    ],
)
def test_date_rejects_anything_but_a_real_yyyy_mm_dd_date(value: Any) -> None:
    message = only_error(check(single("type: date"), {"q": value}))
    assert message == "the answer must be a date like 2026-05-12"


def test_date_rejects_an_iso_week_date_of_ten_characters() -> None:
    # Python 3.11's date.fromisoformat reads "2026-W20-2" as 2026-05-12; expressions compare
    # dates as text, so it would sort before "2026-05-01" and break `. <= today()`.
    message = only_error(check(single("type: date"), {"q": "2026-W20-2"}))
    assert message == "the answer must be a date like 2026-05-12"


# ---------------------------------------------------------------------------------------------
# select_one


def test_select_one_accepts_one_of_its_choices() -> None:
    assert check(single(SELECT_ONE), {"q": "car"}) == {}


@pytest.mark.parametrize("value", ["train", "Car", ["car"], 1])
def test_select_one_rejects_a_value_that_is_not_a_choice(value: Any) -> None:
    assert "is not one of the choices" in only_error(check(single(SELECT_ONE), {"q": value}))


def test_select_one_rejects_other_when_the_question_has_no_other() -> None:
    message = only_error(check(single(SELECT_ONE), {"q": "other"}))
    assert message == "'other' is not one of the choices"


def test_select_one_accepts_other_when_the_question_has_other() -> None:
    assert check(single(SELECT_ONE_WITH_OTHER), {"q": "other"}) == {}


def test_select_one_choice_written_as_a_number_in_yaml_is_answered_as_text() -> None:
    schema = single("type: select_one\nchoices: [{value: 1, label: One}, {value: 2, label: Two}]")
    assert check(schema, {"q": "2"}) == {}


# ---------------------------------------------------------------------------------------------
# select_multiple


@pytest.mark.parametrize("value", [["car"], ["bus", "bike"], ["bike", "car", "bus"]])
def test_select_multiple_accepts_a_list_of_its_choices(value: list[str]) -> None:
    assert check(single(SELECT_MULTIPLE), {"q": value}) == {}


def test_select_multiple_rejects_a_choice_given_twice() -> None:
    message = only_error(check(single(SELECT_MULTIPLE), {"q": ["car", "bus", "car"]}))
    assert message == "a choice is given twice"


def test_select_multiple_rejects_an_unknown_choice_naming_it() -> None:
    message = only_error(check(single(SELECT_MULTIPLE), {"q": ["car", "train"]}))
    assert message == "these are not among the choices: train"


@pytest.mark.parametrize("value", ["car", ["car", 1], {"car": True}, True])
def test_select_multiple_rejects_anything_but_a_list_of_strings(value: Any) -> None:
    message = only_error(check(single(SELECT_MULTIPLE), {"q": value}))
    assert message == "the answer must be a list of choices"


def test_select_multiple_rejects_other_when_the_question_has_no_other() -> None:
    assert list(check(single(SELECT_MULTIPLE), {"q": ["bus", "other"]})) == ["q"]


def test_select_multiple_accepts_other_when_the_question_has_other() -> None:
    assert check(single(SELECT_MULTIPLE_WITH_OTHER), {"q": ["bus", "other"]}) == {}


# ---------------------------------------------------------------------------------------------
# scale


@pytest.mark.parametrize("value", [1, 3, 5, 4.0])
def test_scale_accepts_a_point_from_its_default_min_to_max(value: Any) -> None:
    assert check(single("type: scale"), {"q": value}) == {}


@pytest.mark.parametrize("value", [0, 6, -1])
def test_scale_rejects_a_point_outside_min_to_max_naming_the_range(value: int) -> None:
    message = only_error(check(single("type: scale"), {"q": value}))
    assert message == "the answer must be from 1 to 5"


@pytest.mark.parametrize("value", [0, 10])
def test_scale_uses_its_own_min_and_max(value: int) -> None:
    assert check(single("type: scale\nmin: 0\nmax: 10"), {"q": value}) == {}


@pytest.mark.parametrize("value", [2.5, "3", True])
def test_scale_rejects_anything_but_a_whole_number(value: Any) -> None:
    message = only_error(check(single("type: scale"), {"q": value}))
    assert message == "the answer must be a whole number"


# ---------------------------------------------------------------------------------------------
# yes_no, consent, note


@pytest.mark.parametrize("value", ["yes", "no"])
def test_yes_no_accepts_yes_and_no(value: str) -> None:
    assert check(single("type: yes_no"), {"q": value}) == {}


@pytest.mark.parametrize("value", ["Yes", "jā", True, False, 1, ["yes"]])
def test_yes_no_rejects_anything_but_the_words_yes_and_no(value: Any) -> None:
    message = only_error(check(single("type: yes_no"), {"q": value}))
    assert message == "the answer must be 'yes' or 'no'"


def test_consent_accepts_true() -> None:
    assert check(single("type: consent\nrequired: true"), {"q": True}) == {}


def test_required_consent_rejects_false() -> None:
    message = only_error(check(single("type: consent\nrequired: true"), {"q": False}))
    assert message == "the respondent's consent is needed to go on"


def test_optional_consent_accepts_false() -> None:
    assert check(single("type: consent"), {"q": False}) == {}


@pytest.mark.parametrize("value", ["yes", "true", 1])
def test_consent_rejects_anything_but_a_boolean(value: Any) -> None:
    message = only_error(check(single("type: consent"), {"q": value}))
    assert message == "consent must be true or false"


@pytest.mark.parametrize("value", ["read", True, 0, ["x"]])
def test_note_rejects_any_answer(value: Any) -> None:
    assert only_error(check(single("type: note"), {"q": value})) == "a note takes no answer"


# ---------------------------------------------------------------------------------------------
# required


@pytest.mark.parametrize("answers", [{}, {"q": None}, {"q": ""}, {"q": []}])
def test_required_question_without_an_answer_is_rejected(answers: dict[str, Any]) -> None:
    message = only_error(check(single("type: text\nrequired: true"), answers))
    assert message == "this question needs an answer"


def test_required_select_multiple_with_an_empty_list_is_rejected() -> None:
    schema = single(SELECT_MULTIPLE + "required: true\n")
    assert only_error(check(schema, {"q": []})) == "this question needs an answer"


def test_required_integer_answered_with_zero_is_answered() -> None:
    assert check(single("type: integer\nrequired: true"), {"q": 0}) == {}


@pytest.mark.parametrize("answers", [{}, {"q": None}, {"q": ""}])
def test_optional_question_may_be_left_empty(answers: dict[str, Any]) -> None:
    assert check(single("type: integer"), answers) == {}


# ---------------------------------------------------------------------------------------------
# show_if


@pytest.mark.parametrize("children", ["no", None])
def test_required_question_hidden_by_show_if_may_be_left_empty(children: str | None) -> None:
    answers = {"household_size": 3, "children": children}
    assert check(form(HOUSEHOLD), answers) == {}


def test_required_question_shown_by_show_if_needs_an_answer() -> None:
    errors = check(form(HOUSEHOLD), {"household_size": 3, "children": "yes"})
    assert only_error(errors, "children_count") == "this question needs an answer"


def test_answer_to_a_hidden_question_is_rejected_naming_the_condition() -> None:
    answers = {"household_size": 3, "children": "no", "children_count": 1}
    message = only_error(check(form(HOUSEHOLD), answers), "children_count")
    assert "children == 'yes'" in message
    assert "hidden" in message


def test_hidden_question_is_not_checked_further_than_being_hidden() -> None:
    # A wrong type on a hidden question: the one thing to fix is that it has an answer at all.
    answers = {"household_size": 3, "children": "no", "children_count": "many"}
    message = only_error(check(form(HOUSEHOLD), answers), "children_count")
    assert "children == 'yes'" in message


def test_empty_answer_to_a_hidden_question_is_fine() -> None:
    answers = {"household_size": 3, "children": "no", "children_count": None}
    assert check(form(HOUSEHOLD), answers) == {}


TRANSPORT = """
- id: transport
  type: select_multiple
  label: Transport
  choices: [{value: bus, label: Bus}, {value: car, label: Car}]
- id: bus_stop_km
  type: decimal
  label: Km to the bus stop
  required: true
  show_if: "selected(transport, 'bus')"
"""


def test_show_if_on_a_multiple_choice_hides_when_the_choice_is_not_ticked() -> None:
    assert check(form(TRANSPORT), {"transport": ["car"]}) == {}


def test_show_if_on_a_multiple_choice_shows_when_the_choice_is_ticked() -> None:
    errors = check(form(TRANSPORT), {"transport": ["car", "bus"]})
    assert only_error(errors, "bus_stop_km") == "this question needs an answer"


# ---------------------------------------------------------------------------------------------
# constraints


def household_with_message() -> dict[str, Any]:
    """HOUSEHOLD in Latvian and English, with a constraint_message in both."""
    return form(
        """
        - id: household_size
          type: integer
          label: {lv: Cilvēku skaits, en: People at home}
          required: true
        - id: children
          type: yes_no
          label: {lv: Bērni, en: Children}
        - id: children_count
          type: integer
          label: {lv: Bērnu skaits, en: Number of children}
          required: true
          show_if: "children == 'yes'"
          constraint: ". < household_size"
          constraint_message:
            lv: Bērnu jābūt mazāk nekā cilvēku mājās.
            en: There must be fewer children than people at home.
        """,
        languages=("lv", "en"),
    )


@pytest.mark.parametrize(("household", "children"), [(2, 1), (4, 3), (20, 1)])
def test_constraint_comparing_the_answer_with_another_answer_holds(
    household: int, children: int
) -> None:
    answers = {"household_size": household, "children": "yes", "children_count": children}
    assert check(form(HOUSEHOLD), answers) == {}


@pytest.mark.parametrize(("household", "children"), [(2, 2), (3, 5)])
def test_constraint_comparing_the_answer_with_another_answer_fails(
    household: int, children: int
) -> None:
    answers = {"household_size": household, "children": "yes", "children_count": children}
    assert list(check(form(HOUSEHOLD), answers)) == ["children_count"]


def test_failed_constraint_without_a_message_names_the_rule() -> None:
    answers = {"household_size": 2, "children": "yes", "children_count": 2}
    message = only_error(check(form(HOUSEHOLD), answers), "children_count")
    assert message == "the answer does not fit the rule: . < household_size"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lv", "Bērnu jābūt mazāk nekā cilvēku mājās."),
        ("en", "There must be fewer children than people at home."),
    ],
    ids=["lv", "en"],
)
def test_failed_constraint_gives_the_forms_message_in_the_submissions_language(
    lang: str, expected: str
) -> None:
    answers = {"household_size": 2, "children": "yes", "children_count": 2}
    errors = check(household_with_message(), answers, lang=lang)
    assert only_error(errors, "children_count") == expected


def test_failed_constraint_in_a_language_the_form_lacks_gives_the_default_language() -> None:
    answers = {"household_size": 2, "children": "yes", "children_count": 2}
    errors = check(household_with_message(), answers, lang="ru")
    assert only_error(errors, "children_count") == "Bērnu jābūt mazāk nekā cilvēku mājās."


def test_default_language_is_found_by_name_not_by_key_order() -> None:
    # A schema read back from PostgreSQL's JSONB has its keys in JSONB's own order.
    schema = household_with_message()
    question = schema["sections"][0]["questions"][2]
    question["constraint_message"] = dict(reversed(question["constraint_message"].items()))
    answers = {"household_size": 2, "children": "yes", "children_count": 2}
    errors = check(schema, answers, lang="ru")
    assert only_error(errors, "children_count") == "Bērnu jābūt mazāk nekā cilvēku mājās."


def test_constraint_is_not_checked_when_the_type_is_already_wrong() -> None:
    answers = {"household_size": 2, "children": "yes", "children_count": "2"}
    message = only_error(check(form(HOUSEHOLD), answers), "children_count")
    assert message == "the answer must be a whole number"


def test_constraint_is_not_checked_on_an_empty_optional_answer() -> None:
    schema = single("type: integer\nconstraint: '. > 10'")
    assert check(schema, {"q": None}) == {}


NOT_IN_THE_FUTURE = """
    type: date
    constraint: ". <= today()"
"""


@pytest.mark.parametrize("value", ["2026-05-12", "2026-05-11", "1950-01-01"])
def test_today_in_a_constraint_accepts_the_day_of_the_interview_and_before(value: str) -> None:
    assert check(single(NOT_IN_THE_FUTURE), {"q": value}, today="2026-05-12") == {}


def test_today_in_a_constraint_rejects_a_day_after_the_interview() -> None:
    errors = check(single(NOT_IN_THE_FUTURE), {"q": "2026-05-13"}, today="2026-05-12")
    assert only_error(errors) == "the answer does not fit the rule: . <= today()"


def test_today_in_a_constraint_is_the_given_day_not_the_clock() -> None:
    # An interview made on 2020-01-01 cannot record a date in 2021, whatever today is now.
    errors = check(single(NOT_IN_THE_FUTURE), {"q": "2021-06-01"}, today="2020-01-01")
    assert list(errors) == ["q"]


# ---------------------------------------------------------------------------------------------
# answers that fit no question


def test_answer_to_an_unknown_question_is_rejected_naming_the_key_and_version() -> None:
    message = only_error(check(single("type: text"), {"q": "x", "nickname": "Anna"}), "nickname")
    assert "'nickname'" in message
    assert f"version {VERSION}" in message


def test_unknown_answer_is_rejected_even_when_empty() -> None:
    assert list(check(single("type: text"), {"nickname": None})) == ["nickname"]


# ---------------------------------------------------------------------------------------------
# "other, please specify"


@pytest.mark.parametrize(
    ("spec", "value"),
    [(SELECT_ONE_WITH_OTHER, "other"), (SELECT_MULTIPLE_WITH_OTHER, ["bus", "other"])],
    ids=["select_one", "select_multiple"],
)
def test_other_text_is_accepted_when_other_is_chosen(spec: str, value: Any) -> None:
    assert check(single(spec), {"q": value, "q_other": "Tractor"}) == {}


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (SELECT_ONE_WITH_OTHER, "car"),
        (SELECT_MULTIPLE_WITH_OTHER, ["bus"]),
        (SELECT_ONE_WITH_OTHER, None),
    ],
    ids=["select_one", "select_multiple", "unanswered"],
)
def test_other_text_is_rejected_when_other_is_not_chosen(spec: str, value: Any) -> None:
    message = only_error(check(single(spec), {"q": value, "q_other": "Tractor"}), "q_other")
    assert message == "there is text for 'other', but 'other' is not chosen"


def test_other_text_is_rejected_for_a_question_without_other() -> None:
    message = only_error(check(single(SELECT_ONE), {"q": "car", "q_other": "Tractor"}), "q_other")
    assert "'q_other'" in message
    assert f"version {VERSION}" in message


def test_other_text_must_be_a_string() -> None:
    errors = check(single(SELECT_ONE_WITH_OTHER), {"q": "other", "q_other": 42})
    assert only_error(errors, "q_other") == "the answer must be text"


def test_other_text_longer_than_the_limit_is_rejected_naming_the_limit() -> None:
    answers = {"q": "other", "q_other": "a" * (TEXT_LIMIT + 1)}
    message = only_error(check(single(SELECT_ONE_WITH_OTHER), answers), "q_other")
    assert "32000" in message


@pytest.mark.parametrize("text", ["", None])
def test_empty_other_text_is_ignored_when_other_is_not_chosen(text: str | None) -> None:
    assert check(single(SELECT_ONE_WITH_OTHER), {"q": "car", "q_other": text}) == {}


# ---------------------------------------------------------------------------------------------
# robustness: whatever a client sends, the answer is a list of errors, never an exception


def test_deeply_nested_answer_read_by_a_later_condition_is_rejected_instead_of_crashing() -> None:
    schema = form(TRANSPORT)
    nested: list[Any] = []
    for _ in range(40):
        nested = [nested]
    errors = check(schema, {"transport": nested})
    assert "transport" in errors


# ---------------------------------------------------------------------------------------------
# the shipped kitchen-talk form


@pytest.fixture(scope="module")
def kitchen_talk() -> dict[str, Any]:
    return load_form_file(FORMS_DIR / "kitchen-talk.yaml").schema


COMPLETE_INTERVIEW: dict[str, Any] = {
    "municipality": "other",
    "municipality_other": "Alūksnes novads, Jaunannas pagasts",
    "consent": True,
    "target_group": "single_parent",
    "age_group": "age_25_44",
    "household_size": 4,
    "children": "yes",
    "children_count": 3,
    "everyday_life": "Strādāju maiņās veikalā, bērnus pieskata vecmāmiņa.",
    "life_satisfaction": 3,
    "good_here": "Klusums, daba, kaimiņi palīdz.",
    "main_difficulties": "Autobuss uz Alūksni iet divreiz dienā; nauda beidzas mēneša vidū.",
    "hard_to_reach": ["public_transport", "health_care", "other"],
    "hard_to_reach_other": "Bērnudārzs",
    "support_needed": "Transports bērniem uz pulciņiem, psihologs.",
    "used_services": "yes",
    "services_satisfaction": 4,
    "five_years": "Savs dārzs un stabils darbs tuvāk mājām.",
    "next_year_goal": "Nokārtot autovadītāja tiesības.",
    "obstacles": "Nav naudas kursiem un laika.",
    "join_group": "maybe",
    "observations": "Silta, kārtīga māja; sarunā bija atvērta.",
    "duration_min": 55,
}


def test_kitchen_talk_accepts_a_complete_interview(kitchen_talk: dict[str, Any]) -> None:
    assert check(kitchen_talk, COMPLETE_INTERVIEW, lang="lv") == {}


def test_kitchen_talk_accepts_a_short_interview_with_only_required_answers(
    kitchen_talk: dict[str, Any],
) -> None:
    answers = {"municipality": "cesis", "consent": True, "household_size": 1, "duration_min": 20}
    assert check(kitchen_talk, answers, lang="lv") == {}


def test_kitchen_talk_reports_exactly_the_broken_fields(kitchen_talk: dict[str, Any]) -> None:
    broken = {
        **COMPLETE_INTERVIEW,
        "municipality": "riga",  # not in the list
        "municipality_other": None,
        "target_group_other": "Pensionārs",  # target_group is single_parent, not other
        "children_count": 4,  # not fewer than the 4 people at home
        "life_satisfaction": 7,  # the scale is 1-5
        "hard_to_reach": ["shop", "bank"],  # bank is not a choice (bank_atm is)
        "hard_to_reach_other": "",
        "used_services": "no",  # ... yet services_satisfaction is still answered
        "respondent_name": "Anna",  # no such question
    }
    del broken["duration_min"]  # required
    errors = check(kitchen_talk, broken, lang="en")
    assert set(errors) == {
        "municipality",
        "target_group_other",
        "children_count",
        "life_satisfaction",
        "hard_to_reach",
        "services_satisfaction",
        "respondent_name",
        "duration_min",
    }
    assert all(len(messages) == 1 for messages in errors.values()), errors
    assert errors["children_count"] == [
        "The number of children must be smaller than the number of all people in the home. "
        "Check both numbers."
    ]
    assert errors["life_satisfaction"] == ["the answer must be from 1 to 5"]
    assert errors["hard_to_reach"] == ["these are not among the choices: bank"]
    assert "used_services == 'yes'" in errors["services_satisfaction"][0]
    assert errors["duration_min"] == ["this question needs an answer"]
