"""Plain-language mode on a respondent's phone: one question per screen, "n of N" progress,
big smiley scales, Finish stored once, and "Read aloud" only when a voice exists."""

import re

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from tests.e2e.test_respondent_link import wait_for_outbox

pytestmark = pytest.mark.usefixtures("field_campaign")

SCALES = ["respect", "cooperation", "solved", "fit", "professional", "recommend"]

# A speechSynthesis with one English voice that arrives late (as real voices do), and
# that records what it is asked to say. add_init_script runs before the page's scripts.
STUB_SPEECH = """
(() => {
  const synth = new EventTarget();
  let voices = [];
  window.__spoken = [];
  synth.getVoices = () => voices;
  synth.speak = (utterance) => window.__spoken.push({text: utterance.text, lang: utterance.lang});
  synth.cancel = () => {};
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  setTimeout(() => {
    voices = [{lang: "lv-LV", name: "Latvian", default: false},
              {lang: "en-GB", name: "English", default: false}];
    synth.dispatchEvent(new Event("voiceschanged"));
  }, 300);
})();
"""


@pytest.fixture
def survey_link(runner) -> str:
    result = runner.invoke(
        args=["campaigns", "create", "sat-2026", "--form", "client-satisfaction"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["campaigns", "link", "sat-2026", "--label", "leaflet"])
    assert result.exit_code == 0, result.output
    return re.search(r"/s/[a-z2-7]+$", result.output.strip()).group(0)


def stored(app) -> list[dict]:
    with app.app_context():
        return [s.answers for s in db.session.scalars(select(Submission))]


def open_plain(page, path: str) -> None:
    page.goto(path)
    page.wait_for_selector("#answer-form.plain.plain-ready.one-question")


def progress(page) -> str:
    return page.locator("#step-label").text_content()


def shown_questions(page) -> list[str]:
    boxes = page.locator(".question:not([data-type=note])")
    return [
        boxes.nth(i).get_attribute("data-question")
        for i in range(boxes.count())
        if boxes.nth(i).is_visible()
    ]


def next_screen(page) -> None:
    page.locator('[data-action="next"]').click()


def test_a_respondent_fills_a_survey_one_question_at_a_time(app, page, survey_link):
    open_plain(page, f"{survey_link}?lang=en")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
    assert shown_questions(page) == ["municipality"]
    assert page.get_by_text("Thank you for taking part!").is_visible()  # the note goes along
    assert re.fullmatch(r"1 of \d+", progress(page))
    assert not page.get_by_test_id("finish").is_visible()
    assert page.locator('[data-action="back"]').is_hidden()
    next_button = page.locator('[data-action="next"]')
    assert next_button.bounding_box()["height"] >= 48

    page.get_by_label("Valmiera Municipality").check()
    next_screen(page)
    assert shown_questions(page) == ["was_client"]
    page.locator('input[name="was_client"][value="yes"]').check()
    # Clients get the six statements, improve and age: 10 questions now.
    assert progress(page) == "2 of 10"

    for number, name in enumerate(SCALES, start=3):
        next_screen(page)
        assert shown_questions(page) == [name]
        assert progress(page) == f"{number} of 10"
        faces = page.locator(f'.question[data-question="{name}"] .scale-face')
        assert faces.count() == 5
        assert faces.first.bounding_box()["height"] >= 40  # big faces
        # Each face is a radio with its words as the visible, accessible label.
        page.get_by_role("radio", name="4 Mostly agree").check()

    page.locator('[data-action="back"]').click()
    assert shown_questions(page) == ["professional"]
    assert progress(page) == "7 of 10"
    next_screen(page)
    next_screen(page)
    assert progress(page) == "9 of 10"
    page.locator('textarea[name="improve"]').fill("Answer the phone more often")
    next_screen(page)
    assert progress(page) == "10 of 10"
    assert page.locator('[data-action="next"]').is_hidden()
    page.get_by_label("65 or older").check()
    finish = page.get_by_test_id("finish")
    assert finish.bounding_box()["height"] >= 48
    finish.click()

    wait_for_outbox(page, 0)
    wait_until_stored_answers(app, page)
    page.wait_for_timeout(500)  # a second send would land now
    [answers] = stored(app)
    assert answers["municipality"] == "valmiera"
    assert answers["improve"] == "Answer the phone more often"
    assert [answers[name] for name in SCALES] == [4] * 6
    assert "opinion" not in answers
    # A new, blank survey at its first question.
    assert shown_questions(page) == ["municipality"]
    assert re.fullmatch(r"1 of \d+", progress(page))


def wait_until_stored_answers(app, page, timeout_s: float = 20) -> None:
    for _ in range(int(timeout_s * 10)):
        if stored(app):
            return
        page.wait_for_timeout(100)
    raise AssertionError("nothing stored")


def test_progress_counts_only_the_questions_shown(page, survey_link):
    open_plain(page, f"{survey_link}?lang=en")
    next_screen(page)
    page.locator('input[name="was_client"][value="no"]').check()
    # Non-clients: opinion and would_ask (why_not only after "no"), improve, age: 6.
    assert progress(page) == "2 of 6"
    next_screen(page)
    assert shown_questions(page) == ["opinion"]
    next_screen(page)
    page.locator('input[name="would_ask"][value="no"]').check()
    assert progress(page) == "4 of 7"
    next_screen(page)
    assert shown_questions(page) == ["why_not"]


def test_read_aloud_is_hidden_without_a_voice(page, survey_link):
    open_plain(page, survey_link)
    page.wait_for_timeout(500)  # voices that would come, would have come
    assert page.get_by_test_id("read-aloud").count() == 1
    assert page.get_by_test_id("read-aloud").is_hidden()


def test_read_aloud_speaks_the_question_and_its_choices_with_a_matching_voice(
    context, page, survey_link
):
    context.add_init_script(STUB_SPEECH)
    open_plain(page, f"{survey_link}?lang=en")
    button = page.get_by_test_id("read-aloud")
    button.wait_for(state="visible")  # once the voices came
    assert button.text_content() == "Read aloud"
    assert button.bounding_box()["height"] >= 48
    next_screen(page)
    button.click()
    [spoken] = page.evaluate("window.__spoken")
    assert spoken["lang"] == "en-GB"
    assert spoken["text"].startswith("In the last 2 years, did you get help from the social")
    assert "I don't know" in spoken["text"]
    assert "Thank you for taking part" not in spoken["text"]  # the first screen's note


def test_read_aloud_stays_hidden_when_no_voice_speaks_the_language(context, page, survey_link):
    context.add_init_script(STUB_SPEECH)
    open_plain(page, f"{survey_link}?lang=ru")
    page.wait_for_timeout(600)
    assert page.get_by_test_id("read-aloud").is_hidden()
