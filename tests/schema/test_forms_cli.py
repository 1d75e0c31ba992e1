"""`collector forms validate|import|list|diff` as a coordinator uses them."""

from pathlib import Path
from textwrap import dedent, indent

import pytest
from sqlalchemy import select

from collector.extensions import db
from collector.schema.models import Form, FormVersion
from tests.conftest import FORMS_DIR

QUESTIONS_V1 = """
- {id: age, type: integer, label: Vecums}
- {id: town, type: text, label: Novads}
- {id: hobby, type: text, label: Vaļasprieks}
"""
QUESTIONS_V2 = """
- {id: age, type: integer, label: Vecums, required: true}
- {id: municipality, type: text, label: Novads, renamed_from: town}
- {id: pets, type: yes_no, label: Mājdzīvnieki}
"""


def form_text(version: int = 1, questions: str = QUESTIONS_V1, kind: str = "survey") -> str:
    return (
        dedent(f"""\
        form: demo
        version: {version}
        kind: {kind}
        languages: [lv]
        title: Aptauja
        sections:
          - id: main
            title: Daļa
            questions:
        """)
        + indent(dedent(questions).strip("\n"), " " * 6)
        + "\n"
    )


def write_form(folder: Path, text: str, name: str = "demo.yaml") -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def forms(runner, *args: str):
    return runner.invoke(args=["forms", *args])


def published_numbers(app, key: str = "demo") -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(FormVersion.number)
                .join(Form)
                .where(Form.key == key)
                .order_by(FormVersion.number)
            )
        )


@pytest.fixture
def two_versions(runner, tmp_path: Path) -> None:
    """demo version 1, then version 2 with a changed, a renamed, a removed and a new question."""
    assert forms(runner, "import", write_form(tmp_path, form_text(1))).exit_code == 0
    v2 = write_form(tmp_path, form_text(2, QUESTIONS_V2), name="demo-v2.yaml")
    assert forms(runner, "import", v2).exit_code == 0


# validate --------------------------------------------------------------------------------


def test_validate_prints_ok_and_exits_0_for_a_good_file(runner, tmp_path: Path):
    path = write_form(tmp_path, form_text())
    result = forms(runner, "validate", path)
    assert result.exit_code == 0, result.output
    assert f"{path}: ok (demo version 1)" in result.output


def test_validate_prints_file_line_message_and_exits_1_for_a_bad_file(runner, tmp_path: Path):
    path = write_form(tmp_path, form_text(kind="quiz"))
    result = forms(runner, "validate", path)
    assert result.exit_code == 1
    assert f"{path}:3: kind 'quiz' is not one of interview, survey" in result.output
    assert "ok" not in result.output


def test_validate_reports_every_bad_file_and_still_checks_the_good_ones(runner, tmp_path: Path):
    bad = write_form(tmp_path, form_text(version=0), name="bad.yaml")
    good = write_form(tmp_path, form_text(), name="good.yaml")
    result = forms(runner, "validate", bad, good)
    assert result.exit_code == 1
    assert f"{bad}:2: the version must be 1 or more" in result.output
    assert f"{good}: ok" in result.output


def test_validate_accepts_the_shipped_forms_folder(runner):
    result = forms(runner, "validate", str(FORMS_DIR))
    assert result.exit_code == 0, result.output
    assert result.output.count(": ok (") == 3


def test_validate_of_a_missing_file_exits_1_and_says_so(runner, tmp_path: Path):
    result = forms(runner, "validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "nope.yaml: no such file" in result.output


# import ----------------------------------------------------------------------------------


def test_import_publishes_a_new_form(app, runner, tmp_path: Path):
    result = forms(runner, "import", write_form(tmp_path, form_text()))
    assert result.exit_code == 0, result.output
    assert "demo version 1 published" in result.output
    assert published_numbers(app) == [1]


def test_import_of_an_invalid_file_exits_1_and_publishes_nothing(app, runner, tmp_path: Path):
    result = forms(runner, "import", write_form(tmp_path, form_text(kind="quiz")))
    assert result.exit_code == 1
    assert "kind 'quiz'" in result.output
    assert published_numbers(app) == []


def test_reimporting_the_same_file_is_a_no_op(app, runner, tmp_path: Path):
    path = write_form(tmp_path, form_text())
    forms(runner, "import", path)
    result = forms(runner, "import", path)
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.output
    assert published_numbers(app) == [1]


def test_reimporting_with_only_comments_changed_is_a_no_op(app, runner, tmp_path: Path):
    forms(runner, "import", write_form(tmp_path, form_text()))
    commented = "# asked at the door\n" + form_text().replace("Aptauja", "Aptauja  # v1")
    result = forms(runner, "import", write_form(tmp_path, commented))
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.output
    assert published_numbers(app) == [1]


def test_changed_file_with_the_same_version_is_refused_and_asks_to_raise_it(
    app, runner, tmp_path: Path
):
    forms(runner, "import", write_form(tmp_path, form_text()))
    result = forms(runner, "import", write_form(tmp_path, form_text(1, QUESTIONS_V2)))
    assert result.exit_code == 1
    assert "version 1 of 'demo' is already published" in result.output
    assert "raise 'version' to 2" in result.output
    assert published_numbers(app) == [1]
    with app.app_context():
        stored = db.session.scalar(select(FormVersion)).schema
    assert [q["id"] for q in stored["sections"][0]["questions"]] == ["age", "town", "hobby"]


def test_raised_version_publishes_version_2(app, runner, tmp_path: Path):
    forms(runner, "import", write_form(tmp_path, form_text()))
    result = forms(runner, "import", write_form(tmp_path, form_text(2, QUESTIONS_V2)))
    assert result.exit_code == 0, result.output
    assert "demo version 2 published" in result.output
    assert published_numbers(app) == [1, 2]


# list --------------------------------------------------------------------------------------


def test_list_says_when_nothing_is_published(runner):
    result = forms(runner, "list")
    assert result.exit_code == 0
    assert "No forms are published yet" in result.output


@pytest.mark.usefixtures("two_versions")
def test_list_shows_each_form_with_its_versions(runner):
    result = forms(runner, "list")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["demo\tsurvey\tversions 1, 2\tAptauja"]


# diff --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("two_versions")
def test_diff_shows_added_removed_renamed_and_changed_questions(runner):
    result = forms(runner, "diff", "demo", "1", "2")
    assert result.exit_code == 0, result.output
    assert sorted(result.output.splitlines()) == sorted(
        [
            "~ town renamed to municipality",
            "- hobby (text) removed",
            "+ pets (yes_no) added",
            "* age: required changed from False to True",
        ]
    )


@pytest.mark.usefixtures("two_versions")
def test_diff_of_a_version_with_itself_says_nothing_changed(runner):
    result = forms(runner, "diff", "demo", "2", "2")
    assert result.exit_code == 0
    assert "Versions 2 and 2 ask the same questions." in result.output


@pytest.mark.usefixtures("two_versions")
def test_diff_of_a_missing_version_exits_1_with_a_clear_message(runner):
    result = forms(runner, "diff", "demo", "1", "3")
    assert result.exit_code == 1
    assert "Form 'demo' has no published version 3." in result.output
    assert "collector forms list" in result.output


def test_diff_of_an_unknown_form_exits_1(runner):
    result = forms(runner, "diff", "nosuch", "1", "2")
    assert result.exit_code == 1
    assert "Form 'nosuch' has no published version 1." in result.output
