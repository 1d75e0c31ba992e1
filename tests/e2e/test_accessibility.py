"""Every kind of page, at phone width in a real Chromium, checked with axe-core for the
WCAG 2 A/AA rules: no serious or critical violation (contrast, labels, names, landmarks...).

The data is made through the real app: the CLI, the API and the pages themselves.
"""

import re

import pytest
from sqlalchemy import select

from collector.auth.models import Role, User
from collector.auth.tokens import issue_token
from collector.campaigns.models import RespondentLink
from collector.extensions import db
from collector.intake.models import QuarantineItem
from tests.conftest import PASSWORD, ApiClient, assign_interviewer
from tests.e2e.axe import AxeReport
from tests.factories import kitchen_talk_answers, submission

pytestmark = pytest.mark.usefixtures("field_campaign")

CAMPAIGN = "cesis-2026"
# One campaign per sample form, anna interviewing for each.
CAMPAIGNS = {
    "kitchen-talk": CAMPAIGN,
    "client-satisfaction": "smiltene-2026",
    "microproject-feedback": "youth-2026",
}
# The sample forms that have required questions (Finish on an empty one shows errors).
REQUIRED_QUESTIONS = ("kitchen-talk", "client-satisfaction")
# Coordinator pages whose first dozen focus stops are tabbed through.
FOCUS_CHECKED = ("/campaigns", f"/campaigns/{CAMPAIGN}", "/quarantine/1", "/people/new")
KIOSK_READY = (
    "() => document.documentElement.classList.contains('kiosk') && history.state === 'kiosk-guard'"
)


def log_in(page, username: str, next_path: str) -> None:
    from tests.e2e.conftest import log_in as real_log_in

    real_log_in(page, username, next_path=next_path)


def wait_for_scripts(page) -> None:
    """The form's scripts have run once the first sync has said something."""
    page.wait_for_function("() => document.getElementById('sync-message').textContent !== ''")


def check_every_step(report: AxeReport, page, where: str) -> None:
    """A form shows one step at a time: check each, going on with Next."""
    for step in range(30):
        report.check(page, f"{where} step {step}")
        next_button = page.locator('[data-action="next"]')
        if not next_button.is_visible():
            return
        next_button.click()


def make_campaigns(runner, app) -> None:
    for form, slug in CAMPAIGNS.items():
        if slug == CAMPAIGN:
            continue
        result = runner.invoke(args=["campaigns", "create", slug, "--form", form])
        assert result.exit_code == 0, result.output
        assign_interviewer(app, slug, "anna")


def annas_phone(app) -> ApiClient:
    with app.app_context():
        token = issue_token(db.session.scalar(select(User).where(User.username == "anna")))
    return ApiClient(app.test_client(), token)


def new_link(runner) -> str:
    result = runner.invoke(args=["campaigns", "link", CAMPAIGN, "--label", "leaflet"])
    assert result.exit_code == 0, result.output
    return re.search(r"/s/[a-z2-7]+$", result.output.strip()).group(0)


def test_the_checks_find_what_they_look_for_without_a_csp_refusal(app, context, page):
    """axe runs in the page (without a CSP refusal: see the `context` fixture) and sees."""
    page.goto("/login")
    page.evaluate(
        """() => { const p = document.createElement('p');
        p.textContent = 'faint'; p.style.color = '#eee'; p.style.background = '#fff';
        document.querySelector('main').append(p); }"""
    )
    report = AxeReport()
    report.check(page, "login with a faint paragraph")
    assert "color-contrast (serious)" in "\n".join(report.problems)
    # The focus check sees a missing ring; the error check, an error not announced.
    page.evaluate("() => document.querySelector('[name=username]').style.outline = 'none'")
    report.check_focus(page, "login without a focus ring")
    assert "no visible focus ring on input#username" in report.problems[-1]
    page.goto(f"/f/kitchen-talk?campaign={CAMPAIGN}")
    page.fill('input[name="username"]', "anna")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    wait_for_scripts(page)
    page.get_by_test_id("finish").click()
    page.locator("[aria-invalid=true]").first.wait_for()
    page.evaluate(
        "() => document.querySelector('[name=municipality]').setAttribute('aria-invalid', '')"
    )
    report.check_errors(page, "form")
    assert report.problems[-1] == "form: error municipality: not aria-invalid"


def test_login_start_and_interviewer_home(app, context, page):
    report = AxeReport()
    page.goto("/login")
    report.check(page, "login")
    report.check_focus(page, "login")
    page.fill('input[name="username"]', "anna")
    page.fill('input[name="password"]', "not the password")
    page.click('button[type="submit"]')
    page.wait_for_load_state()
    report.check(page, "login with an error")
    log_in(page, "anna", "/app")
    report.check(page, "interviewer home /app")
    report.check_focus(page, "interviewer home /app")
    page.goto("/")
    report.check(page, "start page /")
    report.assert_clean()


def test_the_three_sample_forms_with_errors_done_page_and_kiosk(app, runner, context, page):
    make_campaigns(runner, app)
    report = AxeReport()
    log_in(page, "anna", f"/f/kitchen-talk?campaign={CAMPAIGN}")
    for form, slug in CAMPAIGNS.items():
        path = f"/f/{form}?campaign={slug}"
        page.goto(path)
        wait_for_scripts(page)
        report.check_focus(page, form)
        page.goto(path)
        wait_for_scripts(page)
        check_every_step(report, page, form)
        if form not in REQUIRED_QUESTIONS:
            continue
        page.goto(path)
        wait_for_scripts(page)
        page.get_by_test_id("finish").click()
        page.locator(".has-error, [aria-invalid=true]").first.wait_for()
        report.check(page, f"{form} after Finish with nothing answered")
        report.check_errors(page, form)
    # The done page, after a plain finished interview (the no-JavaScript path shows it).
    page.goto(f"/f/kitchen-talk/done?campaign={CAMPAIGN}")
    report.check(page, "done page")
    # Kiosk mode: the form as the respondent sees it.
    page.goto(f"/f/kitchen-talk?campaign={CAMPAIGN}")
    wait_for_scripts(page)
    page.get_by_test_id("kiosk-start").click()
    page.wait_for_function(KIOSK_READY)
    check_every_step(report, page, "kiosk")
    page.get_by_test_id("finish").click()
    page.locator(".has-error, [aria-invalid=true]").first.wait_for()
    report.check(page, "kiosk after Finish with nothing answered")
    report.check_errors(page, "kiosk")
    page.get_by_test_id("kiosk-end").click()
    report.check(page, "kiosk asking to end")
    report.assert_clean()


def test_respondent_link_and_thank_you_page(app, runner, context, page):
    link = new_link(runner)
    report = AxeReport()
    page.goto(link)
    report.check_focus(page, "respondent link")
    page.goto(link)
    check_every_step(report, page, "respondent link")
    page.goto(link)
    page.get_by_test_id("finish").click()
    page.locator(".has-error, [aria-invalid=true]").first.wait_for()
    report.check(page, "respondent link after Finish with nothing answered")
    report.check_errors(page, "respondent link")
    page.goto(f"{link}/done")
    report.check(page, "respondent thank-you page")
    report.assert_clean()


def test_coordinator_pages(app, runner, make_user, context, page):
    make_user("ilze", Role.COORDINATOR)
    phone = annas_phone(app)
    answers = kitchen_talk_answers(everyday_life="Quiet. The bus comes twice a week.")
    stored = submission(answers, campaign=CAMPAIGN)
    assert phone.submit(stored).status_code == 201
    assert phone.submit(submission(version=99, campaign=CAMPAIGN)).status_code == 422
    report = AxeReport()
    log_in(page, "ilze", "/campaigns")
    # A link made on its page (the live server's secret key gives its address and leaflet).
    page.goto(f"/campaigns/{CAMPAIGN}/links")
    page.fill('input[name="label"]', "Leaflet at the library")
    page.get_by_role("button", name="Make a new link").click()
    page.wait_for_load_state()
    report.check(page, "links page after making a link")
    with app.app_context():
        link_id = db.session.scalars(select(RespondentLink.id)).one()
        item_id = db.session.scalars(select(QuarantineItem.id)).one()
    for path in (
        "/campaigns",
        "/campaigns/new",
        f"/campaigns/{CAMPAIGN}",
        f"/campaigns/{CAMPAIGN}/edit",
        f"/campaigns/{CAMPAIGN}/links",
        f"/campaigns/{CAMPAIGN}/links/{link_id}/leaflet",
        f"/campaigns/{CAMPAIGN}/debrief?day=2026-05-12",
        "/debrief",
        "/quarantine",
        f"/quarantine/{item_id}",
        "/audit",
        "/people",
        "/people/new",
        "/exports",
        "/app",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        report.check(page, path)
        if path in FOCUS_CHECKED:
            report.check_focus(page, path)
    # A form sent back with its errors shown.
    page.goto("/campaigns/new")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()
    report.check(page, "/campaigns/new with errors")
    page.goto("/people/new")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    report.check(page, "/people/new with errors")
    report.assert_clean()
