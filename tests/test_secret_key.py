"""The key made in a fresh instance folder: several app-server workers starting at once
must all end up with the same, complete key."""

import multiprocessing
import stat
from pathlib import Path

from collector import instance_secret_key

WORKERS = 8


def _key_after_barrier(instance: str, barrier, keys) -> None:
    barrier.wait()
    keys.put(instance_secret_key(instance))


def test_workers_starting_together_share_one_complete_key(tmp_path: Path):
    # Real processes, as gunicorn's workers are; the barrier lines them up on the race.
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(WORKERS)
    keys = context.Queue()
    processes = [
        context.Process(target=_key_after_barrier, args=(str(tmp_path), barrier, keys))
        for _ in range(WORKERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=30)

    assert [process.exitcode for process in processes] == [0] * WORKERS
    seen = {keys.get(timeout=5) for _ in range(WORKERS)}
    assert seen == {(tmp_path / "secret_key").read_text().strip()}
    assert len(seen.pop()) == 64


def test_the_key_file_is_readable_by_its_owner_only(tmp_path: Path):
    instance_secret_key(str(tmp_path))

    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
    assert not list(tmp_path.glob(".secret_key*")), "no temporary file is left behind"
