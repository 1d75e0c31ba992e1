"""Defaults in a real Chromium: a new interview starts with them, a draft keeps what the
interviewer changed (an emptied default too), a hidden question's default is never sent,
and kiosk mode gives the next person the defaults, not the last person's answers."""

import textwrap

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from collector.schema.loader import load_form_text
from collector.schema.versions import publish_version
from tests.e2e.conftest import log_in
from tests.e2e.test_kiosk import enter_kiosk, next_person, wait_for_storage
from tests.e2e.test_offline import wait_until_stored

FORM = textwrap.dedent(
    """\
    form: e2e-defaults
    version: 1
    kind: interview
    languages: [en]
    title: Defaults
    sections:
      - id: one
        title: One
        questions:
          - {id: name, type: text, label: Name, default: Ilze}
          - id: pets
            type: select_multiple
            label: Pets
            choices:
              - {value: cat, label: Cat}
              - {value: dog, label: Dog}
              - {value: fish, label: Fish}
            default: [cat, fish]
          - {id: car, type: yes_no, label: Car, default: 'no'}
          - {id: car_kind, type: text, label: Which car, show_if: "car == 'yes'", default: Volvo}
    """
)
PATH = "/f/e2e-defaults?campaign=defaults"
# What the person sees: each question's value, or the ticked codes of a choice question.
SHOWN = """() => {
  const form = document.getElementById('answer-form');
  const ticked = (name) => [...form.querySelectorAll(`[name=${name}]:checked`)].map((i) => i.value);
  const box = form.querySelector('[data-question=car_kind]');
  return {name: form.elements.name.value, pets: ticked('pets'), car: ticked('car'),
          car_kind: form.elements.car_kind.value,
          car_kind_shown: !box.classList.contains('hidden-by-condition')};
}"""
FRESH = {
    "name": "Ilze",
    "pets": ["cat", "fish"],
    "car": ["no"],
    "car_kind": "",
    "car_kind_shown": False,
}


@pytest.fixture
def defaults_campaign(app, runner, make_user) -> None:
    with app.app_context():
        publish_version(load_form_text(FORM, "e2e-defaults.yaml"))
    make_user("anna")
    result = runner.invoke(
        args=["campaigns", "create", "defaults", "--form", "e2e-defaults", "--interviewer", "anna"]
    )
    assert result.exit_code == 0, result.output


def stored_answers(app) -> list[dict]:
    with app.app_context():
        return [s.answers for s in db.session.scalars(select(Submission))]


def wait_for_autosave(page) -> None:
    page.wait_for_timeout(800)


@pytest.mark.usefixtures("defaults_campaign")
def test_defaults_start_a_new_interview_survive_as_edited_in_a_draft_and_come_back_in_kiosk(
    app, context, page
):
    log_in(page, next_path=PATH)
    wait_for_storage(page)
    assert page.evaluate(SHOWN) == FRESH

    # The interviewer empties one default, unticks another, and opens the hidden question:
    # it comes into view with its own default.
    page.fill("[name=name]", "")
    page.locator("[name=pets][value=fish]").uncheck()
    page.locator("[name=car][value=yes]").check()
    assert page.locator("[name=car_kind]").input_value() == "Volvo"
    page.fill("[name=car_kind]", "Audi")
    edited = {
        "name": "",
        "pets": ["cat"],
        "car": ["yes"],
        "car_kind": "Audi",
        "car_kind_shown": True,
    }
    assert page.evaluate(SHOWN) == edited
    wait_for_autosave(page)
    page.reload()
    page.wait_for_function("() => document.querySelector('[name=car][value=yes]').checked")
    assert page.evaluate(SHOWN) == edited  # the draft as left, not the page's defaults

    # Hidden again: its default is no answer of this person.
    page.locator("[name=car][value=no]").check()
    page.get_by_test_id("finish").click()
    wait_until_stored(app, page, 1)
    assert stored_answers(app) == [{"pets": ["cat"], "car": "no"}]
    page.wait_for_function("() => document.querySelector('[name=name]').value === 'Ilze'")
    assert page.evaluate(SHOWN) == FRESH  # the next interview starts with the defaults

    enter_kiosk(page)
    assert page.evaluate(SHOWN) == FRESH
    page.fill("[name=name]", "Pēteris")
    page.locator("[name=pets][value=dog]").check()
    page.locator("[name=car][value=yes]").check()
    page.fill("[name=car_kind]", "Saab")
    page.get_by_test_id("finish").click()
    page.locator("#kiosk-thanks").wait_for(state="visible")
    next_person(page)
    assert page.evaluate(SHOWN) == FRESH  # the defaults, nothing of Pēteris
    wait_until_stored(app, page, 2)
    assert {
        "name": "Pēteris",
        "pets": ["cat", "dog", "fish"],
        "car": "yes",
        "car_kind": "Saab",
    } in (stored_answers(app))
