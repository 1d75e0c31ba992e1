"""`collector forms import-xlsform` and `export-xlsform`: exit 0 with a file, or 1 with
messages and no file."""

from pathlib import Path

import pytest

from collector.schema.loader import load_form_file
from tests.xlsform.workbooks import sheet_rows, xlsx

FORMS = Path(__file__).parents[2] / "forms"
GOOD = xlsx(
    [["type", "name", "label", "relevant"], ["text", "a", "A"], ["text", "b", "B", "${a} = 'x'"]],
    None,
    [["form_id", "version", "default_language"], ["cli-form", 2, "English (en)"]],
)
BAD = xlsx(
    [["type", "name", "label", "relevant"], ["text", "a", "A"], ["text", "b", "B", "${a} mod 2"]]
)


@pytest.fixture
def cli(plain_app):
    return plain_app.test_cli_runner()


def test_import_writes_a_checked_yaml_file_and_says_how_to_publish_it(cli, tmp_path):
    workbook = tmp_path / "form.xlsx"
    workbook.write_bytes(GOOD)
    target = tmp_path / "cli-form.yaml"
    result = cli.invoke(args=["forms", "import-xlsform", str(workbook), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"{target}: ok (cli-form version 2)" in result.output
    assert f"collector forms import {target}" in result.output
    loaded = load_form_file(target)
    assert loaded.schema["sections"][0]["questions"][1]["show_if"]["source"] == "a == 'x'"


def test_import_without_o_writes_forms_slash_form_id(cli, tmp_path, monkeypatch):
    (tmp_path / "forms").mkdir()
    (tmp_path / "form.xlsx").write_bytes(GOOD)
    monkeypatch.chdir(tmp_path)
    result = cli.invoke(args=["forms", "import-xlsform", "form.xlsx"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "forms" / "cli-form.yaml").is_file()


def test_import_errors_name_sheet_row_and_column_exit_1_and_write_nothing(cli, tmp_path):
    workbook = tmp_path / "bad.xlsx"
    workbook.write_bytes(BAD)
    target = tmp_path / "bad.yaml"
    result = cli.invoke(args=["forms", "import-xlsform", str(workbook), "-o", str(target)])
    assert result.exit_code == 1
    assert f"{workbook}: sheet survey, row 3, column relevant: at character 6: 'mod'" in (
        result.output
    )
    assert "Nothing was written." in result.output
    assert not target.exists()


def test_import_refuses_to_overwrite_unless_forced(cli, tmp_path):
    workbook = tmp_path / "form.xlsx"
    workbook.write_bytes(GOOD)
    target = tmp_path / "kept.yaml"
    target.write_text("mine", encoding="utf-8")
    result = cli.invoke(args=["forms", "import-xlsform", str(workbook), "-o", str(target)])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert "--force" in result.output
    assert target.read_text(encoding="utf-8") == "mine"
    forced = ["forms", "import-xlsform", str(workbook), "-o", str(target), "--force"]
    assert cli.invoke(args=forced).exit_code == 0
    assert load_form_file(target).key == "cli-form"


def test_import_prints_warnings_for_what_is_left_out(cli, tmp_path):
    workbook = tmp_path / "meta.xlsx"
    workbook.write_bytes(
        xlsx([["type", "name", "label"], ["deviceid", "deviceid"], ["text", "a", "A"]])
    )
    result = cli.invoke(
        args=["forms", "import-xlsform", str(workbook), "-o", str(tmp_path / "m.yaml")]
    )
    assert result.exit_code == 0
    assert f"{workbook}: warning: sheet survey, row 2, column type: 'deviceid'" in result.output


def test_import_of_a_missing_file_exits_1(cli, tmp_path):
    result = cli.invoke(args=["forms", "import-xlsform", str(tmp_path / "none.xlsx")])
    assert result.exit_code == 1
    assert "none.xlsx" in result.output


def test_export_of_a_yaml_file_writes_an_xlsform(cli, tmp_path):
    target = tmp_path / "kitchen.xlsx"
    path = FORMS / "kitchen-talk.yaml"
    result = cli.invoke(args=["forms", "export-xlsform", str(path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "kitchen-talk version 1 written as an XLSForm" in result.output
    settings = sheet_rows(target.read_bytes(), "settings")
    assert (settings[0]["form_id"], settings[0]["version"]) == ("kitchen-talk", "1")


def test_export_of_a_form_xlsform_cannot_say_exits_1_and_writes_nothing(cli, tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text(
        "form: uses-in\nversion: 1\nkind: survey\nlanguages: [en]\ntitle: T\nsections:\n"
        "  - {id: s, title: S, questions: [{id: a, type: text, label: A},\n"
        "     {id: b, type: text, label: B, show_if: \"a in ['x', 'y']\"}]}\n",
        encoding="utf-8",
    )
    target = tmp_path / "in.xlsx"
    result = cli.invoke(args=["forms", "export-xlsform", str(source), "-o", str(target)])
    assert result.exit_code == 1
    assert "question 'b': 'in' has no XLSForm equivalent" in result.output
    assert not target.exists()


def test_export_of_a_published_form_by_its_id(runner, published_forms, tmp_path):
    target = tmp_path / "feedback.xlsx"
    args = ["forms", "export-xlsform", "microproject-feedback", "-o", str(target)]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    settings = sheet_rows(target.read_bytes(), "settings")[0]
    assert (settings["form_id"], settings["version"]) == ("microproject-feedback", "2")


def test_export_of_an_unknown_form_or_version_exits_1(runner, published_forms, tmp_path):
    target = tmp_path / "x.xlsx"
    result = runner.invoke(args=["forms", "export-xlsform", "no-such-form", "-o", str(target)])
    assert result.exit_code == 1
    assert "collector forms list" in result.output
    args = ["forms", "export-xlsform", "kitchen-talk", "--version", "9", "-o", str(target)]
    assert runner.invoke(args=args).exit_code == 1
    assert not target.exists()
