"""Soak: 20 phones syncing at once into gunicorn, and every interview stored exactly once.

The evening meeting of a kitchen-talk campaign: 20 interviewers sync their outboxes at
the same time. Here 20 client threads (stdlib http.client, a new connection a request,
a timeout on each) send 2,000 interviews to the app under gunicorn with four worker
processes, in a seeded random mix of single requests and batches of 2 to 30, on a SQLite
file and on PostgreSQL. Besides first sends there are:

- retries: about one request in six is sent again, unchanged, as a phone does when it
  did not hear the answer (stored items then answer 200, conflicting ones 409 again);
- contested uuids: 100 interviews are sent by two interviewers each, with the same
  content, at about the same time (a phone handed over): one 201, the rest 200;
- duplicates: 100 uuids are sent again later with other answers: 409, and that copy is
  kept in quarantine, once however often it is resent.

Each interviewer has a token of their own, as each phone does: per-user work (the token
lookup, the assignment check, the sync time written to the user's row) is then spread
as in the field, where one shared token would make every request update one row.

Afterwards the database is read directly: exactly the 2,000 uuids are stored, each once
and with its first content; each uuid got exactly one 201 in all the answers; every 409
names a quarantine item holding that very payload; no 5xx and no database error reached
a client; the server log holds no traceback. The whole run has a deadline.
"""

import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import QuarantineItem, QuarantineReason, Submission
from tests.factories import kitchen_talk_answers, submission
from tests.load.conftest import GunicornServer

CLIENTS = 20
PER_CLIENT = 100  # 2,000 interviews in all
CONTESTED_PER_CLIENT = 5
DUPLICATES_PER_CLIENT = 5
RETRY_SHARE = 1 / 6
RUN_DEADLINE = 300.0  # seconds for the whole run; it takes a small part of that
SEED = 20260512


@dataclass
class Request:
    path: str
    body: Any
    # uuid and variant ("first" or "other" content) of each item, in the order sent.
    items: list[tuple[str, str]]


@dataclass
class Outcomes:
    """What the clients heard, shared by the threads (appends are atomic in CPython)."""

    item_statuses: list[tuple[str, str, int, Any]] = field(default_factory=list)
    request_statuses: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    bodies_with_errors: list[str] = field(default_factory=list)


def plan_clients(campaign: str) -> tuple[list[list[Request]], dict, dict]:
    """Each client's requests, in order; the first and the other content of each uuid."""
    rng = random.Random(SEED)  # noqa: S311 - test data, not secrets
    first: dict[str, dict[str, Any]] = {}
    other: dict[str, dict[str, Any]] = {}
    own: list[list[str]] = []
    for _client in range(CLIENTS):
        uuids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(PER_CLIENT)]
        for uuid_text in uuids:
            answers = kitchen_talk_answers(household_size=rng.randint(2, 9))
            first[uuid_text] = submission(answers, uuid=uuid_text, campaign=campaign)
        own.append(uuids)
    plans = []
    for index, uuids in enumerate(own):
        # The neighbour's first few interviews are sent by this client too.
        neighbour = own[(index + 1) % CLIENTS][:CONTESTED_PER_CLIENT]
        duplicated = uuids[-DUPLICATES_PER_CLIENT:]
        sends = [(u, "first") for u in uuids + neighbour]
        rng.shuffle(sends)
        chunks = chunk(rng, sends)
        for uuid_text in duplicated:
            # 2..9, never the first value (one child lives in the household: at least 2).
            changed = (first[uuid_text]["answers"]["household_size"] - 1) % 8 + 2
            other[uuid_text] = {
                **first[uuid_text],
                "answers": kitchen_talk_answers(household_size=changed),
            }
            sent_in = next(i for i, c in enumerate(chunks) if (uuid_text, "first") in c)
            # Strictly later than the first send, so "first content" is well defined.
            later = rng.randint(sent_in + 1, len(chunks))
            if later == len(chunks):
                chunks.append([])
            chunks[later].append((uuid_text, "other"))
        requests = []
        for items in chunks:
            request = as_request(rng, items, first, other)
            requests.append(request)
            if rng.random() < RETRY_SHARE:
                requests.append(request)
        plans.append(requests)
    return plans, first, other


def chunk(rng: random.Random, sends: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    chunks = []
    position = 0
    while position < len(sends):
        size = 1 if rng.random() < 0.3 else rng.randint(2, 30)
        chunks.append(sends[position : position + size])
        position += size
    return chunks


def as_request(
    rng: random.Random, items: list[tuple[str, str]], first: dict, other: dict
) -> Request:
    payloads = [(first if variant == "first" else other)[u] for u, variant in items]
    # A phone with one interview waiting may still use the batch endpoint.
    if len(payloads) == 1 and rng.random() < 0.9:
        return Request("/api/v1/submissions", payloads[0], items)
    return Request("/api/v1/submissions/batch", payloads, items)


def run_client(
    server: GunicornServer, token: str, requests: list[Request], outcomes: Outcomes, deadline: float
) -> None:
    for request in requests:
        if time.monotonic() > deadline:
            outcomes.failures.append("the run's deadline passed")
            return
        try:
            status, body = server.post_json(request.path, token, request.body)
        except OSError as error:
            outcomes.failures.append(f"{request.path}: {error!r}")
            continue
        outcomes.request_statuses.append(status)
        text = str(body)
        if "locked" in text or "OperationalError" in text or status >= 500:
            outcomes.bodies_with_errors.append(f"{status} {text[:300]}")
            continue
        if request.path.endswith("/batch"):
            results = body["results"] if isinstance(body, dict) else []
            for (uuid_text, variant), result in zip(request.items, results, strict=True):
                outcomes.item_statuses.append((uuid_text, variant, result["http_status"], result))
        else:
            [(uuid_text, variant)] = request.items
            outcomes.item_statuses.append((uuid_text, variant, status, body))


def test_soak_stores_every_interview_exactly_once_under_concurrent_syncs(
    app: Flask, field_campaign: str, interviewer_tokens, start_gunicorn
) -> None:
    tokens = interviewer_tokens(CLIENTS)
    gunicorn_server = start_gunicorn(workers=4)
    plans, first, other = plan_clients(field_campaign)
    outcomes = Outcomes()
    started = time.monotonic()
    deadline = started + RUN_DEADLINE
    threads = [
        threading.Thread(target=run_client, args=(gunicorn_server, token, plan, outcomes, deadline))
        for token, plan in zip(tokens, plans, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0) + 5)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "clients still running"
    gunicorn_server.stop()
    sent_items = sum(len(r.items) for plan in plans for r in plan)
    print(
        f"\nsoak: {sum(len(p) for p in plans)} requests, {sent_items} items "
        f"in {elapsed:.1f} s ({sent_items / elapsed:.0f} items/s)"
    )

    assert outcomes.failures == []
    assert outcomes.bodies_with_errors == []
    assert all(status < 500 for status in outcomes.request_statuses)
    log = gunicorn_server.log_text()
    for sign in ("Traceback", "OperationalError", "database is locked", "WORKER TIMEOUT"):
        assert sign not in log, log[-3000:]

    # What the clients heard: one 201 per uuid, for its first content; 200 for every
    # other first-content send; 409 for every other-content send.
    created: dict[str, int] = {}
    for uuid_text, variant, status, result in outcomes.item_statuses:
        if variant == "first":
            assert status in (200, 201), (uuid_text, status, result)
            created[uuid_text] = created.get(uuid_text, 0) + (status == 201)
        else:
            assert status == 409, (uuid_text, status, result)
    assert set(created) == set(first)
    assert {u for u, n in created.items() if n != 1} == set()

    with app.app_context():
        stored = {str(row.uuid): row for row in db.session.scalars(select(Submission))}
        assert len(stored) == len(first) == CLIENTS * PER_CLIENT
        assert set(stored) == set(first)
        for uuid_text, row in stored.items():
            assert row.answers == first[uuid_text]["answers"], uuid_text
        kept = {item.id: item for item in db.session.scalars(select(QuarantineItem))}
        assert {item.reason for item in kept.values()} <= {QuarantineReason.CONFLICT}
        # Each other content is kept once, however often it was resent.
        assert sorted(item.uuid for item in kept.values()) == sorted(other)
        for uuid_text, variant, _status, result in outcomes.item_statuses:
            if variant == "other":
                item = kept[result["quarantine_id"]]
                assert item.uuid == uuid_text
                assert item.payload == other[uuid_text]
