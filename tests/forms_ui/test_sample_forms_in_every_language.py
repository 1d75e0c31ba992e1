"""The three sample forms render and are stored in Latvian, English and Russian, and the
microproject form also in Arabic, right to left (the plain no-JavaScript path; the
offline path is in tests/e2e)."""

import re

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from tests.conftest import form_post_data
from tests.factories import kitchen_talk_answers

FORMS = {
    "kitchen-talk": kitchen_talk_answers(),
    "client-satisfaction": {"was_client": "yes", "respect": 4},
    "microproject-feedback": {},
}
CASES = [(form, lang) for form in FORMS for lang in ("lv", "en", "ru")] + [
    ("microproject-feedback", "ar")
]


@pytest.mark.parametrize(("form_key", "lang"), CASES)
def test_a_sample_form_renders_and_is_stored_in_the_language_shown(
    app, coordinator_client, published_forms, form_key, lang
):
    url = f"/f/{form_key}?lang={lang}"
    page = coordinator_client.get(url).get_data(as_text=True)
    direction = "rtl" if lang == "ar" else "ltr"
    assert re.search(rf'<html lang="{lang}" dir="{direction}"', page)
    response = coordinator_client.post(url, data=form_post_data(page, FORMS[form_key]))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        stored = db.session.scalar(select(Submission))
        assert stored.lang == lang
