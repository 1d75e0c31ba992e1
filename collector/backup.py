"""`collector db backup FILE`: a consistent copy of the SQLite database while the app runs.

Copying `collector.db` with `cp` is not a backup in WAL mode: the newest interviews may
still sit in `collector.db-wal`, and a copy taken during a write can be torn. SQLite's
online backup API reads one consistent snapshot and does not stop phones from syncing.
PostgreSQL has pg_dump for this (docs/deploy.md).
"""

import copy
import os
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from typing import NoReturn

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from collector.extensions import db


def db_cli_with_backup(migrate_group: click.Group) -> click.Group:
    """Flask-Migrate's `db` group with `backup` beside `upgrade`. A copy: it keeps the
    group's own options and callback (which `upgrade` relies on), while the library's
    group object keeps its own list of commands."""
    group = copy.copy(migrate_group)
    group.commands = {**migrate_group.commands, backup_command.name: backup_command}
    return group


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Copy the SQLite database to TARGET, consistently, while the app keeps running."""
    engine = db.engine
    if engine.dialect.name != "sqlite":
        fail(
            _(
                "The database is %(name)s, not SQLite: back it up with pg_dump "
                "(see docs/deploy.md).",
                name=engine.dialect.name,
            )
        )
    source = engine.url.database
    if not source or source == ":memory:" or not Path(source).is_file():
        fail(_("There is no SQLite database file at %(path)s.", path=source))
    if target.exists():
        # A backup never replaces another one: that one may be the last good copy.
        fail(_("%(file)s already exists; choose a new name.", file=target))
    if not target.parent.is_dir():
        fail(_("There is no folder %(folder)s to write into.", folder=target.parent))
    try:
        backup_sqlite(Path(source), target)
    except sqlite3.Error as error:
        fail(_("The backup failed: %(error)s", error=error))
    click.echo(
        _(
            "Backed up %(source)s to %(file)s (%(size)d bytes).",
            source=source,
            file=target,
            size=target.stat().st_size,
        )
    )


def backup_sqlite(source: Path, target: Path) -> None:
    """Write a checked copy of `source` to `target`; never a half file under its name."""
    handle, partial = tempfile.mkstemp(suffix=".db.part", dir=target.parent)  # mode 0600
    os.close(handle)
    try:
        with (
            closing(sqlite3.connect(source, timeout=30)) as live,
            closing(sqlite3.connect(partial)) as copy,
        ):
            # One read snapshot, all pages in one step: writers in WAL mode carry on meanwhile.
            live.backup(copy)
            # One self-contained file: copying it copies everything, no -wal beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"the copy failed its integrity check: {verdict}")
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)
