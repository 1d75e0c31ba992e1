"""Fault: gunicorn killed (SIGKILL) in the middle of a batch, restarted, and the retry.

A batch is one transaction, so a server that dies while storing one leaves either all
its new interviews or none, never half; the phone did not hear an answer, keeps its
outbox and sends the same batch again, which then completes: every uuid stored once,
each answered 201 or 200.

"In the middle" is made real and deterministic, not left to timing:

- PostgreSQL: intake stores a batch in uuid order (`in_lock_order`). The test holds an
  uncommitted insert of the batch's middle uuid in a connection of its own, so the
  server inserts the earlier items in its transaction and then waits on that row's
  unique-index lock. The test sees that in pg_stat_activity (the server's backend waits
  on a lock and already has a transaction id, i.e. has written), then SIGKILLs the
  whole gunicorn process group, and only then rolls its own insert back.
- SQLite locks the whole database, not rows, so nothing outside can stop a writer in
  the middle. Instead the test adds a trigger that runs a long query (a cross join of
  10^9 rows, tens of seconds) when the batch's middle uuid is inserted: the server has
  inserted the earlier items in its transaction and is inside the insert of the middle
  one. The test measures how long the same batch takes without the trigger, waits
  twenty times that (at least a second) with the request still unanswered, SIGKILLs
  the process group, and drops the trigger before the restart.

Some interviews of the batch were stored by an earlier request, as happens when a phone
sent a few on their own before: the retry answers 200 for them and 201 for the rest.
"""

import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url

from collector.extensions import db
from collector.intake.models import Submission
from collector.intake.quarantine import fingerprint
from collector.schema.versions import find_published_schema
from tests.factories import kitchen_talk_answers, submission
from tests.load.conftest import REQUEST_TIMEOUT, GunicornServer

BATCH_SIZE = 21
WAIT_LIMIT = 30.0  # seconds for the server to reach the middle, and for cleanup


def make_batch(campaign: str) -> list[dict[str, Any]]:
    return [
        submission(kitchen_talk_answers(household_size=2 + index % 8), campaign=campaign)
        for index in range(BATCH_SIZE)
    ]


def middle_uuid(batch: list[dict[str, Any]]) -> str:
    return sorted(item["uuid"] for item in batch)[BATCH_SIZE // 2]


def stored_uuids(app: Flask, batch: list[dict[str, Any]]) -> set[str]:
    with app.app_context():
        wanted = [uuid.UUID(item["uuid"]) for item in batch]
        found = db.session.scalars(select(Submission.uuid).where(Submission.uuid.in_(wanted)))
        uuids = {str(value) for value in found}
        db.session.remove()
        return uuids


@contextmanager
def postgres_held_middle(app: Flask, batch: list[dict[str, Any]]):
    """An uncommitted insert of the middle uuid; yields a wait for the server to block."""
    middle = next(item for item in batch if item["uuid"] == middle_uuid(batch))
    with app.app_context():
        published = find_published_schema(middle["form"], middle["version"])
        engine = db.engine
        connection = engine.connect()
        transaction = connection.begin()
        connection.execute(
            insert(Submission).values(
                uuid=uuid.UUID(middle["uuid"]),
                form_version_id=published.version_id,
                lang="lv",
                answers={},
                content_hash=fingerprint({"held": True}),
            )
        )
        own_pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        watcher = engine.connect()
        blocked: list[int] = []

        def wait_until_inside() -> None:
            deadline = time.monotonic() + WAIT_LIMIT
            while time.monotonic() < deadline:
                row = watcher.execute(
                    text(
                        "SELECT pid, backend_xid FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock' "
                        "AND pid <> :own"
                    ),
                    {"own": own_pid},
                ).first()
                watcher.commit()
                if row is not None:
                    # A transaction id is assigned at the first write: the earlier items
                    # of the batch are inserted in the server's open transaction.
                    assert row.backend_xid is not None
                    blocked.append(row.pid)
                    return
                time.sleep(0.02)
            raise AssertionError("the server never waited on the held row")

        try:
            yield wait_until_inside
        finally:
            transaction.rollback()
            connection.close()
            # The orphaned backend wakes, finds its client gone and rolls back; wait for
            # it, so the check below sees the end state, not a transaction still open.
            deadline = time.monotonic() + WAIT_LIMIT
            while blocked and time.monotonic() < deadline:
                still = watcher.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"),
                    {"pid": blocked[0]},
                ).scalar()
                watcher.commit()
                if not still:
                    break
                time.sleep(0.05)
            watcher.close()


@contextmanager
def sqlite_slow_middle(app: Flask, batch: list[dict[str, Any]], batch_seconds: float):
    """A trigger that keeps the insert of the middle uuid busy for tens of seconds."""
    path = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    assert path
    assert Path(path).exists()
    # SQLAlchemy's Uuid is stored on SQLite as 32 hex digits.
    middle_hex = uuid.UUID(middle_uuid(batch)).hex
    connection = sqlite3.connect(path, timeout=WAIT_LIMIT)
    with connection:
        connection.execute("CREATE TABLE slow_rows (n INTEGER)")
        connection.executemany("INSERT INTO slow_rows VALUES (?)", [(n,) for n in range(1000)])
        # A trigger cannot take parameters; the uuid's hex digits are safe to inline.
        trigger = (
            "CREATE TRIGGER slow_middle AFTER INSERT ON submissions "  # noqa: S608
            f"WHEN NEW.uuid = '{middle_hex}' BEGIN "
            "SELECT count(*) FROM slow_rows a, slow_rows b, slow_rows c; END"
        )
        connection.execute(trigger)

    def wait_until_inside() -> None:
        # Far longer than the batch takes without the trigger, far shorter than the
        # trigger's query.
        time.sleep(min(max(1.0, 20 * batch_seconds), 5.0))

    try:
        yield wait_until_inside
    finally:
        with connection:
            connection.execute("DROP TRIGGER slow_middle")
            connection.execute("DROP TABLE slow_rows")
        connection.close()


def send_in_background(
    server: GunicornServer, token: str, batch: list[dict[str, Any]]
) -> tuple[threading.Thread, list[Any]]:
    heard: list[Any] = []

    def send() -> None:
        try:
            heard.append(server.post_json("/api/v1/submissions/batch", token, batch))
        except OSError as error:
            heard.append(error)

    thread = threading.Thread(target=send)
    thread.start()
    return thread, heard


def test_batch_killed_in_the_middle_is_stored_all_or_none_and_the_retry_completes_it(
    app: Flask,
    database_backend: str,
    field_campaign: str,
    interviewer_tokens,
    start_gunicorn,
) -> None:
    [token] = interviewer_tokens(1)
    # Two workers: one batch is in flight at a time, and fewer workers start sooner.
    gunicorn_server = start_gunicorn(workers=2)
    # How long a batch of this size takes here, on a warm worker (SQLite waits a multiple
    # of it before the kill).
    timings = []
    for _attempt in range(4):
        started = time.monotonic()
        status, _body = gunicorn_server.post_json(
            "/api/v1/submissions/batch", token, make_batch(field_campaign)
        )
        timings.append(time.monotonic() - started)
        assert status == 200
    batch_seconds = min(timings)

    batch = make_batch(field_campaign)
    ordered = sorted(batch, key=lambda item: item["uuid"])
    # Two before the middle and two after it, sent on their own earlier.
    before = [ordered[1], ordered[3], ordered[-3], ordered[-1]]
    for item in before:
        status, _body = gunicorn_server.post_json("/api/v1/submissions", token, item)
        assert status == 201
    already = {item["uuid"] for item in before}

    hold = (
        postgres_held_middle(app, batch)
        if database_backend == "postgresql"
        else sqlite_slow_middle(app, batch, batch_seconds)
    )
    with hold as wait_until_inside:
        thread, heard = send_in_background(gunicorn_server, token, batch)
        wait_until_inside()
        assert thread.is_alive(), f"the batch was answered before the kill: {heard}"
        gunicorn_server.kill()
        thread.join(timeout=REQUEST_TIMEOUT)
        assert not thread.is_alive()
        [answer] = heard
        assert isinstance(answer, OSError), answer  # the phone heard nothing

    # All or none: of the batch, only what was stored before it.
    assert stored_uuids(app, batch) == already

    gunicorn_server.start()
    status, body = gunicorn_server.post_json("/api/v1/submissions/batch", token, batch)
    assert status == 200
    statuses = {result["uuid"]: result["http_status"] for result in body["results"]}
    assert statuses == {item["uuid"]: 200 if item["uuid"] in already else 201 for item in batch}
    with app.app_context():
        rows = db.session.scalars(
            select(Submission).where(Submission.uuid.in_([uuid.UUID(i["uuid"]) for i in batch]))
        ).all()
        assert sorted(str(row.uuid) for row in rows) == sorted(i["uuid"] for i in batch)
        answers = {str(row.uuid): row.answers for row in rows}
        assert answers == {item["uuid"]: item["answers"] for item in batch}
    gunicorn_server.stop()
    assert "Traceback" not in gunicorn_server.log_text()
