"""The day page: a campaign's open answers of one local day, grouped by question."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from collector.campaigns.models import RespondentLink
from collector.extensions import db
from collector.intake.models import Submission
from tests.debrief.conftest import (
    CAMPAIGN,
    DAY,
    DIFFICULTIES,
    EVERYDAY,
    group_titled,
    read_groups,
    submission_id,
)
from tests.factories import kitchen_talk_answers

TALKS_V1 = """\
    form: talks
    version: 1
    kind: interview
    languages: [lv, ru]
    title: {lv: Sarunas, ru: Беседы}
    sections:
      - id: main
        title: {lv: Galvenais, ru: Главное}
        questions:
          - {id: worry, type: text, label: {lv: "Kas jūs uztrauc?", ru: "Что вас тревожит?"}}
          - {id: wish, type: textarea, label: {lv: "Ko jūs vēlaties?", ru: "Чего вы хотите?"}}
    """
TALKS_V2 = """\
    form: talks
    version: 2
    kind: interview
    languages: [lv, ru]
    title: {lv: Sarunas, ru: Беседы}
    sections:
      - id: main
        title: {lv: Galvenais, ru: Главное}
        questions:
          - id: main_worry
            type: textarea
            label: {lv: "Kas jūs uztrauc visvairāk?", ru: "Что вас тревожит больше всего?"}
            renamed_from: worry
          - {id: wish, type: textarea, label: {lv: "Ko jūs vēlaties?", ru: "Чего вы хотите?"}}
    """


@pytest.fixture
def talks(publish, runner, store):
    """Form 'talks' in two versions (v2 renames worry to main_worry), one interview each."""
    publish(TALKS_V1)
    publish(TALKS_V2)
    result = runner.invoke(args=["campaigns", "create", "talks-2026", "--form", "talks"])
    assert result.exit_code == 0, result.output
    store({"worry": "The winter", "wish": "A bus"}, form="talks", version=1, campaign="talks-2026")
    store({"main_worry": "Money", "wish": "Work"}, form="talks", version=2, campaign="talks-2026")
    return "talks-2026"


def test_a_renamed_question_is_one_group_across_versions(as_coordinator, day_page, talks):
    groups = read_groups(day_page(slug=talks).get_data(as_text=True))
    assert [group.title for group in groups] == ["Kas jūs uztrauc visvairāk?", "Ko jūs vēlaties?"]
    assert groups[0].texts == ["The winter", "Money"]
    assert groups[1].texts == ["A bus", "Work"]


def test_question_titles_are_in_the_page_language_when_the_form_has_it(
    as_coordinator, day_page, talks
):
    groups = read_groups(day_page(slug=talks, lang="ru").get_data(as_text=True))
    assert groups[0].title == "Что вас тревожит больше всего?"


def test_groups_follow_the_questionnaire_order(as_coordinator, day_page, store):
    store(kitchen_talk_answers(support_needed="A lift to the doctor."), campaign=CAMPAIGN)
    titles = [group.title for group in read_groups(day_page().get_data(as_text=True))]
    assert titles == [
        EVERYDAY,
        DIFFICULTIES,
        "What support would help you most?",
        "Imagine there are no limits. What would your life look like in five years?",
    ]


def test_each_answer_shows_its_interviewer_and_local_time(as_coordinator, day_page, store):
    store(campaign=CAMPAIGN, interviewer="bruno", completed_at="2026-05-12T15:04:00Z")
    answer = group_titled(day_page().get_data(as_text=True), EVERYDAY).answers[0]
    assert answer.meta == "bruno · 18:04"


def test_a_self_filled_interview_is_shown_as_from_the_respondent_link(
    app, as_coordinator, day_page, store
):
    sent = store(campaign=CAMPAIGN)
    with app.app_context():
        link = RespondentLink(
            campaign_id=db.session.scalar(
                select(Submission.campaign_id).where(
                    Submission.id == submission_id(app, sent["uuid"])
                )
            ),
            nonce="n",
            token_hash="h" * 64,
        )
        db.session.add(link)
        db.session.flush()
        stored = db.session.get(Submission, submission_id(app, sent["uuid"]))
        stored.submitted_by_id = None
        stored.respondent_link_id = link.id
        db.session.commit()
    answer = group_titled(day_page().get_data(as_text=True), EVERYDAY).answers[0]
    assert answer.meta.startswith("(respondent link) ·")


def test_an_interview_at_23_30_in_riga_is_that_day_and_at_00_30_the_next(
    as_coordinator, day_page, store
):
    store(
        kitchen_talk_answers(everyday_life="late evening"),
        campaign=CAMPAIGN,
        completed_at="2026-05-12T20:30:00Z",
    )  # 23:30 in Riga
    store(
        kitchen_talk_answers(everyday_life="after midnight"),
        campaign=CAMPAIGN,
        completed_at="2026-05-12T21:30:00Z",
    )  # 00:30 in Riga, 13 May
    evening = group_titled(day_page(DAY).get_data(as_text=True), EVERYDAY)
    night = group_titled(day_page("2026-05-13").get_data(as_text=True), EVERYDAY)
    assert evening.texts == ["late evening"]
    assert night.texts == ["after midnight"]
    assert night.answers[0].meta.endswith("00:30")


def test_without_a_day_the_page_shows_today_in_riga(as_coordinator, day_page, store):
    # No finishing time from the phone: the interview counts from when it was received.
    store(kitchen_talk_answers(everyday_life="just now"), campaign=CAMPAIGN, completed_at=None)
    page = day_page(day=None).get_data(as_text=True)
    assert group_titled(page, EVERYDAY).texts == ["just now"]
    assert "(today)" in page


def test_other_please_specify_texts_are_shown_as_open_answers(as_coordinator, day_page, store):
    answers = kitchen_talk_answers(hard_to_reach=["other"], hard_to_reach_other="the pharmacy")
    store(answers, campaign=CAMPAIGN)
    page = day_page().get_data(as_text=True)
    title = "Which of these are hard to reach from where you live?: Other, please specify"
    assert group_titled(page, title).texts == ["the pharmacy"]


def test_sensitive_questions_are_left_out_and_the_page_says_so(as_coordinator, day_page, store):
    store(kitchen_talk_answers(observations="Lives alone at Liepu iela 4."), campaign=CAMPAIGN)
    page = day_page().get_data(as_text=True)
    assert "Liepu iela" not in page
    assert "Questions marked as personal data are not shown here" in page
    assert "Your observations (do not read aloud)" in page


def test_only_the_campaigns_interviews_are_shown(as_coordinator, day_page, store, other_campaign):
    store(kitchen_talk_answers(everyday_life="in Cēsis"), campaign=CAMPAIGN)
    store(kitchen_talk_answers(everyday_life="in Valka"), campaign=other_campaign)
    assert group_titled(day_page().get_data(as_text=True), EVERYDAY).texts == ["in Cēsis"]


def test_days_with_interviews_are_listed_with_their_counts(as_coordinator, day_page, store):
    store(campaign=CAMPAIGN, completed_at="2026-05-12T09:00:00Z")
    store(campaign=CAMPAIGN, completed_at="2026-05-12T10:00:00Z")
    store(campaign=CAMPAIGN, completed_at="2026-05-14T10:00:00Z")
    page = day_page("2026-05-13").get_data(as_text=True)
    assert "2 interviews" in page
    assert "1 interview<" in page
    assert f"/campaigns/{CAMPAIGN}/debrief?day=2026-05-12" in page
    assert f"/campaigns/{CAMPAIGN}/debrief?day=2026-05-14" in page


def test_previous_and_next_day_are_linked(as_coordinator, day_page):
    page = day_page(DAY).get_data(as_text=True)
    assert f'rel="prev" href="/campaigns/{CAMPAIGN}/debrief?day=2026-05-11"' in page
    assert f'rel="next" href="/campaigns/{CAMPAIGN}/debrief?day=2026-05-13"' in page


def test_a_day_without_interviews_says_so_in_plain_words(as_coordinator, day_page):
    page = day_page(DAY).get_data(as_text=True)
    assert read_groups(page) == []
    assert "No interviews were made on this day." in page
    assert "No interviews have been sent in this campaign yet." in page


def test_interviews_without_open_answers_are_said_to_have_none(as_coordinator, day_page, store):
    answers = kitchen_talk_answers(everyday_life=None, main_difficulties=None, five_years=None)
    store(answers, campaign=CAMPAIGN)
    page = day_page().get_data(as_text=True)
    assert "1 interview was made on this day, but it has no open answers." in page


@pytest.mark.parametrize("day", ["12.05.2026", "2026-13-01", "<b>soon</b>"])
def test_a_day_that_is_no_date_is_refused_in_plain_words(as_coordinator, day_page, day):
    response = day_page(day)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "is not a date. Showing today instead." in page
    assert "<b>soon" not in page


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">'],
)
def test_markup_in_an_answer_is_shown_as_text(as_coordinator, day_page, store, text):
    store(kitchen_talk_answers(everyday_life=text), campaign=CAMPAIGN)
    page = day_page().get_data(as_text=True)
    assert text not in page
    assert group_titled(page, EVERYDAY).texts == [text]


def test_today_is_the_day_in_riga_not_in_utc(app, as_coordinator, day_page, store):
    riga_now = datetime.now(UTC).astimezone(ZoneInfo("Europe/Riga"))
    # Just after midnight in Riga is still yesterday in UTC: it must count as today.
    just_after_midnight = riga_now.replace(hour=0, minute=5, second=0, microsecond=0)
    moment = just_after_midnight.astimezone(UTC)
    assert moment.date() == riga_now.date() - timedelta(days=1)
    store(
        kitchen_talk_answers(everyday_life="early"),
        campaign=CAMPAIGN,
        completed_at=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    assert group_titled(day_page(day=None).get_data(as_text=True), EVERYDAY).texts == ["early"]
