"""Several app servers with RATELIMIT_STORAGE_URI pointing at one Redis keep one count, as
docs/deploy.md promises: calls made through one server use up the budget on the other.

Two real `collector run` processes on the same database and a real Redis (the machine's
own, which .ci/run starts when it is down). Each test run uses its own key prefix, so runs
never share counts.
"""

import json
import os
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from flask import Flask

from tests.servers import LiveServer

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REQUIRE_ALL = os.environ.get("COLLECTOR_REQUIRE_ALL_BACKENDS") == "1"


def redis_missing_reason() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:  # noqa: BLE001 -- any failure means: no Redis to test with
        return f"no Redis at {REDIS_URL}: {error}"
    return None


@pytest.fixture
def shared_store_servers(app: Flask, make_api_client, tmp_path: Path):
    """Two app servers, one database, one Redis; API_RATE_LIMIT of 3 calls a minute."""
    reason = redis_missing_reason()
    if reason:
        if REQUIRE_ALL:
            pytest.fail(reason)
        pytest.skip(reason)
    token = make_api_client("anna").token
    prefix = f"collector-test-{uuid.uuid4().hex}"
    servers = []
    for name in ("first", "second"):
        workdir = tmp_path / name
        instance = workdir / "server-instance"
        instance.mkdir(parents=True)
        (instance / "config.py").write_text(
            f"RATELIMIT_STORAGE_URI = {REDIS_URL!r}\n"
            f"RATELIMIT_KEY_PREFIX = {prefix!r}\n"
            'API_RATE_LIMIT = "3 per minute"\n'
        )
        server = LiveServer(app.config["SQLALCHEMY_DATABASE_URI"], workdir)
        server.start()
        servers.append(server)
    yield token, servers
    for server in servers:
        server.stop()


def session_call(server: LiveServer, token: str) -> int:
    request = urllib.request.Request(  # noqa: S310 -- our own server on loopback
        f"{server.url}/api/v1/session", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            json.load(response)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_calls_through_one_server_count_on_the_other(shared_store_servers):
    token, (first, second) = shared_store_servers

    statuses = [session_call(first, token), session_call(first, token)]
    statuses += [session_call(second, token), session_call(second, token)]

    assert statuses == [200, 200, 200, 429]
