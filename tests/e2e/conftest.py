"""A real server process and a real Chromium (Debian's), for the offline client's tests.

The server is `collector run` on a free localhost port, on the same database as the
`app` fixture (a SQLite file, or PostgreSQL), so tests check the stored rows directly.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import PASSWORD, REQUIRE_ALL
from tests.servers import LiveServer

CHROMIUM = os.environ.get("COLLECTOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The closed network here refuses Chromium's background connections; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if REQUIRE_ALL:
            pytest.fail(f"browser tests are required here: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app: Flask, tmp_path: Path) -> Iterator[LiveServer]:
    """`collector run` serving the test database on a free port."""
    server = LiveServer(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile (own cookies, IndexedDB, service worker) at phone size."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        service_workers="allow",
    )
    refused = []
    # Every browser test also checks the Content-Security-Policy: the pages must work under
    # it without anything being refused.
    context.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    yield context
    context.close()
    assert refused == [], "the page broke its Content-Security-Policy"


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


def log_in(page, username: str = "anna", password: str = PASSWORD, next_path: str = "/app") -> None:
    page.goto(f"/login?next={next_path}")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.click('button[type="submit"]')
    page.wait_for_url(f"**{next_path.split('?')[0]}*")
