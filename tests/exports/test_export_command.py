"""`collector export FORM ... -o FILE.xlsx` as a coordinator types it."""

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select

from collector.exports.models import ExportJob
from collector.extensions import db

pytestmark = pytest.mark.usefixtures("published_forms")


def test_writes_the_workbook_and_says_what_is_in_it(runner, store, tmp_path):
    store()
    store()
    target = tmp_path / "kitchen.xlsx"
    result = runner.invoke(args=["export", "kitchen-talk", "--lang", "en", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "2 submissions" in result.output
    book = load_workbook(target)
    assert book.sheetnames == [
        "Answers",
        "Codebook",
        "Summary",
        "Open answers",
        "Waves",
        "Progress",
    ]
    assert len(list(book["Answers"].iter_rows())) == 3


def test_leaves_no_partial_file_behind(runner, tmp_path):
    runner.invoke(args=["export", "kitchen-talk", "-o", str(tmp_path / "k.xlsx")])
    assert [p.name for p in tmp_path.iterdir() if ".xlsx" in p.name] == ["k.xlsx"]


def test_an_unknown_form_exits_1_naming_the_forms_there_are(runner, tmp_path):
    result = runner.invoke(args=["export", "kitchen-tlak", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1
    assert "no form 'kitchen-tlak'" in result.output
    assert "kitchen-talk" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_an_unknown_campaign_exits_1(runner, tmp_path):
    result = runner.invoke(
        args=["export", "kitchen-talk", "--campaign", "nowhere", "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert "no campaign 'nowhere'" in result.output


def test_a_language_the_form_lacks_exits_1_listing_its_languages(runner, tmp_path):
    result = runner.invoke(
        args=["export", "kitchen-talk", "--lang", "de", "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert "lv, en, ru" in result.output


def test_a_missing_folder_exits_1(runner, tmp_path):
    result = runner.invoke(
        args=["export", "kitchen-talk", "-o", str(tmp_path / "no" / "such" / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert "no folder" in result.output


def test_including_sensitive_answers_is_recorded(app, runner, tmp_path):
    target = tmp_path / "k.xlsx"
    result = runner.invoke(
        args=["export", "kitchen-talk", "--include-sensitive", "-o", str(target), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        job = db.session.scalar(select(ExportJob))
        assert (job.source, job.include_sensitive, job.state) == ("cli", True, "done")
    codebook = {
        row[0]: row[1] for row in load_workbook(target)["Codebook"].iter_rows(values_only=True)
    }
    assert codebook["Sensitive answers"].startswith("included")


def test_on_postgresql_rows_come_through_a_server_side_cursor(
    app, database_backend, runner, store, tmp_path
):
    if database_backend != "postgresql":
        pytest.skip("server-side cursors are a PostgreSQL matter; SQLite steps its own cursor")
    store()
    cursors = []
    with app.app_context():
        engine = db.engine

        def remember_cursor(conn, cursor, statement, parameters, context, executemany):
            if "FROM submissions" in statement and "count(" not in statement:
                cursors.append(type(cursor).__name__)

        event.listen(engine, "before_cursor_execute", remember_cursor)
        try:
            result = runner.invoke(args=["export", "kitchen-talk", "-o", str(tmp_path / "k.xlsx")])
        finally:
            event.remove(engine, "before_cursor_execute", remember_cursor)
    assert result.exit_code == 0, result.output
    assert "ServerCursor" in cursors
