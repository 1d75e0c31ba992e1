"""Summary, Open answers, Waves and Progress: the sheets read at the debrief, checked by value."""

from datetime import datetime
from uuid import UUID

import pytest
from sqlalchemy import select

from collector.debrief.models import AnswerTag
from collector.extensions import db
from collector.intake.models import Submission
from tests.exports.conftest import statistic
from tests.factories import kitchen_talk_answers

pytestmark = pytest.mark.usefixtures("published_forms")

JOIN_GROUP = "Would you join a group where people work on ideas like these together?"
LIFE = "Overall, how do you rate your life now?"
HOUSEHOLD = "How many people live in your home?"
EVERYDAY = "How would you describe your everyday life now?"
HARD_TO_REACH = "Which of these are hard to reach from where you live?"
CLOSED_QUESTIONS = 10  # select_one, select_multiple, yes_no, consent and scale in kitchen-talk


def table(block):
    """A frequency block's rows as answer → (n, %), up to the 'Answered' line."""
    rows = {}
    for row in block[1:]:
        if row[0] == "Answered":
            break
        rows[row[0]] = (row[1], row[2])
    return rows


def test_summary_counts_each_choice_with_its_share(store, export):
    for answer in ("yes", "yes", "maybe", "no"):
        store(kitchen_talk_answers(join_group=answer))
    block = export(lang="en").block("Summary", JOIN_GROUP)
    assert table(block) == {"Yes": (2, 0.5), "Maybe": (1, 0.25), "No": (1, 0.25)}
    assert statistic(block, "Answered") == 4


def test_summary_shares_of_a_multiple_choice_are_of_those_who_answered(store, export):
    store(kitchen_talk_answers(hard_to_reach=["shop", "bank_atm"]))
    store(kitchen_talk_answers(hard_to_reach=["shop"]))
    store(kitchen_talk_answers(hard_to_reach=None))
    rows = table(export(lang="en").block("Summary", HARD_TO_REACH))
    assert rows["Shop"] == (2, 1.0)
    assert rows["Bank or cash machine"] == (1, 0.5)
    assert rows["Internet"] == (0, 0)


def test_summary_of_a_scale_gives_the_distribution_mean_and_median(store, export):
    for points in (1, 4, 4, 5):
        store(kitchen_talk_answers(life_satisfaction=points))
    block = export(lang="en").block("Summary", LIFE)
    rows = table(block)
    assert rows["4 – Good"] == (2, 0.5)
    assert rows["2 – Bad"] == (0, 0)
    assert statistic(block, "Mean") == pytest.approx(3.5)
    assert statistic(block, "Median") == 4


def test_summary_of_a_number_gives_n_mean_lowest_and_highest(store, export):
    for size in (1, 2, 6):
        store(kitchen_talk_answers(household_size=size, children="no", children_count=None))
    block = export(lang="en").block("Summary", HOUSEHOLD)
    assert statistic(block, "Answered") == 3
    assert statistic(block, "Mean") == pytest.approx(3)
    assert statistic(block, "Lowest") == 1
    assert statistic(block, "Highest") == 6


def test_every_closed_question_has_a_native_chart(store, export):
    store()
    out = export(lang="en")
    assert out.chart_count() == CLOSED_QUESTIONS
    assert out.summary.charts == CLOSED_QUESTIONS


def test_open_answers_list_every_answer_with_interviewer_date_and_tags(app, store, export):
    first = store(kitchen_talk_answers(everyday_life="The bus comes twice a week."))
    store(
        kitchen_talk_answers(everyday_life="I feel alone since the school closed."),
        interviewer="bruno",
        completed_at="2026-05-13T09:00:00Z",
    )
    with app.app_context():
        submission_id = db.session.scalar(
            select(Submission.id).where(Submission.uuid == UUID(first["uuid"]))
        )
        for tag in ("problems", "transport"):
            db.session.add(
                AnswerTag(submission_id=submission_id, question_id="everyday_life", tag=tag)
            )
        db.session.commit()
    records = [r for r in export(lang="en").records("Open answers") if r["Question"] == EVERYDAY]
    assert [r["Answer"] for r in records] == [
        "The bus comes twice a week.",
        "I feel alone since the school closed.",
    ]
    assert [r["Interviewer"] for r in records] == ["anna", "bruno"]
    assert records[1]["Completed"] == datetime(2026, 5, 13, 12, 0)
    assert [r["Tags"] for r in records] == ["problems, transport", None]
    assert records[0]["Submission"] == first["uuid"]


def test_open_answers_are_grouped_by_question_in_form_order(store, export):
    store()
    store()
    questions = [r["question"] for r in export(codes=True).records("Open answers")]
    assert questions == sorted(questions, key=questions.index)  # each question in one run
    assert questions[:2] == ["everyday_life", "everyday_life"]


def test_other_please_specify_texts_are_open_answers_too(store, export):
    store(kitchen_talk_answers(hard_to_reach=["other"], hard_to_reach_other="the pharmacy"))
    records = export(codes=True).records("Open answers")
    other = next(r for r in records if r["question"] == "hard_to_reach_other")
    assert other["answer"] == "the pharmacy"


@pytest.fixture
def two_waves(published_forms, runner, store):
    for slug in ("ex-ante", "ex-post"):
        result = runner.invoke(
            args=["campaigns", "create", slug, "--form", "kitchen-talk", "--title", slug.title()]
        )
        assert result.exit_code == 0, result.output
    for answer in ("no", "no", "yes", "maybe"):
        store(kitchen_talk_answers(join_group=answer, life_satisfaction=2), campaign="ex-ante")
    for answer in ("yes", "yes", "yes", "no"):
        store(kitchen_talk_answers(join_group=answer, life_satisfaction=4), campaign="ex-post")


@pytest.mark.usefixtures("two_waves")
def test_waves_show_campaigns_side_by_side_with_the_difference(export):
    block = export(lang="en").block("Waves", JOIN_GROUP)
    header, *rows = block
    assert header[:6] == (
        "Answer",
        "Ex-Ante: n",
        "Ex-Ante: %",
        "Ex-Post: n",
        "Ex-Post: %",
        "Difference",
    )
    yes = next(row for row in rows if row[0] == "Yes")
    assert yes[1:6] == (1, 0.25, 3, 0.75, 0.5)


@pytest.mark.usefixtures("two_waves")
def test_waves_compare_the_means_of_a_scale(export):
    block = export(lang="en").block("Waves", LIFE)
    mean = next(row for row in block if row[0] == "Mean")
    assert mean[1:6] == (4, 2, 4, 4, 2)


@pytest.mark.usefixtures("two_waves")
def test_one_campaign_has_no_waves_to_compare(export):
    rows = export(lang="en", campaign="ex-ante").rows("Waves")
    assert "nothing to compare" in rows[0][0]


def test_progress_counts_interviews_per_interviewer_and_day_against_the_target(
    runner, store, export
):
    result = runner.invoke(
        args=["campaigns", "create", "talsi", "--form", "kitchen-talk", "--target", "45"]
    )
    assert result.exit_code == 0, result.output
    for who, day in (("anna", "12"), ("anna", "12"), ("anna", "13"), ("bruno", "13")):
        store(campaign="talsi", interviewer=who, completed_at=f"2026-05-{day}T10:00:00Z")
    block = export(lang="en").block("Progress", "talsi")
    header, anna, bruno, everyone, target, done = block
    assert header[1:4] == (datetime(2026, 5, 12), datetime(2026, 5, 13), "Total")
    assert anna[:4] == ("anna", 2, 1, 3)
    assert bruno[:4] == ("bruno", None, 1, 1)
    assert everyone[:4] == ("All interviewers", 2, 2, 4)
    assert target[3] == 45
    assert done[3] == pytest.approx(4 / 45)
