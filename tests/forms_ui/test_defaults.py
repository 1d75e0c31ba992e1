"""A question's default is the answer it starts with on a new form page; what a person
posts (even an emptied default) wins, and a hidden question's default is no answer."""

import json
import re
import textwrap
from html.parser import HTMLParser
from typing import Any

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from collector.schema.loader import load_form_text
from collector.schema.versions import publish_version

WITH_DEFAULTS = textwrap.dedent(
    """\
    form: with-defaults
    version: 1
    kind: survey
    languages: [en]
    title: With defaults
    sections:
      - id: one
        title: One
        questions:
          - {id: name, type: text, label: Name, default: Ilze}
          - {id: story, type: textarea, label: Story, default: Once}
          - {id: people, type: integer, label: People, min: 1, max: 9, default: 2}
          - {id: weight, type: decimal, label: Weight, default: 2.5}
          - {id: day, type: date, label: Day, default: 2026-05-12}
          - id: colour
            type: select_one
            label: Colour
            choices: [{value: red, label: Red}, {value: blue, label: Blue}]
            default: blue
          - id: pets
            type: select_multiple
            label: Pets
            choices:
              - {value: cat, label: Cat}
              - {value: dog, label: Dog}
              - {value: fish, label: Fish}
            default: [cat, fish]
          - {id: mood, type: scale, label: Mood, default: 4}
          - {id: car, type: yes_no, label: Car, default: 'no'}
          - {id: plain, type: text, label: No default, required: true}
          - id: car_kind
            type: text
            label: Which car
            show_if: "car == 'yes'"
            default: Volvo
    """
)
URL = "/f/with-defaults"
DEFAULT_ANSWERS = {
    "name": "Ilze",
    "story": "Once",
    "people": 2,
    "weight": 2.5,
    "day": "2026-05-12",
    "colour": "blue",
    "pets": ["cat", "fish"],
    "mood": 4,
    "car": "no",
}


class _Inputs(HTMLParser):
    """What a browser without JavaScript would post from a page, as it stands."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        name = attr.get("name")
        if tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, [""])
        if tag != "input" or not name:
            return
        if attr.get("type") in ("radio", "checkbox") and "checked" not in attr:
            return
        self.data.setdefault(name, []).append(attr.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] = [data.strip("\n")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def posted_as_shown(page: str) -> dict[str, list[str]]:
    parser = _Inputs()
    parser.feed(page)
    return parser.data


@pytest.fixture
def with_defaults(app):
    with app.app_context():
        publish_version(load_form_text(WITH_DEFAULTS, "with-defaults.yaml"))


@pytest.fixture
def page(coordinator_client, with_defaults) -> str:
    return coordinator_client.get(URL).get_data(as_text=True)


def stored_answers(app) -> dict[str, Any]:
    with app.app_context():
        return db.session.scalar(select(Submission.answers))


def test_a_new_form_page_starts_each_question_with_its_default(page):
    shown = posted_as_shown(page)
    assert shown["name"] == ["Ilze"]
    assert shown["story"] == ["Once"]
    assert shown["people"] == ["2"]
    assert shown["weight"] == ["2.5"]
    assert shown["day"] == ["2026-05-12"]
    assert shown["colour"] == ["blue"]
    assert shown["pets"] == ["cat", "fish"]
    assert shown["mood"] == ["4"]
    assert shown["car"] == ["no"]
    assert shown["plain"] == [""]


def test_the_client_rules_carry_the_defaults_for_a_new_interview(page):
    rules = re.search(r'<script type="application/json" id="form-rules">(.*?)</script>', page, re.S)
    defaults = {q["id"]: q["default"] for q in json.loads(rules[1])["questions"]}
    assert defaults == {**DEFAULT_ANSWERS, "plain": None, "car_kind": "Volvo"}


def test_defaults_posted_without_javascript_are_answers_but_a_hidden_questions_is_not(
    app, coordinator_client, page
):
    data = posted_as_shown(page)
    assert data["car_kind"] == ["Volvo"]  # without JavaScript every question shows
    data["plain"] = ["typed"]
    response = coordinator_client.post(URL, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    # car is 'no', so car_kind was never asked: its default is not the person's answer.
    assert stored_answers(app) == {**DEFAULT_ANSWERS, "plain": "typed"}


def test_a_default_the_person_emptied_stays_empty_when_the_page_comes_back(
    coordinator_client, page
):
    data = posted_as_shown(page)
    data["name"] = [""]
    del data["pets"]  # every box unticked
    data["plain"] = [""]  # required: the page comes back with this error
    response = coordinator_client.post(URL, data=data)
    assert response.status_code == 422
    shown = posted_as_shown(response.get_data(as_text=True))
    assert shown["name"] == [""]
    assert "pets" not in shown
    assert shown["people"] == ["2"]  # what was posted, as it was


def test_a_choice_question_posted_without_its_default_has_no_answer(app, coordinator_client, page):
    # As when the page's script cleared it (its condition hid it): radios the post lacks
    # must stay unanswered, not take their default back on the server.
    data = posted_as_shown(page)
    del data["car"], data["mood"], data["colour"]
    data["plain"] = ["typed"]
    response = coordinator_client.post(URL, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    answers = stored_answers(app)
    assert {"car", "mood", "colour"} & set(answers) == set()
