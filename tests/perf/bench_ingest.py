"""Benchmark: submissions per second through the HTTP API under gunicorn, against direct inserts.

Run (from the project root):
    .venv/bin/python -m tests.perf.bench_ingest                        # SQLite, 4,000 each
    .venv/bin/python -m tests.perf.bench_ingest --workers 4 --threads 1   # sync workers
    .venv/bin/python -m tests.perf.bench_ingest --modes batch --count 10000
    createdb -h 127.0.0.1 -U postgres bench                            # once, then:
    .venv/bin/python -m tests.perf.bench_ingest \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

Like bench_export.py it is named bench_*, so pytest never collects it, and it only
prints: a measurement, not a gate (exit code 0 unless something crashes). The aim, from
the issue: at least 1,000 submissions a second in batch mode on a 2-core machine.

Setup. The tables are dropped and created afresh (so give PostgreSQL a database of its
own; they are dropped again at the end unless --keep), the shipped forms are published
by the project's own code, one campaign of kitchen-talk gets --clients interviewers,
each with an API token. The app runs as in production: `gunicorn collector.wsgi:app`
(the harness of tests/load) on a free localhost port, with an instance/config.py that
only raises the API rate limit. The default, 2 gthread workers of 4 threads each, was the
fastest setup tried on a 2-core machine, on both databases: in batch mode about twice
sync workers (2, 3, 4 or 8 of them), since a thread waiting on the database (a commit,
SQLite's write lock) leaves the core to another. Each worker is warmed up first (its
first requests build caches).

(a) HTTP: --clients threads in this process, one per interviewer, each sending its
    share over a new loopback connection per request (as a phone does), all at once:
    "single" is one POST /api/v1/submissions per interview; "batch" is POST
    /api/v1/submissions/batch with --batch-size interviews each. Every interview is a
    complete, valid kitchen-talk interview with a new uuid; every answer must be 201
    and every row must be in the table afterwards, or the run stops. Wall time from the
    first request to the last answer.
(b) baseline: the same rows (what intake stores: uuid, version, campaign, interviewer,
    times, answers, content hash) inserted directly with SQLAlchemy Core in this one
    process, one transaction per interview for "single" and one executemany
    transaction per --batch-size for "batch". It EXCLUDES everything that is the
    service: HTTP, authentication, the rate limit, checking the envelope and each
    answer against the form, the idempotency check and the per-item results.
"ratio" is (a)/(b) in submissions a second: the share of raw insert speed the whole
service keeps. The table is emptied between runs, so each starts from the same size.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import delete, func, insert, select

from collector import create_app
from collector.auth.models import Role, User
from collector.auth.passwords import create_user
from collector.auth.tokens import issue_token
from collector.campaigns.models import Campaign
from collector.extensions import db
from collector.intake.models import Submission
from collector.intake.quarantine import fingerprint
from collector.schema.loader import load_form_file
from collector.schema.versions import find_published_schema, publish_version
from tests.factories import kitchen_talk_answers, submission
from tests.load.conftest import GunicornServer

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = "bench-ingest"
REQUEST_TIMEOUT = 60.0


def make_app(database_url: str, instance: Path) -> Flask:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    app.instance_path = str(instance)
    return app


def prepare_database(app: Flask, clients: int) -> list[str]:
    """Fresh tables, the shipped forms, one campaign; a token per interviewer."""
    tokens = []
    with app.app_context():
        db.drop_all()
        db.create_all()
        for path in sorted((ROOT / "forms").glob("*.yaml")):
            publish_version(load_form_file(path))
        users = []
        for index in range(clients):
            user, _password = create_user(f"bench{index:02d}", Role.INTERVIEWER, "bench-pw-1234")
            users.append(user)
            tokens.append(issue_token(user))
        form_id = find_published_schema("kitchen-talk", 1).form_id
        campaign = Campaign(slug=CAMPAIGN, title="Bench", form_id=form_id)
        campaign.interviewers.extend(users)
        db.session.add(campaign)
        db.session.commit()
    return tokens


def make_payloads(count: int) -> list[dict[str, Any]]:
    return [
        submission(kitchen_talk_answers(household_size=2 + i % 8), campaign=CAMPAIGN)
        for i in range(count)
    ]


def empty_submissions(app: Flask) -> None:
    with app.app_context():
        db.session.execute(delete(Submission))
        db.session.commit()


def count_submissions(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Submission))


def post(port: int, path: str, token: str, body: bytes) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def send_all(port: int, tokens: list[str], requests: list[tuple[str, bytes]]) -> float:
    """Every request sent by len(tokens) threads at once; the wall time. Each answer must
    say 201 for every interview, else the run stops."""
    work: queue.Queue[tuple[str, bytes]] = queue.Queue()
    for request in requests:
        work.put(request)
    problems: list[str] = []

    def client(token: str) -> None:
        while not problems:
            try:
                path, body = work.get_nowait()
            except queue.Empty:
                return
            try:
                status, answer = post(port, path, token, body)
            except OSError as error:
                problems.append(repr(error))
                return
            statuses = (
                [r["http_status"] for r in answer["results"]]
                if path.endswith("batch")
                else [status]
            )
            if status not in (200, 201) or set(statuses) != {201}:
                problems.append(f"{status} {str(answer)[:300]}")

    threads = [threading.Thread(target=client, args=(token,)) for token in tokens]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if problems:
        raise SystemExit(f"the server did not store everything: {problems[:3]}")
    return elapsed


def as_requests(payloads: list[dict[str, Any]], batch_size: int) -> list[tuple[str, bytes]]:
    if batch_size == 1:
        return [("/api/v1/submissions", json.dumps(p).encode()) for p in payloads]
    return [
        ("/api/v1/submissions/batch", json.dumps(payloads[i : i + batch_size]).encode())
        for i in range(0, len(payloads), batch_size)
    ]


def baseline_rows(app: Flask, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows intake would store for these payloads (built before the clock starts)."""
    with app.app_context():
        version_id = find_published_schema("kitchen-talk", 1).version_id
        campaign_id = db.session.scalar(select(Campaign.id).where(Campaign.slug == CAMPAIGN))
        user_id = db.session.scalar(select(User.id).limit(1))
    rows = []
    for payload in payloads:
        rows.append(
            {
                "uuid": uuid.UUID(payload["uuid"]),
                "form_version_id": version_id,
                "campaign_id": campaign_id,
                "submitted_by_id": user_id,
                "respondent_link_id": None,
                "lang": payload["lang"],
                "started_at": datetime.fromisoformat(payload["started_at"]),
                "completed_at": datetime.fromisoformat(payload["completed_at"]),
                "received_at": datetime.now(UTC),
                "answers": payload["answers"],
                "content_hash": fingerprint(payload),
            }
        )
    return rows


def insert_directly(app: Flask, rows: list[dict[str, Any]], batch_size: int) -> float:
    with app.app_context():
        statement = insert(Submission.__table__)
        started = time.perf_counter()
        with db.engine.connect() as connection:
            for start in range(0, len(rows), batch_size):
                with connection.begin():
                    connection.execute(statement, rows[start : start + batch_size])
        return time.perf_counter() - started


def warm_up(port: int, tokens: list[str], workers: int) -> None:
    """Enough requests that every worker has answered several (each builds its caches)."""
    requests = as_requests(make_payloads(workers * 8 * 5), 5)
    send_all(port, tokens, requests)


def measure(
    label: str, count: int, seconds: float, baseline: float, report: Callable[[str], None]
) -> None:
    rate, base_rate = count / seconds, count / baseline
    report(
        f"{label:<8} {count:>7,} {seconds:>8.2f} {rate:>10,.0f} "
        f"{baseline:>8.2f} {base_rate:>10,.0f} {rate / base_rate:>7.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL database of its own (default SQLite)")
    parser.add_argument("--count", type=int, default=4_000, help="interviews per mode")
    parser.add_argument("--batch-size", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (gthread)")
    parser.add_argument("--modes", default="single,batch", help="single, batch or both")
    parser.add_argument("--keep", action="store_true", help="keep the tables at the end")
    args = parser.parse_args(argv)
    logging.disable(logging.INFO)  # the app logs each publish; keep the figures readable

    workdir = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    app = make_app(database_url, workdir / "setup-instance")
    tokens = prepare_database(app, args.clients)
    server = GunicornServer(
        database_url, workdir / "server", workers=args.workers, threads=args.threads
    )
    backend = app.config["SQLALCHEMY_DATABASE_URI"].split(":", 1)[0]
    print(
        f"ingest benchmark: {backend}, gunicorn {args.workers} workers x {args.threads} "
        f"threads, {args.clients} clients, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'mode':<8} {'count':>7} {'http s':>8} {'http /s':>10} {'base s':>8} {'base /s':>10} "
        f"{'ratio':>7}"
    )
    try:
        server.start()
        warm_up(server.port, tokens, args.workers)
        modes = {"single": 1, "batch": args.batch_size}
        for mode in args.modes.split(","):
            batch_size = modes[mode]
            label = "single" if batch_size == 1 else f"batch{batch_size}"
            empty_submissions(app)
            payloads = make_payloads(args.count)
            seconds = send_all(server.port, tokens, as_requests(payloads, batch_size))
            stored = count_submissions(app)
            if stored != args.count:
                raise SystemExit(f"{stored} rows stored, {args.count} expected")
            empty_submissions(app)
            baseline = insert_directly(app, baseline_rows(app, payloads), batch_size)
            measure(label, args.count, seconds, baseline, print)
    except BaseException:
        print(server.log_text()[-3000:], file=sys.stderr)
        raise
    finally:
        server.stop()
        if "Traceback" in server.log_text():
            print(server.log_text()[-3000:], file=sys.stderr)
        if not args.keep:
            with app.app_context():
                db.drop_all()
                db.engine.dispose()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
