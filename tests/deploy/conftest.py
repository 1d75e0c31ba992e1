"""Running the installed `collector` (and pg_dump, gunicorn...) the way docs/deploy.md says."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = ROOT / "docs" / "deploy.md"
BIN = Path(sys.executable).parent
needs_collector = pytest.mark.skipif(
    not (BIN / "collector").exists(), reason="the collector script is not installed"
)


def documented(command: str) -> str:
    """`command`, after checking docs/deploy.md gives it word for word: the tests run
    what an IT person copies from the docs, not something like it."""
    assert command in DOCS.read_text(encoding="utf-8"), f"docs/deploy.md lacks: {command}"
    return command


def shell(command: str, env: dict[str, str], timeout: float = 180) -> str:
    """Run one line with bash, as typed at a prompt with `env` exported; its stdout."""
    result = subprocess.run(  # noqa: S603 -- our own fixed command lines
        ["bash", "-euo", "pipefail", "-c", command],  # noqa: S607 -- bash from PATH, as a person
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def service_environment(instance: Path, **settings: str) -> dict[str, str]:
    """What /etc/collector/collector.env gives a shell: the venv first on PATH, our own
    instance folder, and nothing this test run happens to have set for the app."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "FLASK_APP", "COLLECTOR_RELEASE")
        and not key.startswith("GUNICORN_")
    }
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["COLLECTOR_INSTANCE_PATH"] = str(instance)
    env.update(settings)
    return env
