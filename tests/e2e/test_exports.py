"""A coordinator takes the Excel workbook from the web app, on a phone-sized screen."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from collector.auth.models import Role
from tests.e2e.conftest import log_in
from tests.factories import submission

pytestmark = pytest.mark.usefixtures("published_forms")


@pytest.fixture
def two_interviews(published_forms, api):
    for _ in range(2):
        assert api.submit(submission()).status_code == 201


@pytest.fixture
def coordinator(make_user) -> str:
    make_user("cora", Role.COORDINATOR)
    return "cora"


def download_from(page, link, tmp_path: Path) -> Path:
    with page.expect_download() as download:
        link.click()
    target = tmp_path / "downloaded.xlsx"
    download.value.save_as(target)
    return target


def answer_rows(path: Path) -> int:
    book = load_workbook(path, read_only=True)
    try:
        return len(list(book["Answers"].iter_rows())) - 1
    finally:
        book.close()


def kitchen_talk_download_button(page):
    section = page.locator("section.export-form").filter(has=page.locator("#campaign-kitchen-talk"))
    return section.locator("button[type=submit]")


@pytest.mark.usefixtures("two_interviews")
def test_a_small_workbook_downloads_at_once_from_the_exports_page(page, coordinator, tmp_path):
    log_in(page, coordinator, next_path="/exports")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    path = download_from(page, kitchen_talk_download_button(page), tmp_path)
    assert answer_rows(path) == 2


@pytest.mark.usefixtures("two_interviews")
def test_a_large_workbook_is_built_in_the_background_with_its_progress_shown(
    page, coordinator, live_server, tmp_path
):
    config = Path(live_server.env["COLLECTOR_INSTANCE_PATH"]) / "config.py"
    config.write_text("EXPORT_INLINE_LIMIT = 1\n")  # two interviews are "large" now
    live_server.restart()
    log_in(page, coordinator, next_path="/exports")
    kitchen_talk_download_button(page).click()
    page.wait_for_url("**/exports/*")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ready = page.locator("a.button.primary[href$='/download']")
    ready.wait_for(timeout=30_000)  # the page refreshes itself until the file is ready
    assert answer_rows(download_from(page, ready, tmp_path)) == 2
