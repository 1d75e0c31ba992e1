"""Every question type of the format renders with inputs named by its id, and a plain POST
of each is stored with the type the API uses."""

import re
import textwrap

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from collector.schema.loader import load_form_text
from collector.schema.versions import publish_version
from tests.conftest import csrf_token_from

ALL_TYPES = textwrap.dedent(
    """\
    form: all-types
    version: 1
    kind: survey
    languages: [en, lv]
    title: {en: All types, lv: Visi tipi}
    sections:
      - id: one
        title: {en: One, lv: Viens}
        questions:
          - {id: intro, type: note, label: {en: A note, lv: Piezīme}}
          - {id: name, type: text, label: {en: Name, lv: Vārds}}
          - {id: story, type: textarea, label: {en: Story, lv: Stāsts}}
          - {id: people, type: integer, label: {en: People, lv: Cilvēki}, min: 1, max: 9}
          - {id: weight, type: decimal, label: {en: Weight, lv: Svars}}
          - {id: day, type: date, label: {en: Day, lv: Diena}}
          - {id: agree, type: consent, label: {en: I agree, lv: Piekrītu}, required: true}
      - id: two
        title: {en: Two, lv: Divi}
        questions:
          - id: colour
            type: select_one
            label: {en: Colour, lv: Krāsa}
            other: true
            choices:
              - {value: red, label: {en: Red, lv: Sarkana}}
              - {value: blue, label: {en: Blue, lv: Zila}}
          - id: pets
            type: select_multiple
            label: {en: Pets, lv: Mājdzīvnieki}
            choices:
              - {value: cat, label: {en: Cat, lv: Kaķis}}
              - {value: dog, label: {en: Dog, lv: Suns}}
          - id: mood
            type: scale
            label: {en: Mood, lv: Garastāvoklis}
            style: smileys
            min_label: {en: Bad, lv: Slikti}
            max_label: {en: Good, lv: Labi}
          - {id: car, type: yes_no, label: {en: Car, lv: Auto}}
    """
)
URL = "/f/all-types"


@pytest.fixture
def all_types(app):
    with app.app_context():
        publish_version(load_form_text(ALL_TYPES, "all-types.yaml"))


@pytest.fixture
def page(coordinator_client, all_types) -> str:
    return coordinator_client.get(URL).get_data(as_text=True)


@pytest.mark.parametrize(
    ("question_id", "markup"),
    [
        ("name", 'type="text"'),
        ("story", "<textarea"),
        ("people", 'inputmode="numeric"'),
        ("weight", 'inputmode="decimal"'),
        ("day", 'type="date"'),
        ("agree", 'type="checkbox"'),
        ("colour", 'type="radio"'),
        ("pets", 'type="checkbox"'),
        ("mood", 'type="radio"'),
        ("car", 'type="radio"'),
    ],
)
def test_each_type_has_its_input_named_by_the_question_id(page, question_id, markup):
    inputs = re.findall(rf'<(?:input|textarea)[^>]*name="{question_id}"[^>]*>', page)
    assert inputs, f"no input named {question_id}"
    assert any(markup.lstrip("<") in tag or tag.startswith(markup) for tag in inputs)


def test_a_note_shows_text_and_takes_no_input(page):
    assert "A note" in page
    assert 'name="intro"' not in page


def test_a_smiley_scale_shows_faces_and_its_end_labels(page):
    assert "😞" in page
    assert "😄" in page
    assert "Bad" in page
    assert "Good" in page


def test_every_type_posted_without_javascript_is_stored_typed(app, coordinator_client, page):
    data = {
        "csrf_token": csrf_token_from(page),
        "form_version": "1",
        "name": "Ilze",
        "story": "Line one.\nLine two.",
        "people": "3",
        "weight": "2,5",
        "day": "2026-05-12",
        "agree": "yes",
        "colour": "other",
        "colour_other": "green",
        "pets": ["cat", "dog"],
        "mood": "4",
        "car": "no",
    }
    response = coordinator_client.post(URL, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        answers = db.session.scalar(select(Submission.answers))
    assert answers == {
        "name": "Ilze",
        "story": "Line one.\nLine two.",
        "people": 3,
        "weight": 2.5,
        "day": "2026-05-12",
        "agree": True,
        "colour": "other",
        "colour_other": "green",
        "pets": ["cat", "dog"],
        "mood": 4,
        "car": "no",
    }
