"""The app under gunicorn, as in production, for the soak and fault tests.

`GunicornServer` runs `gunicorn collector.wsgi:app` (several worker processes) on a free
localhost port, on the same database as the `app` fixture (a SQLite file, or
PostgreSQL), so tests send real HTTP and then check the stored rows directly. It runs in
a process group of its own, so a test can SIGKILL the master and all its workers at
once, as a power cut or the OOM killer would.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from collector.auth.models import Role
from tests.conftest import assign_interviewer
from tests.servers import free_port, wait_until_up

# Generous, but every request and every wait ends: a hung server fails the test, not CI.
REQUEST_TIMEOUT = 30.0

# The server's instance/config.py. The soak sends thousands of requests a minute with one
# token per interviewer: far more than the per-credential API limit allows a phone.
# SECRET_KEY is fixed, as with several app servers in production (docs/deploy.md).
INSTANCE_CONFIG = """\
API_RATE_LIMIT = "100000 per minute"
RATELIMIT_STORAGE_URI = "memory://"
PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
BABEL_DEFAULT_LOCALE = "en"
SECRET_KEY = "load-test-secret"
"""


class GunicornServer:
    """`gunicorn collector.wsgi:app` on a fixed port; `restart` keeps the port, as a
    redeploy would. Its output (both streams, all processes) goes to `log_path`."""

    def __init__(
        self, database_url: str, workdir: Path, *, workers: int = 4, threads: int = 1
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.threads = threads
        instance = workdir / "instance"
        instance.mkdir(parents=True, exist_ok=True)
        (instance / "config.py").write_text(INSTANCE_CONFIG)
        self.env = {k: v for k, v in os.environ.items() if k != "FLASK_APP"}
        self.env["DATABASE_URL"] = database_url
        self.env["COLLECTOR_INSTANCE_PATH"] = str(instance)
        self.log_path = workdir / "gunicorn.log"
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "collector.wsgi:app",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            # Longer than any request here, so gunicorn never kills a worker on its own and
            # hides what the test is checking.
            "--timeout",
            "120",
            "--graceful-timeout",
            "10",
            "--error-logfile",
            "-",
        ]

    def start(self) -> None:
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603 -- our own command, fixed arguments
                self.command(),
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until_up(self.url, self.process, self.log_path)

    def stop(self) -> None:
        """Graceful: SIGTERM lets workers finish their requests."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: nothing gets to clean up."""
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=30)
            self.process = None
            wait_until_port_closed(self.port)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def post_json(self, path: str, token: str, body: Any) -> tuple[int, Any]:
        return post_json(self.port, path, token, body)


def wait_until_port_closed(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"port {port} still answers after the server was killed")


def post_json(
    port: int, path: str, token: str, body: Any, timeout: float = REQUEST_TIMEOUT
) -> tuple[int, Any]:
    """POST `body` as JSON with a bearer token; the status and the decoded answer (or its
    text when it is not JSON, e.g. an HTML error page)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            "POST",
            path,
            body=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        raw = response.read().decode(errors="replace")
    finally:
        connection.close()
    try:
        return response.status, json.loads(raw)
    except ValueError:
        return response.status, raw


@pytest.fixture
def start_gunicorn(app: Flask, tmp_path: Path) -> Iterator[Callable[..., GunicornServer]]:
    """Start gunicorn on the test database with `workers` sync workers; each server is
    stopped (if the test did not kill it) at the end."""
    servers: list[GunicornServer] = []

    def start(workers: int = 4) -> GunicornServer:
        workdir = tmp_path / f"gunicorn-{len(servers)}"
        server = GunicornServer(app.config["SQLALCHEMY_DATABASE_URI"], workdir, workers=workers)
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def interviewer_tokens(app: Flask, field_campaign: str, make_api_client):
    """Make `count` interviewers assigned to the field campaign; their bearer tokens."""

    def make(count: int) -> list[str]:
        tokens = []
        for index in range(count):
            username = f"interviewer{index:02d}"
            tokens.append(make_api_client(username, Role.INTERVIEWER).token)
            assign_interviewer(app, field_campaign, username)
        return tokens

    return make
