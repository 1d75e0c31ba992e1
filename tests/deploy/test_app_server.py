"""deploy/collector.service and deploy/gunicorn.conf.py are valid, and the app started the
way the unit starts it answers /api/v1/health and logs the request."""

import re
import shlex
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.deploy.conftest import BIN, service_environment
from tests.servers import free_port

UNIT = ROOT / "deploy" / "collector.service"
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"

pytestmark = pytest.mark.skipif(not (BIN / "gunicorn").exists(), reason="gunicorn is not installed")


def local_unit() -> str:
    """The unit with the documented folders replaced by this checkout's."""
    return (
        UNIT.read_text()
        .replace("/srv/collector/venv/bin", str(BIN))
        .replace("/srv/collector/app", str(ROOT))
    )


def unit_command() -> list[str]:
    """The unit's ExecStart, as a command line here."""
    line = next(line for line in local_unit().splitlines() if line.startswith("ExecStart="))
    return shlex.split(line.split("=", 1)[1])


def test_the_unit_starts_gunicorn_with_the_documented_config():
    command = unit_command()
    assert command[0] == str(BIN / "gunicorn")
    assert command[command.index("-c") + 1] == str(CONFIG)
    assert command[-1] == "collector.wsgi:app"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not here")
def test_systemd_finds_nothing_wrong_in_the_unit(tmp_path: Path):
    unit = tmp_path / "collector.service"
    unit.write_text(local_unit())
    result = subprocess.run(  # noqa: S603 -- a fixed command line
        ["systemd-analyze", "verify", str(unit)],  # noqa: S607 -- systemd's own tool
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # systemd-analyze exits 0 even when it ignores a line it cannot read: its words count.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_gunicorn_accepts_the_config_and_loads_the_app(tmp_path: Path):
    # --check-config also imports collector.wsgi:app, so a broken app fails here too.
    result = subprocess.run(  # noqa: S603 -- our own fixed command line
        [*unit_command()[:-1], "--check-config", "collector.wsgi:app"],
        cwd=ROOT,
        env=service_environment(tmp_path / "instance"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_app_under_the_config_answers_the_health_check_and_logs_it(tmp_path: Path):
    port = free_port()
    env = service_environment(
        tmp_path / "instance",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603 -- our own fixed command line
            unit_command(), cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            answer = None
            for _attempt in range(300):
                try:
                    with urllib.request.urlopen(  # noqa: S310 -- a fixed local http URL
                        f"http://127.0.0.1:{port}/api/v1/health", timeout=2
                    ) as response:
                        answer = (response.status, response.headers["Server"], response.read())
                    break
                except OSError:
                    if server.poll() is not None:
                        break
                    time.sleep(0.1)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    logged = log.read_text()
    assert answer is not None, logged
    status, software, body = answer
    assert (status, body) == (200, b'{"status":"ok"}\n')
    assert software.startswith("gunicorn")
    # Access log on stdout (systemd's journal), one line per request, in the set format.
    assert re.search(r'"GET /api/v1/health" 200 \d+ \d+ms', logged), logged
