"""Backup and restore exactly as docs/deploy.md says, on PostgreSQL and on SQLite.

A database is made the production way (`collector db upgrade`), filled through the real
app, backed up with the documented commands while the app still holds it open, and
restored into an empty database. The restored one must hold every row and export the same
workbook, cell by cell, as the original.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.pool import NullPool

from collector import create_app
from collector.extensions import db
from tests.conftest import (
    FORMS_DIR,
    PASSWORD,
    POSTGRES_URL,
    ApiClient,
    AuthActions,
    csrf_token_from,
)
from tests.deploy.conftest import documented, needs_collector, service_environment, shell
from tests.factories import kitchen_talk_answers, submission

pytestmark = needs_collector

# The lines of docs/deploy.md, run with the variables the docs set beforehand.
POSTGRES_BACKUP = 'pg_dump --format=custom --file="$BACKUP" "$DATABASE_URL"'
POSTGRES_RESTORE = 'pg_restore --no-owner --single-transaction --dbname="$DATABASE_URL" "$BACKUP"'
SQLITE_BACKUP = 'collector db backup "$BACKUP"'
SQLITE_RESTORE = ('cp "$BACKUP" "$DB"', 'rm -f "$DB-wal" "$DB-shm"')
UPGRADE = "collector db upgrade"
# How the two databases are compared: the coordinator's whole workbook, every campaign and
# the sensitive column included (each `collector` start costs seconds, so one export).
EXPORT = 'collector export kitchen-talk --lang lv --include-sensitive -o "$OUT"'
# The one cell that must differ: when each workbook was written (Codebook, top block).
EXPORTED_AT = {"Eksportēts", "Exported at", "Выгружено"}
SECRET_KEY = "backup-test-secret"


@dataclass
class Database:
    """One database as the app (SQLAlchemy) and as pg_dump / the shell name it."""

    app_url: str
    shell_url: str
    file: Path | None = None  # SQLite: the database file


@pytest.fixture
def databases(database_backend: str, tmp_path: Path) -> Iterator[dict[str, Database]]:
    """An 'original' and a 'restored' database, both empty, on the backend under test.
    PostgreSQL: two new uniquely named databases on TEST_DATABASE_URL's server, dropped
    afterwards. SQLite: two files in folders of their own."""
    if database_backend == "sqlite":
        made = {}
        for role in ("original", "restored"):
            (tmp_path / role).mkdir()
            file = tmp_path / role / "collector.db"
            made[role] = Database(f"sqlite:///{file}", f"sqlite:///{file}", file)
        yield made
        return
    server = make_url(POSTGRES_URL)
    names = {role: f"collector_{role}_{uuid.uuid4().hex[:12]}" for role in ("original", "restored")}
    admin = create_engine(server, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in names.values():
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield {
            role: Database(
                server.set(database=name).render_as_string(hide_password=False),
                # pg_dump and psql know postgresql://, not SQLAlchemy's driver suffix.
                server.set(drivername="postgresql", database=name).render_as_string(
                    hide_password=False
                ),
            )
            for role, name in names.items()
        }
    finally:
        with admin.connect() as connection:
            for name in names.values():
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def app_on(database: Database, instance: Path) -> Flask:
    """The real app on `database`; logins cheap to make, the rest as in production."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": database.app_url,
            "BABEL_DEFAULT_LOCALE": "en",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    app.instance_path = str(instance)
    return app


def cli(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def fill(app: Flask) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """A fieldwork's worth of everything: forms, two campaigns (waves), two interviewers,
    interviews with Latvian and Russian text and multi-selects, a refused one and a
    conflicting one in quarantine, a respondent link, and tags from the debrief.
    Returns the phones' tokens and the stored submissions."""
    cli(app, "forms", "import", str(FORMS_DIR))
    for name, role in (("anna", "interviewer"), ("māris", "interviewer"), ("ilze", "coordinator")):
        cli(app, "users", "create", name, "--role", role, "--password", PASSWORD)
    for slug, title in (("cesis-2026", "Cēsis, maijs"), ("valka-2026", "Валка")):
        cli(
            app,
            *("campaigns", "create", slug, "--form", "kitchen-talk", "--title", title),
            *("--target", "45", "--interviewer", "anna", "--interviewer", "māris"),
        )
    cli(app, "campaigns", "link", "cesis-2026", "--label", "bukleti, dienas centrs")
    phones = {
        name: ApiClient(app.test_client(), cli(app, "users", "token", name).strip())
        for name in ("anna", "māris")
    }
    texts = [
        ("Ķekava: autobuss divreiz nedēļā, ūdens no akas.", ["health_care", "bank_atm"]),
        ("Автобус ходит редко; до врача 40 км.", ["public_transport", "other"]),
        ("Gribu strādāt — bet nav bērnudārza. 🙂", None),
        ('=HYPERLINK("x") stays text; "quotes" & <tags>', ["health_care", "public_transport"]),
    ]
    stored = []
    for number, (difficulty, reachable) in enumerate(texts * 2):
        payload = submission(
            kitchen_talk_answers(
                main_difficulties=difficulty,
                hard_to_reach=reachable,
                household_size=2 + number,
                life_satisfaction=1 + number % 5,
                hard_to_reach_other="аптека" if reachable and "other" in reachable else None,
                observations="Māja bez apkures." if number % 2 else None,
            ),
            campaign="cesis-2026" if number < 5 else "valka-2026",
            lang=("lv", "ru", "en")[number % 3],
            started_at=f"2026-05-{12 + number % 3}T0{number}:02:11Z",
            completed_at=f"2026-05-{12 + number % 3}T0{number}:41:55Z",
        )
        response = phones["anna" if number % 2 else "māris"].submit(payload)
        assert response.status_code == 201, response.get_json()
        stored.append(payload)
    refused = submission(kitchen_talk_answers(household_size="daudz"), campaign="cesis-2026")
    assert phones["anna"].submit(refused).status_code == 422
    conflicting = {**stored[1], "answers": {**stored[1]["answers"], "duration_min": 50}}
    assert phones["anna"].submit(conflicting).status_code == 409
    tag_answers(app, stored)
    return {name: phone.token for name, phone in phones.items()}, stored


def tag_answers(app: Flask, stored: list[dict[str, Any]]) -> None:
    """Tags as a coordinator gives them on the debrief page: presets and an own theme."""
    browser = app.test_client()
    assert AuthActions(browser).login("ilze").status_code == 302
    for payload, fields in (
        (stored[0], {"tag": "problem"}),
        (stored[0], {"theme": "Ceļš līdz ārstam"}),
        (stored[5], {"tag": "need"}),
    ):
        response = browser.post(
            f"/campaigns/{payload['campaign']}/debrief/tags",
            data={
                "csrf_token": csrf_token_from(browser.get("/debrief").get_data(as_text=True)),
                "submission": payload["uuid"],
                "question": "main_difficulties",
                **fields,
            },
        )
        assert response.status_code == 302, response.get_data(as_text=True)


def row_counts(url: str) -> dict[str, int]:
    """Every table's row count, the migrations' own bookkeeping included."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            # Table names come from the database's own catalogue, not from outside.
            return {
                table: connection.execute(
                    text(f'SELECT count(*) FROM "{table}"')  # noqa: S608
                ).scalar_one()
                for table in sorted(inspect(connection).get_table_names())
            }
    finally:
        engine.dispose()


def cells(path: Path) -> dict[str, list[list[tuple[Any, str]]]]:
    """Every sheet's cells as (value, number format), row by row. Left out: when the
    workbook was written (the Codebook's "Exported at"), the only cell that may differ
    between two exports of the same data."""
    book = load_workbook(path)
    sheets = {}
    left_out = 0
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            values = [(cell.value, cell.number_format) for cell in row]
            if sheet.title == "Codebook" and values and values[0][0] in EXPORTED_AT:
                values[1] = ("<when exported>", values[1][1])
                left_out += 1
            rows.append(values)
        sheets[sheet.title] = rows
    assert left_out == 1, "the export time should be the one cell left out"
    return sheets


def exported_cells(database: Database, instance: Path, target: Path) -> dict[str, Any]:
    """The workbook of `database` as the `collector export` command writes it, read back."""
    shell(EXPORT, service_environment(instance, DATABASE_URL=database.shell_url, OUT=str(target)))
    return cells(target)


def test_a_restored_backup_holds_every_row_and_exports_the_same_workbook(
    database_backend: str, databases: dict[str, Database], tmp_path: Path
) -> None:
    original, restored = databases["original"], databases["restored"]
    instance = tmp_path / "instance"
    backup = tmp_path / "backups" / "collector-2026-05-14.backup"
    backup.parent.mkdir()
    shell(documented(UPGRADE), service_environment(instance, DATABASE_URL=original.shell_url))
    app = app_on(original, instance)
    tokens, stored = fill(app)
    before = row_counts(original.app_url)
    assert before["submissions"] == 8, before
    assert before["quarantine"] == 2, before
    assert before["answer_tags"] == 3, before

    # The backup is taken while the app still holds the database open, as in production.
    env = service_environment(
        instance, DATABASE_URL=original.shell_url, BACKUP=str(backup), DB=str(original.file or "")
    )
    if database_backend == "sqlite":
        # The newest interviews are still only in the WAL: a plain file copy would miss them.
        assert Path(f"{original.file}-wal").stat().st_size > 0
        shell(documented(SQLITE_BACKUP), env)
    else:
        shell(documented(POSTGRES_BACKUP), env)
    with app.app_context():
        db.engine.dispose()

    env = service_environment(
        instance, DATABASE_URL=restored.shell_url, BACKUP=str(backup), DB=str(restored.file or "")
    )
    if database_backend == "sqlite":
        for line in SQLITE_RESTORE:
            shell(documented(line), env)
    else:
        shell(documented(POSTGRES_RESTORE), env)
    shell(documented(UPGRADE), env)

    assert row_counts(restored.app_url) == before
    assert exported_cells(restored, instance, tmp_path / "restored.xlsx") == exported_cells(
        original, instance, tmp_path / "original.xlsx"
    )
    goes_on_where_it_stopped(app_on(restored, instance), tokens["anna"], stored[1])


def goes_on_where_it_stopped(app: Flask, token: str, sent: dict[str, Any]) -> None:
    """The restored database carries on: the phones' tokens still work, a retry of what
    was stored is recognised, and new rows get fresh ids (sequences were restored)."""
    phone = ApiClient(app.test_client(), token)
    assert phone.submit(sent).status_code == 200
    response = phone.submit(submission(campaign="cesis-2026"))
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        db.engine.dispose()
