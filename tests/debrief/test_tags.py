"""Themes on open answers: added, kept once, removed, logged, and read in the workbook."""

import pytest

from tests.debrief.conftest import CAMPAIGN, DAY, EVERYDAY, group_titled
from tests.factories import kitchen_talk_answers

QUESTION = "everyday_life"


@pytest.fixture
def interview(store) -> str:
    """The uuid of one interview of campaign cesis-2026, made on DAY."""
    return store(campaign=CAMPAIGN)["uuid"]


def shown_tags(day_page) -> list[str]:
    return group_titled(day_page().get_data(as_text=True), EVERYDAY).answers[0].tags


def test_a_preset_theme_is_stored_as_its_code_and_shown_in_words(
    as_coordinator, interview, tag, stored_tags, day_page
):
    tag(interview, QUESTION, tag="need")
    assert stored_tags() == [(interview, QUESTION, "need")]
    assert shown_tags(day_page) == ["Need"]


def test_tagging_goes_back_to_the_answer_on_its_day(as_coordinator, interview, tag):
    response = tag(interview, QUESTION, tag="problem")
    assert response.status_code == 302
    assert response.headers["Location"] == (
        f"/campaigns/{CAMPAIGN}/debrief?day={DAY}#answer-{interview}-{QUESTION}"
    )


def test_adding_a_theme_is_written_to_the_audit_log(as_coordinator, interview, tag, audit_events):
    tag(interview, QUESTION, tag="goal")
    [event] = audit_events()
    assert event["action"] == "tag.add"
    assert event["actor"] == "ilze"
    assert event["details"] == {"submission": interview, "question": QUESTION, "tag": "goal"}


def test_the_same_theme_twice_on_an_answer_is_kept_once(
    as_coordinator, interview, tag, stored_tags, audit_events
):
    tag(interview, QUESTION, tag="dream")
    response = tag(interview, QUESTION, tag="dream")
    assert response.status_code == 302
    assert stored_tags() == [(interview, QUESTION, "dream")]
    assert [event["action"] for event in audit_events()] == ["tag.add"]


def test_removing_a_theme_takes_it_off_and_is_written_to_the_audit_log(
    as_coordinator, interview, tag, stored_tags, audit_events
):
    tag(interview, QUESTION, tag="need")
    tag(interview, QUESTION, tag="dream")
    response = tag(interview, QUESTION, tag="need", remove=True)
    assert response.status_code == 302
    assert stored_tags() == [(interview, QUESTION, "dream")]
    removed = audit_events()[-1]
    assert removed["action"] == "tag.remove"
    assert removed["details"] == {"submission": interview, "question": QUESTION, "tag": "need"}


def test_removing_a_theme_the_answer_does_not_have_changes_nothing(
    as_coordinator, interview, tag, audit_events
):
    assert tag(interview, QUESTION, tag="need", remove=True).status_code == 302
    assert audit_events() == []


def test_an_own_theme_is_tidied_and_offered_again(
    as_coordinator, interview, tag, stored_tags, day_page
):
    tag(interview, QUESTION, theme="  lonely   winters ")
    assert stored_tags() == [(interview, QUESTION, "lonely winters")]
    assert '<option value="lonely winters">' in day_page().get_data(as_text=True)


def test_an_own_theme_typed_like_one_used_before_keeps_the_first_spelling(
    as_coordinator, interview, tag, stored_tags
):
    tag(interview, QUESTION, theme="Transport")
    tag(interview, "main_difficulties", theme="transport")
    assert [t for _uuid, _question, t in stored_tags()] == ["Transport", "Transport"]


def test_an_own_theme_that_names_a_preset_is_that_preset(
    as_coordinator, interview, tag, stored_tags
):
    tag(interview, QUESTION, theme="need")
    tag(interview, "main_difficulties", theme="Problem")
    assert [t for _uuid, _question, t in stored_tags()] == ["need", "problem"]


def test_an_empty_own_theme_is_refused_in_plain_words(as_coordinator, interview, tag, stored_tags):
    response = tag(interview, QUESTION, theme="   ")
    assert response.status_code == 400
    assert "Type a theme first" in response.get_data(as_text=True)
    assert stored_tags() == []


def test_an_own_theme_longer_than_80_characters_is_refused(
    as_coordinator, interview, tag, stored_tags
):
    response = tag(interview, QUESTION, theme="x" * 81)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "A theme can be at most 80 letters long." in page
    assert 'value="' + "x" * 81 + '"' in page  # kept for shortening, not lost
    assert stored_tags() == []


def test_an_own_theme_of_80_characters_is_stored(as_coordinator, interview, tag, stored_tags):
    tag(interview, QUESTION, theme="x" * 80)
    assert stored_tags() == [(interview, QUESTION, "x" * 80)]


def test_an_unknown_preset_is_refused(as_coordinator, interview, tag, stored_tags):
    assert tag(interview, QUESTION, tag="problems").status_code == 400
    assert stored_tags() == []


def test_markup_in_an_own_theme_is_shown_as_text(as_coordinator, interview, tag, day_page):
    theme = "<img src=x onerror=alert(1)>"
    tag(interview, QUESTION, theme=theme)
    page = day_page().get_data(as_text=True)
    assert theme not in page
    assert group_titled(page, EVERYDAY).answers[0].tags == [theme]


def test_an_interviewer_tags_answers_of_her_campaign(as_anna, interview, tag, stored_tags):
    assert tag(interview, QUESTION, tag="need").status_code == 302
    assert stored_tags() == [(interview, QUESTION, "need")]


def test_an_interviewer_cannot_tag_in_a_campaign_she_is_not_in(
    as_anna, store, other_campaign, tag, stored_tags
):
    theirs = store(campaign=other_campaign, interviewer="bruno")["uuid"]
    assert tag(theirs, QUESTION, slug=other_campaign, tag="need").status_code == 403
    assert tag(theirs, QUESTION, slug=other_campaign, remove=True, tag="x").status_code == 403
    assert stored_tags() == []


def test_a_tag_for_an_interview_of_another_campaign_is_refused(
    as_coordinator, store, other_campaign, tag, stored_tags
):
    elsewhere = store(campaign=other_campaign)["uuid"]
    assert tag(elsewhere, QUESTION, slug=CAMPAIGN, tag="need").status_code == 404
    assert stored_tags() == []


@pytest.mark.parametrize(
    "question",
    ["household_size", "observations", "good_here", "no_such_question", "hard_to_reach_other"],
    ids=["a number", "sensitive", "not answered", "unknown", "no other text"],
)
def test_a_tag_for_an_answer_not_shown_at_the_debrief_is_refused(
    as_coordinator, store, tag, stored_tags, question
):
    uuid = store(kitchen_talk_answers(observations="private"), campaign=CAMPAIGN)["uuid"]
    assert tag(uuid, question, tag="need").status_code == 404
    assert stored_tags() == []


def test_a_tag_for_a_submission_that_is_no_uuid_is_refused(as_coordinator, tag, stored_tags):
    assert tag("not-a-uuid", QUESTION, tag="need").status_code == 404


def test_a_tag_without_the_form_token_is_refused(client, as_coordinator, interview, stored_tags):
    response = client.post(
        f"/campaigns/{CAMPAIGN}/debrief/tags",
        data={"submission": interview, "question": QUESTION, "tag": "need"},
    )
    assert response.status_code == 400
    assert stored_tags() == []


def test_themes_reach_the_open_answers_sheet_of_the_workbook(
    as_coordinator, interview, tag, export
):
    tag(interview, QUESTION, tag="need")
    tag(interview, QUESTION, theme="transport")
    records = export(campaign=CAMPAIGN, lang="en").records("Open answers")
    [row] = [record for record in records if record["Question"] == EVERYDAY]
    assert row["Tags"] == "Need, transport"  # presets in the workbook's language, first
    assert row["Submission"] == interview


def test_a_theme_on_an_other_text_reaches_the_workbook_too(as_coordinator, store, tag, export):
    answers = kitchen_talk_answers(hard_to_reach=["other"], hard_to_reach_other="the pharmacy")
    uuid = store(answers, campaign=CAMPAIGN)["uuid"]
    tag(uuid, "hard_to_reach_other", tag="problem")
    records = export(campaign=CAMPAIGN, codes=True).records("Open answers")
    [row] = [record for record in records if record["question"] == "hard_to_reach_other"]
    assert row["tags"] == "problem"
