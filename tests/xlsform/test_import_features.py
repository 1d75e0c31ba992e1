"""Every supported XLSForm feature becomes the matching part of a Collector form."""

import pytest

from collector.xlsform.importing import import_xlsform
from tests.xlsform.workbooks import xlsx

pytestmark = pytest.mark.usefixtures("plain_app")

LV, EN = "label::Latvian (lv)", "label::English (en)"
SURVEY = [
    [
        "type",
        "name",
        LV,
        EN,
        "hint::Latvian (lv)",
        "hint::English (en)",
        "required",
        "relevant",
        "constraint",
        "constraint_message::Latvian (lv)",
        "constraint_message::English (en)",
        "appearance",
    ],
    ["start", "start"],
    ["end", "end"],
    ["deviceid", "deviceid"],
    ["note", "welcome", "Sveiki", "Hello"],
    ["begin group", "household", "Mājsaimniecība", "Household"],
    ["acknowledge", "consent", "Piekrītu", "I agree", None, None, "yes"],
    [
        "integer",
        "size",
        "Cik?",
        "How many?",
        "Visi",
        "Everyone",
        "true",
        None,
        ". >= 1 and . <= 20",
        "1–20",
        "1–20",
    ],
    ["select_one yn", "children", "Bērni?", "Children?"],
    [
        "integer",
        "children_count",
        "Cik bērnu?",
        "How many children?",
        None,
        None,
        None,
        "${children} = 'yes'",
        ". < ${size}",
        "Mazāk",
        "Fewer",
    ],
    ["end group"],
    [
        "begin_group",
        "views",
        "Viedoklis",
        "Views",
        None,
        None,
        None,
        "${children} != 'no'",
        None,
        None,
        None,
        "field-list",
    ],
    ["select_multiple services or_other", "used", "Kas?", "Which?"],
    [
        "select_one satisfaction",
        "rating",
        "Vērtējums",
        "Rating",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "likert",
    ],
    [
        "text",
        "story",
        "Stāsts",
        "Story",
        None,
        None,
        None,
        "count-selected(${used}) > 1 or selected(${used}, 'bus')",
        None,
        None,
        None,
        "multiline",
    ],
    ["text", "name_given", "Vārds", "Name", None, None, None, "string-length(${story}) > 0"],
    ["decimal", "income", "Ienākumi", "Income"],
    [
        "date",
        "visit_day",
        "Diena",
        "Day",
        None,
        None,
        None,
        None,
        ". <= today()",
        "Ne nākotnē",
        "Not in the future",
    ],
    [
        "select_one yes_no_list",
        "agree",
        "Piekrīt?",
        "Agrees?",
        None,
        None,
        None,
        "not(${children} = 'yes')",
    ],
    ["end_group"],
    ["select_one collector_yes_no", "again", "Vēlreiz?", "Again?"],
]
CHOICES = [
    ["list_name", "name", LV, EN],
    ["yn", "yes", "Jā", "Yes"],
    ["yn", "no", "Nē", "No"],
    ["services", "bus", "Autobuss", "Bus"],
    ["services", "shop", "Veikals", "Shop"],
    ["satisfaction", 1, "Slikti", "Bad"],
    ["satisfaction", 2, "Vidēji", "So-so"],
    ["satisfaction", 3, "Labi", "Good"],
    ["yes_no_list", "yes", "Jā", "Yes"],
    ["yes_no_list", "no", "Nē", "No"],
    ["collector_yes_no", "yes", "Jā", "Yes"],
    ["collector_yes_no", "no", "Nē", "No"],
]
SETTINGS = [
    ["form_id", "version", "default_language", "form_title"],
    ["household-survey", "2026051201", "Latvian (lv)", "Mājas"],
]


@pytest.fixture(scope="module")
def imported():
    from collector import create_app

    # English messages, as plain_app: the app's default language is Latvian.
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "BABEL_DEFAULT_LOCALE": "en",
        }
    )
    with app.test_request_context():
        return import_xlsform(xlsx(SURVEY, CHOICES, SETTINGS), "survey.xlsx", "survey.yaml")


def questions(imported) -> dict:
    return {q["id"]: q for s in imported.loaded.schema["sections"] for q in s["questions"]}


def test_settings_give_form_id_version_and_default_language_first(imported):
    schema = imported.loaded.schema
    assert (schema["form"], schema["version"]) == ("household-survey", 2026051201)
    assert schema["languages"] == ["lv", "en"]
    assert schema["title"] == {"lv": "Mājas", "en": "Mājas"}
    assert schema["kind"] == "interview"


def test_groups_become_sections_and_loose_questions_a_section_of_their_own(imported):
    sections = [
        (s["id"], [q["id"] for q in s["questions"]]) for s in imported.loaded.schema["sections"]
    ]
    assert sections == [
        ("questions", ["welcome"]),
        ("household", ["consent", "size", "children", "children_count"]),
        ("views", ["used", "rating", "story", "name_given", "income", "visit_day", "agree"]),
        ("questions_2", ["again"]),
    ]
    assert imported.loaded.schema["sections"][1]["title"] == {
        "lv": "Mājsaimniecība",
        "en": "Household",
    }


def test_labels_and_hints_per_language_column(imported):
    size = questions(imported)["size"]
    assert size["label"] == {"lv": "Cik?", "en": "How many?"}
    assert size["hint"] == {"lv": "Visi", "en": "Everyone"}


def test_types_map_to_ours(imported):
    types = {key: q["type"] for key, q in questions(imported).items()}
    assert types == {
        "welcome": "note",
        "consent": "consent",
        "size": "integer",
        "children": "select_one",
        "children_count": "integer",
        "used": "select_multiple",
        "rating": "scale",
        "story": "textarea",
        "name_given": "text",
        "income": "decimal",
        "visit_day": "date",
        "agree": "select_one",
        "again": "yes_no",
    }


def test_required_yes_and_true_are_required(imported):
    found = questions(imported)
    assert found["consent"]["required"]
    assert found["size"]["required"]
    assert not found["children"]["required"]


def test_relevant_and_constraint_are_translated_to_our_expressions(imported):
    found = questions(imported)
    assert found["children_count"]["show_if"]["source"] == "children == 'yes'"
    assert found["children_count"]["constraint"]["source"] == ". < size"
    assert found["size"]["constraint"]["source"] == ". >= 1 and . <= 20"
    assert found["visit_day"]["constraint"]["source"] == ". <= today()"
    assert found["name_given"]["show_if"]["source"] == "children != 'no' and answered(story)"
    assert found["agree"]["show_if"]["source"] == "children != 'no' and not children == 'yes'"
    assert found["children_count"]["constraint_message"] == {"lv": "Mazāk", "en": "Fewer"}


def test_a_groups_relevant_is_given_to_each_of_its_questions(imported):
    found = questions(imported)
    assert found["used"]["show_if"]["source"] == "children != 'no'"
    assert found["story"]["show_if"]["source"] == (
        "children != 'no' and (count(used) > 1 or selected(used, 'bus'))"
    )


def test_choices_come_from_their_list_and_or_other_is_other(imported):
    used = questions(imported)["used"]
    assert [c["value"] for c in used["choices"]] == ["bus", "shop"]
    assert used["choices"][0]["label"] == {"lv": "Autobuss", "en": "Bus"}
    assert used["other"] is True
    assert questions(imported)["children"]["other"] is False


def test_likert_over_points_1_to_n_is_a_scale_with_a_label_per_point(imported):
    rating = questions(imported)["rating"]
    assert (rating["min"], rating["max"], rating["style"]) == (1, 3, "numbers")
    assert rating["labels"]["2"] == {"lv": "Vidēji", "en": "So-so"}


def test_only_our_reserved_list_makes_a_yes_no_question(imported):
    found = questions(imported)
    assert found["again"]["type"] == "yes_no"
    assert found["agree"]["type"] == "select_one"  # a yes/no list of the author's own stays


def test_start_and_end_are_accepted_silently_other_metadata_is_warned_about(imported):
    warnings = [str(w) for w in imported.warnings]
    assert warnings == [
        "sheet survey, row 4, column type: 'deviceid' is device metadata that Collector "
        "does not record; left out"
    ]


def test_the_yaml_written_is_a_form_file_the_loader_accepts(imported):
    from collector.schema.loader import load_form_text

    again = load_form_text(imported.yaml_text, "again.yaml")
    assert again.schema == imported.loaded.schema


def test_a_bare_label_column_is_in_english_unless_settings_name_the_default_language():
    survey = [["type", "name", "label"], ["text", "q", "Question"]]
    settings = [["form_id", "version"], ["simple", 1]]
    imported = import_xlsform(xlsx(survey, None, settings), "s.xlsx", "s.yaml")
    assert imported.loaded.schema["languages"] == ["en"]
    assert "taken as en" in str(imported.warnings[0])
    settings = [["form_id", "version", "default_language"], ["simple", 1, "Russian (ru)"]]
    imported = import_xlsform(xlsx(survey, None, settings), "s.xlsx", "s.yaml")
    assert imported.loaded.schema["languages"] == ["ru"]
    assert imported.warnings == []


def test_without_form_id_and_version_the_file_name_and_version_1_are_used_with_warnings():
    survey = [["type", "name", "label"], ["text", "q", "Question"]]
    settings = [["default_language"], ["en"]]
    imported = import_xlsform(xlsx(survey, None, settings), "My_Survey.xlsx", "s.yaml")
    assert (imported.loaded.key, imported.loaded.version) == ("my-survey", 1)
    assert [w.column for w in imported.warnings] == ["form_id", "version"]


def test_form_id_with_underscores_becomes_dashes_with_a_warning():
    survey = [["type", "name", "label"], ["text", "q", "Question"]]
    settings = [["form_id", "version", "default_language"], ["kitchen_talk", 2, "en"]]
    imported = import_xlsform(xlsx(survey, None, settings), "k.xlsx", "k.yaml")
    assert imported.loaded.key == "kitchen-talk"
    assert "'kitchen_talk' becomes 'kitchen-talk'" in str(imported.warnings[0])


def test_likert_over_words_stays_a_select_with_a_warning():
    survey = [["type", "name", "label", "appearance"], ["select_one agree", "q", "Q", "likert"]]
    choices = [["list_name", "name", "label"], ["agree", "yes", "Yes"], ["agree", "no", "No"]]
    settings = [["form_id", "version", "default_language"], ["likert", 1, "en"]]
    imported = import_xlsform(xlsx(survey, choices, settings), "l.xlsx", "l.yaml")
    assert imported.loaded.schema["sections"][0]["questions"][0]["type"] == "select_one"
    assert imported.warnings[0].row == 2
    assert "likert" in imported.warnings[0].message


def test_appearances_without_a_collector_meaning_are_left_out_with_a_warning():
    survey = [["type", "name", "label", "appearance"], ["integer", "q", "Q", "numbers"]]
    settings = [["form_id", "version", "default_language"], ["look", 1, "en"]]
    imported = import_xlsform(xlsx(survey, None, settings), "a.xlsx", "a.yaml")
    assert [(w.row, w.column) for w in imported.warnings] == [(2, "appearance")]


def test_our_columns_carry_tags_sensitive_renamed_from_limits_style_and_kind():
    survey = [
        [
            "type",
            "name",
            "label",
            "collector::tags",
            "collector::sensitive",
            "collector::renamed_from",
            "collector::min",
            "collector::max",
            "appearance",
            "collector::style",
        ],
        ["text", "notes", "Notes", "needs problems", "yes", "old_notes"],
        ["integer", "n", "N", None, None, None, 1, 9],
        ["select_one five", "mood", "Mood", None, None, None, None, None, "likert", "smileys"],
    ]
    choices = [
        ["list_name", "name", "label", "collector_label_kind"],
        ["five", 1, "Bad", "min_label"],
        ["five", 2, "2", "number"],
        ["five", 3, "Good", "max_label"],
    ]
    settings = [
        [
            "form_id",
            "version",
            "default_language",
            "collector::kind",
            "collector::title::English (en)",
            "collector::description::English (en)",
        ],
        ["ours", 1, "en", "survey", "Our form", "About it"],
    ]
    schema = import_xlsform(xlsx(survey, choices, settings), "o.xlsx", "o.yaml").loaded.schema
    notes, n, mood = schema["sections"][0]["questions"]
    assert (notes["tags"], notes["sensitive"], notes["renamed_from"]) == (
        ["needs", "problems"],
        True,
        "old_notes",
    )
    assert (n["min"], n["max"]) == (1, 9)
    assert (mood["style"], mood["labels"], mood["min_label"], mood["max_label"]) == (
        "smileys",
        {},
        {"en": "Bad"},
        {"en": "Good"},
    )
    assert (schema["kind"], schema["title"], schema["description"]) == (
        "survey",
        {"en": "Our form"},
        {"en": "About it"},
    )


def test_a_range_in_front_of_the_constraint_is_taken_off_only_when_it_matches_the_limits():
    survey = [
        ["type", "name", "label", "constraint", "collector::min", "collector::max"],
        ["integer", "a", "A", ". >= 1 and . <= 9", 1, 9],
        ["integer", "b", "B", ". >= 1 and (. != 5 and . != 6)", 1],
        ["integer", "c", "C", ". >= 2", 1],
    ]
    settings = [["form_id", "version", "default_language"], ["limits", 1, "en"]]
    schema = import_xlsform(xlsx(survey, None, settings), "l.xlsx", "l.yaml").loaded.schema
    a, b, c = schema["sections"][0]["questions"]
    assert (a["min"], a["max"], a["constraint"]) == (1, 9, None)
    assert b["constraint"]["source"] == ". != 5 and . != 6"
    assert c["constraint"]["source"] == ". >= 2"  # edited elsewhere: kept whole


def test_columns_about_looks_and_unknown_columns_are_left_out_with_a_warning_each():
    survey = [
        ["type", "name", "label", "media::image", "my_notes"],
        ["text", "a", "A", "house.png", "ask gently"],
        ["text", "b", "B", "door.png"],
    ]
    settings = [["form_id", "version", "default_language"], ["looks", 1, "en"]]
    warnings = import_xlsform(xlsx(survey, None, settings), "l.xlsx", "l.yaml").warnings
    assert [(w.row, w.column) for w in warnings] == [(2, "media::image"), (2, "my_notes")]
    assert "pictures, sounds" in warnings[0].message
    assert "not used by Collector" in warnings[1].message
