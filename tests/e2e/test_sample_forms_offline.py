"""Each sample form in another language than the default, Arabic right to left included,
filled with the network cut and sent once it is back."""

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from tests.e2e import test_offline as offline

# (form, language, the required answers as (input name, value to tick))
CASES = [
    ("microproject-feedback", "ar", []),
    ("client-satisfaction", "ru", [("was_client", "no")]),
]


@pytest.mark.parametrize(("form_key", "lang", "ticks"), CASES)
def test_a_sample_form_is_filled_offline_in_its_language_and_sent_once(
    app, context, page, field_campaign, runner, form_key, lang, ticks
):
    slug = f"{form_key}-wave"
    result = runner.invoke(
        args=["campaigns", "create", slug, "--form", form_key, "--interviewer", "anna"]
    )
    assert result.exit_code == 0, result.output
    path = f"/f/{form_key}?campaign={slug}&lang={lang}"
    offline.make_ready_for_offline(page)
    page.goto(path, wait_until="networkidle")  # a visit keeps the page in this language
    page.wait_for_function(
        """async (path) => {
            for (const name of await caches.keys()) {
                if (await (await caches.open(name)).match(path)) return true;
            }
            return false;
        }""",
        arg=path,
    )
    context.set_offline(True)
    page.reload(wait_until="load")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    for _step in range(30):
        for name, value in ticks:
            option = page.locator(f'input[name="{name}"][value="{value}"]')
            if option.is_visible() and not option.is_checked():
                option.check()
        next_button = page.locator('[data-action="next"]')
        if not next_button.is_visible():
            break
        next_button.click()
    page.get_by_test_id("finish").click()
    offline.wait_for_outbox(page, 1)
    context.set_offline(False)
    page.get_by_test_id("sync-now").click()
    offline.wait_until_stored(app, page, 1)
    offline.wait_for_outbox(page, 0)
    with app.app_context():
        [stored] = db.session.scalars(select(Submission))
        assert stored.lang == lang
        assert stored.form_version.schema["form"] == form_key
