"""`collector db backup FILE`: SQLite's online backup; PostgreSQL is pointed to pg_dump."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest


@pytest.fixture
def sqlite_only(database_backend: str) -> None:
    if database_backend != "sqlite":
        pytest.skip("the backup command copies SQLite files; PostgreSQL has pg_dump")


def forms_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as copy:
        return [key for (key,) in copy.execute("SELECT key FROM forms ORDER BY key")]


@pytest.mark.usefixtures("sqlite_only", "published_forms")
def test_the_backup_is_one_checked_file_holding_the_data(runner, tmp_path):
    target = tmp_path / "collector-2026-05-14.db"
    result = runner.invoke(args=["db", "backup", str(target)])
    assert result.exit_code == 0, result.output
    assert f"to {target}" in result.output
    assert forms_in(target) == ["client-satisfaction", "kitchen-talk", "microproject-feedback"]
    # A file of its own: no write-ahead log belongs to it, nothing else to copy with it.
    with closing(sqlite3.connect(target)) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert target.stat().st_mode & 0o077 == 0, "a backup of personal data is for its owner only"
    assert [p.name for p in tmp_path.iterdir() if ".part" in p.name] == []


@pytest.mark.usefixtures("sqlite_only")
def test_a_backup_never_replaces_an_existing_file(runner, tmp_path):
    target = tmp_path / "collector.db.bak"
    target.write_text("yesterday's backup")
    result = runner.invoke(args=["db", "backup", str(target)])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert target.read_text() == "yesterday's backup"


@pytest.mark.usefixtures("sqlite_only")
def test_a_missing_folder_exits_1(runner, tmp_path):
    result = runner.invoke(args=["db", "backup", str(tmp_path / "no" / "such" / "x.db")])
    assert result.exit_code == 1
    assert "no folder" in result.output


def test_on_postgresql_the_command_points_to_pg_dump(database_backend, runner, tmp_path):
    if database_backend != "postgresql":
        pytest.skip("about PostgreSQL")
    result = runner.invoke(args=["db", "backup", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "pg_dump" in result.output
    assert not (tmp_path / "x.db").exists()
