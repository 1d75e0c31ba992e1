"""The app in a real Chromium at phone size: log in, open a form, nothing wider than 360 px."""

from tests.e2e.conftest import log_in


def test_an_interviewer_logs_in_and_opens_the_campaign_form(page, field_campaign):
    log_in(page)
    page.goto("/f/kitchen-talk?campaign=cesis-2026")
    assert page.locator('[data-testid="finish"]').count() == 1
    assert page.locator("html").get_attribute("lang") in ("lv", "en")


def test_the_form_fits_a_360_px_screen(page, field_campaign):
    log_in(page)
    page.goto("/f/kitchen-talk?campaign=cesis-2026")
    widest = page.evaluate("document.documentElement.scrollWidth")
    assert widest <= 360


def test_every_control_is_at_least_44_px_high(page, field_campaign):
    log_in(page)
    page.goto("/f/kitchen-talk?campaign=cesis-2026")
    page.wait_for_selector("html.js")
    too_small = page.evaluate(
        """() => [...document.querySelectorAll(
                '.option, .button, input[type=text], input[type=date], textarea, .lang-switch a'
            )]
            .filter(element => element.offsetParent !== null)
            .map(el => [el.outerHTML.slice(0, 60), el.getBoundingClientRect().height])
            .filter(([, height]) => height < 44)"""
    )
    assert too_small == []
