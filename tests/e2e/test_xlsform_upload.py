"""The upload page on a phone-sized screen (360 px) in a real Chromium: the list of
problems, then the published form, fit the width, and nothing breaks the CSP.
Skipped where Chromium is missing, like every browser test (see conftest.py)."""

from collector.auth.models import Role
from tests.e2e.conftest import log_in
from tests.xlsform.workbooks import xlsx

LONG = "A question with a long label that a coordinator wrote in one breath " * 3
BAD = xlsx(
    [
        ["type", "name", "label", "relevant"],
        ["text", "a", LONG],
        ["text", "b", "B", "string-length(${a}) > 12345678901234567890"],
    ]
)
GOOD = xlsx(
    [["type", "name", "label"], ["text", "a", LONG]],
    None,
    [["form_id", "version", "default_language"], ["phone-upload", 1, "en"]],
)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def upload(page, path) -> None:
    page.set_input_files('input[name="workbook"]', str(path))
    with page.expect_navigation():
        page.click('form.stack button[type="submit"]')


def test_problems_and_the_published_form_fit_a_phone_screen(page, make_user, tmp_path):
    make_user("cora", Role.COORDINATOR)
    log_in(page, "cora", next_path="/forms/import-xlsform")
    assert fits(page)
    (tmp_path / "bad.xlsx").write_bytes(BAD)
    upload(page, tmp_path / "bad.xlsx")
    problems = page.locator('[data-testid="xlsform-problems"] li')
    assert "sheet survey, row 3, column relevant" in problems.first.inner_text()
    assert fits(page)
    (tmp_path / "good.xlsx").write_bytes(GOOD)
    upload(page, tmp_path / "good.xlsx")
    assert "phone-upload version 1 is published." in page.inner_text("main")
    page.click("details.xlsform-yaml summary")
    assert fits(page)
