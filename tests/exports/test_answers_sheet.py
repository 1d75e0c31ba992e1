"""The Answers sheet: a row per submission, real types, labels or codes, nothing as a formula."""

from datetime import date, datetime
from uuid import UUID

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from tests.exports.conftest import statistic
from tests.factories import kitchen_talk_answers

pytestmark = pytest.mark.usefixtures("published_forms")

TYPES_FORM = """\
    form: types
    version: 1
    kind: survey
    languages: [en, lv]
    title: {en: Types, lv: Tipi}
    sections:
      - id: main
        title: {en: Main, lv: Galvenā}
        questions:
          - {id: name, type: text, label: {en: Name, lv: Vārds}}
          - {id: born, type: date, label: {en: Born, lv: Dzimis}}
          - {id: weight, type: decimal, label: {en: Weight, lv: Svars}}
          - {id: mood, type: scale, label: {en: Mood, lv: Garastāvoklis}}
          - {id: agree, type: consent, label: {en: Agrees, lv: Piekrīt}}
          - {id: works, type: yes_no, label: {en: Works, lv: Strādā}}
          - id: pets
            type: select_multiple
            label: {en: Pets, lv: Mājdzīvnieki}
            other: true
            choices:
              - {value: cat, label: {en: Cat, lv: Kaķis}}
              - {value: dog, label: {en: Dog, lv: Suns}}
    """


def types_answers(**overrides):
    answers = {
        "name": "Ilze",
        "born": "1958-03-09",
        "weight": 61.5,
        "mood": 4,
        "agree": True,
        "works": "no",
        "pets": ["dog", "other"],
        "pets_other": "hens",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


@pytest.fixture
def types_form(publish):
    publish(TYPES_FORM)


def test_a_row_per_submission_with_who_when_and_which_version(store, export, field_campaign):
    first = store(campaign=field_campaign)
    second = store(campaign=field_campaign, lang="en", interviewer="bruno")
    records = export(lang="en").records()
    assert [r["Submission"] for r in records] == [first["uuid"], second["uuid"]]
    assert [r["Interviewer"] for r in records] == ["anna", "bruno"]
    assert [r["Campaign"] for r in records] == [field_campaign, field_campaign]
    assert [r["Version"] for r in records] == [1, 1]
    assert [r["Language"] for r in records] == ["lv", "en"]


def test_times_are_excel_datetimes_in_the_fieldwork_time_zone(store, export):
    store(started_at="2026-05-12T10:02:11Z", completed_at="2026-05-12T10:41:55Z")
    (record,) = export(lang="en").records()
    # Riga is three hours ahead of UTC in May.
    assert record["Started"] == datetime(2026, 5, 12, 13, 2, 11)
    assert record["Completed"] == datetime(2026, 5, 12, 13, 41, 55)


def test_numbers_dates_and_scales_are_real_numbers_and_dates(types_form, store, export):
    store(types_answers(), form="types")
    (record,) = export("types", lang="en").records()
    assert record["Born"] == datetime(1958, 3, 9)  # openpyxl reads Excel dates as datetimes
    assert record["Weight"] == 61.5
    assert record["Mood"] == 4
    assert isinstance(record["Mood"], int | float)


def test_a_date_answer_is_formatted_as_a_date(types_form, store, export):
    store(types_answers(), form="types")
    sheet = export("types", lang="en").book["Answers"]
    born = next(cell for cell in sheet[2] if cell.value == datetime(1958, 3, 9))
    assert born.is_date
    assert born.number_format == "yyyy-mm-dd"


def test_labels_come_in_the_chosen_language(types_form, store, export):
    store(types_answers(), form="types")
    (record,) = export("types", lang="lv").records()
    assert record["Mājdzīvnieki"] == "Suns; Cits"  # "other" in Collector's own words
    assert record["Strādā"] == "Nē"


def test_codes_option_writes_ids_in_headers_and_codes_in_cells(types_form, store, export):
    store(types_answers(), form="types")
    (record,) = export("types", codes=True).records()
    assert record["pets"] == "dog; other"
    assert record["works"] == "no"
    assert record["agree"] is True
    assert record["pets_other"] == "hens"


def test_select_multiple_is_also_one_0_1_column_per_choice(types_form, store, export):
    store(types_answers(pets=["cat"], pets_other=None), form="types")
    store(types_answers(pets=["cat", "dog"], pets_other=None), form="types")
    store(types_answers(pets=None, pets_other=None), form="types")
    out = export("types", codes=True)
    assert out.column("pets/cat") == [1, 1, None]
    assert out.column("pets/dog") == [0, 1, None]
    assert out.column("pets/other") == [0, 0, None]


def test_a_question_left_unanswered_is_an_empty_cell(store, export):
    store(kitchen_talk_answers(children="no", children_count=None))
    (record,) = export(codes=True).records()
    assert record["children_count"] is None


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1:A2)", "=1/0"],
)
def test_formula_looking_answers_stay_text(store, export, text):
    store(kitchen_talk_answers(everyday_life=text))
    out = export(codes=True)
    cell = next(c for c in out.book["Answers"][2] if c.value == text)
    assert cell.data_type == "s"


def test_a_formula_looking_label_stays_text_in_the_header(publish, store, export):
    publish(TYPES_FORM.replace("{en: Name, lv: Vārds}", "{en: '=1+1', lv: '=1+1'}"))
    store(types_answers(), form="types")
    header = export("types", lang="en").book["Answers"][1]
    cell = next(c for c in header if c.value == "=1+1")
    assert cell.data_type == "s"


def test_header_row_is_frozen_and_filtered(store, export):
    store()
    store()
    sheet = export().book["Answers"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.auto_filter.ref.endswith("3")


def test_columns_have_widths_set(types_form, store, export):
    store(types_answers(), form="types")
    sheet = export("types", lang="en").book["Answers"]
    assert sheet.column_dimensions["A"].width == pytest.approx(36, abs=1)
    assert sheet.column_dimensions["H"].width == pytest.approx(40, abs=1)  # the open answer


def test_sensitive_questions_are_left_out_unless_asked_for(store, export):
    store(kitchen_talk_answers(observations="Lives alone, seems afraid of the landlord."))
    assert "observations" not in export(codes=True).records()[0]
    included = export(codes=True, include_sensitive=True).records()[0]
    assert included["observations"] == "Lives alone, seems afraid of the landlord."


def test_sensitive_answers_stay_out_of_the_open_answers_sheet_too(store, export):
    store(kitchen_talk_answers(observations="Lives alone."))
    answers = [row[1] for row in export().rows("Open answers")]
    assert "Lives alone." not in answers


def test_an_export_of_a_form_without_submissions_has_headers_only(export):
    out = export("microproject-feedback", lang="en")
    assert len(out.rows("Answers")) == 1
    assert out.summary.submissions == 0


def test_one_campaign_only_when_asked(store, export, field_campaign):
    in_campaign = store(campaign=field_campaign)
    store()
    records = export(campaign=field_campaign, lang="en").records()
    assert [r["Submission"] for r in records] == [in_campaign["uuid"]]


def test_dates_in_progress_are_local_days(store, export, field_campaign):
    # 22:30 UTC on 12 May is already 13 May in Riga.
    store(campaign=field_campaign, completed_at="2026-05-12T22:30:00Z")
    header = export().block("Progress", field_campaign)[0]
    assert header[1] == datetime.combine(date(2026, 5, 13), datetime.min.time())


def test_collectors_own_headers_come_in_the_chosen_language(store, export):
    store()
    header = export(lang="lv").rows("Answers")[0]
    assert header[:3] == ("Iesniegums", "Kampaņa", "Versija")


def test_a_stored_value_of_the_wrong_kind_is_shown_as_text_not_a_failure(app, store, export):
    # Intake checks every answer; data stored before a check existed may still be odd.
    payload = store()
    with app.app_context():
        submission = db.session.scalar(
            select(Submission).where(Submission.uuid == UUID(payload["uuid"]))
        )
        submission.answers = kitchen_talk_answers(household_size="three", life_satisfaction="4")
        db.session.commit()
    out = export(codes=True, lang="en")
    (record,) = out.records()
    assert record["household_size"] == "three"
    assert statistic(out.block("Summary", "household_size"), "Answered") == 0
