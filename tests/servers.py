"""Real server processes on loopback for the tests that need one: `collector run`
(LiveServer) here; gunicorn's harness is in tests/load."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

COLLECTOR = Path(sys.executable).parent / "collector"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(
    url: str, process: subprocess.Popen, log_path: Path, *, seconds: float = 60
) -> None:
    """Until `url` answers its health check; the server's log if it stops or never does.
    Generous: a loaded CI machine takes seconds to import the app in each process."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=1):  # noqa: S310
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the server did not start: {log_path.read_text()}")


class LiveServer:
    """`collector run` on a fixed port; `restart` keeps the port, as a redeploy would."""

    def __init__(self, database_url: str, workdir: Path) -> None:
        self.port = free_port()
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
        wait_until_up(self.url, self.process, self.log_path)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def restart(self, **extra_env: str) -> None:
        self.stop()
        self.start(**extra_env)
