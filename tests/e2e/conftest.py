"""A real server process and a real Chromium (Debian's), for the offline client's tests.

The server is `collector run` on a free localhost port, on the same database as the
`app` fixture (a SQLite file, or PostgreSQL), so tests check the stored rows directly.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import PASSWORD, REQUIRE_ALL

CHROMIUM = os.environ.get("COLLECTOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
COLLECTOR = Path(sys.executable).parent / "collector"
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """`collector run` on a fixed port; `restart` keeps the port, as a redeploy would."""

    def __init__(self, database_url: str, workdir: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k != "FLASK_APP"}
        self.env["DATABASE_URL"] = database_url
        self.env["COLLECTOR_INSTANCE_PATH"] = str(workdir / "server-instance")
        self.log_path = workdir / "server.log"
        self.process: subprocess.Popen | None = None

    def start(self, **extra_env: str) -> None:
        env = {**self.env, **extra_env}
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603 -- our own script, fixed arguments
                [str(COLLECTOR), "run", "--host", "127.0.0.1", "--port", str(self.port)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _wait_until_up(self.url, self.process, self.log_path)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def restart(self, **extra_env: str) -> None:
        self.stop()
        self.start(**extra_env)


@pytest.fixture
def live_server(app: Flask, tmp_path: Path) -> Iterator[LiveServer]:
    """`collector run` serving the test database on a free port."""
    server = LiveServer(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path)
    server.start()
    yield server
    server.stop()


def _wait_until_up(url: str, process: subprocess.Popen, log_path: Path) -> None:
    for _attempt in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the server did not start: {log_path.read_text()}")


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
