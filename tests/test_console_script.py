"""The installed `collector` script honours DATABASE_URL and COLLECTOR_INSTANCE_PATH, and serves."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FORMS_DIR
from tests.servers import free_port

COLLECTOR = Path(sys.executable).parent / "collector"

pytestmark = pytest.mark.skipif(
    not COLLECTOR.exists(), reason="the collector script is not installed"
)


def run_collector(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(COLLECTOR), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def environment(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "FLASK_APP")}
    env["COLLECTOR_INSTANCE_PATH"] = str(tmp_path / "instance")
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    return env


def test_db_upgrade_and_import_use_database_url_and_instance_path(environment, tmp_path):
    assert run_collector("db", "upgrade", env=environment).returncode == 0
    imported = run_collector("forms", "import", str(FORMS_DIR), env=environment)
    assert imported.returncode == 0, imported.stderr
    listed = run_collector("forms", "list", env=environment)
    assert "kitchen-talk" in listed.stdout
    assert (tmp_path / "elsewhere.db").exists()
    assert (tmp_path / "instance" / "secret_key").exists()
    assert not (tmp_path / "instance" / "collector.db").exists()


def test_failing_command_exits_1_with_file_and_line(environment, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("form: x\nversion: 1\nkind: quiz\n")
    result = run_collector("forms", "validate", str(bad), env=environment)
    assert result.returncode == 1
    assert f"{bad}:3:" in result.stderr


def test_collector_run_serves(environment):
    run_collector("db", "upgrade", env=environment)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 -- our own script, fixed arguments
        [str(COLLECTOR), "run", "--host", "127.0.0.1", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = None
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/health", timeout=2
                ) as r:
                    body = r.read()
                break
            except OSError:
                time.sleep(0.1)
        assert body == b'{"status":"ok"}\n'
    finally:
        server.terminate()
        server.wait(timeout=10)
