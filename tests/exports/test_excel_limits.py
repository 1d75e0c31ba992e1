"""Excel's own limits, kept for any input: sheet names, cell length, rows per sheet."""

from uuid import UUID

import pytest
from openpyxl import Workbook as CheckWorkbook
from sqlalchemy import select

from collector.exports.excel import MAX_CELL_TEXT, TRUNCATION_MARK, clip, sheet_name
from collector.exports.merge import version_ranges
from collector.extensions import db
from collector.intake.models import Submission
from tests.factories import kitchen_talk_answers


@pytest.mark.parametrize(
    "wanted",
    ["Answers: [2026]", "a/b\\c?d*e", "x" * 40, "'quoted'", "", "History", "Ģimenes ārsts*"],
)
def test_any_wanted_name_becomes_a_sheet_name_excel_accepts(wanted):
    name = sheet_name(wanted, [])
    assert 1 <= len(name) <= 31
    assert not set(name) & set("[]:*?/\\")
    CheckWorkbook().create_sheet(name)  # openpyxl refuses what Excel refuses


def test_sheet_names_are_unique_ignoring_case():
    taken = ["Answers", "answers (2)"]
    assert sheet_name("ANSWERS", taken) == "ANSWERS (3)"


def test_a_long_sheet_name_keeps_its_number_within_31_characters():
    taken = ["y" * 31]
    name = sheet_name("y" * 40, taken)
    assert len(name) == 31
    assert name.endswith(" (2)")


def test_text_longer_than_a_cell_is_cut_with_a_mark():
    cut = clip("a" * (MAX_CELL_TEXT + 10))
    assert len(cut) == MAX_CELL_TEXT
    assert cut.endswith(TRUNCATION_MARK)
    assert clip("short") == "short"


def test_version_ranges_read_as_people_write_them():
    assert version_ranges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8"
    assert version_ranges([4]) == "4"
    assert version_ranges([]) == ""


@pytest.fixture
def three_rows_per_sheet(app):
    app.config["EXPORT_MAX_ROWS_PER_SHEET"] = 3  # a header and two rows


@pytest.mark.usefixtures("published_forms", "three_rows_per_sheet")
def test_rows_beyond_a_sheets_limit_continue_on_the_next_sheet(store, export):
    stored = [store()["uuid"] for _ in range(5)]
    out = export(lang="en")
    sheets = ["Answers", "Answers (2)", "Answers (3)"]
    assert [s for s in out.book.sheetnames if s.startswith("Answers")] == sheets
    uuids = [r["Submission"] for sheet in sheets for r in out.records(sheet)]
    assert uuids == stored
    assert out.rows("Answers (2)")[0] == out.rows("Answers")[0]  # the header again
    notes = [row[1] for row in out.rows("Codebook") if row[0] == "Sheet continued"]
    assert any("continue on: Answers (2), Answers (3)." in note for note in notes)


@pytest.mark.usefixtures("published_forms")
def test_an_answer_too_long_for_a_cell_is_cut_and_the_codebook_says_so(app, store, export):
    # Intake keeps answers within a cell; an older or imported row may still be longer.
    payload = store()
    with app.app_context():
        row = db.session.scalar(select(Submission).where(Submission.uuid == UUID(payload["uuid"])))
        row.answers = kitchen_talk_answers(everyday_life="x" * 40_000)
        db.session.commit()
    out = export(lang="en")
    (record,) = out.records()
    assert len(record["How would you describe your everyday life now?"]) == MAX_CELL_TEXT
    assert "were cut" in out.facts()["Cut texts"]
