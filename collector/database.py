"""Database engine settings that differ between SQLite and PostgreSQL."""

import sqlite3

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from collector.extensions import db


def configure_engine(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite_connection)


def _tune_sqlite_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # WAL lets exports read while phones sync; busy_timeout makes concurrent writers wait
    # their turn instead of failing with "database is locked".
    # busy_timeout cannot help a transaction that read first and then writes after another
    # writer committed (SQLITE_BUSY_SNAPSHOT, at once). That cannot happen here: the
    # sqlite3 module in its default (legacy) transaction mode begins a transaction only at
    # the first INSERT/UPDATE/DELETE, so a request's reads before it hold no snapshot, and
    # the write waits for the lock. tests/load/test_soak.py checks it with several gunicorn
    # workers. Switching the module to autocommit=False, or to SQLAlchemy's "BEGIN on
    # connect" recipe, would need BEGIN IMMEDIATE for writing requests.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def dialect_name(engine: Engine | None = None) -> str:
    return (engine or db.engine).dialect.name
