"""Versions that differ, merged by question id, as the Codebook explains."""

import pytest

VERSION_1 = """\
    form: waves
    version: 1
    kind: survey
    languages: [en]
    title: Waves
    sections:
      - id: main
        title: Main
        questions:
          - {id: town, type: text, label: Town}
          - {id: age, type: integer, label: Age}
          - id: contact
            type: select_one
            label: How we reached you
            choices: [{value: phone, label: Phone}, {value: visit, label: Visit}]
          - {id: helped, type: yes_no, label: Helped}
          - {id: dropped, type: text, label: Dropped later}
          - {id: size, type: integer, label: Household}
    """

VERSION_2 = """\
    form: waves
    version: 2
    kind: survey
    languages: [en]
    title: Waves
    sections:
      - id: main
        title: Main
        questions:
          - {id: municipality, type: text, label: Municipality, renamed_from: town}
          - {id: age, type: text, label: Age in words}
          - id: contact
            type: select_multiple
            label: How we reached you
            choices:
              - {value: phone, label: Phone}
              - {value: visit, label: Visit}
              - {value: letter, label: Letter}
          - {id: helped, type: yes_no, label: Helped}
          - {id: added, type: text, label: Added later}
          - {id: size, type: decimal, label: Household}
    """


@pytest.fixture
def two_versions(publish, store):
    publish(VERSION_1)
    publish(VERSION_2)
    one = {"town": "Cēsis", "age": 70, "contact": "visit", "helped": "yes"}
    store({**one, "dropped": "only in v1", "size": 2}, form="waves", version=1)
    two = {"municipality": "Valka", "age": "seventy", "contact": ["phone", "letter"]}
    store({**two, "helped": "no", "added": "only in v2", "size": 2.5}, form="waves", version=2)


def codebook_notes(out):
    return {record["Question"]: record["Notes"] for record in codebook_records(out)}


def codebook_records(out):
    rows = out.rows("Codebook")
    start = next(i for i, row in enumerate(rows) if row[0] == "Question")
    header = rows[start]
    return [dict(zip(header, row, strict=True)) for row in rows[start + 1 :]]


pytestmark = pytest.mark.usefixtures("two_versions")


def test_a_question_added_later_is_empty_for_older_rows(export):
    assert export("waves", codes=True).column("added") == [None, "only in v2"]


def test_a_question_removed_later_is_empty_for_newer_rows(export):
    assert export("waves", codes=True).column("dropped") == ["only in v1", None]


def test_a_renamed_question_is_one_column_under_its_new_id(export):
    out = export("waves", codes=True)
    assert out.column("municipality") == ["Cēsis", "Valka"]
    assert "town" not in out.records()[0]
    notes = codebook_notes(out)
    assert "town" in notes["municipality"]


def test_select_one_then_multiple_is_one_select_multiple_column(export):
    out = export("waves", codes=True)
    assert out.column("contact") == ["visit", "phone; letter"]
    assert out.column("contact/visit") == [1, 0]
    assert out.column("contact/phone") == [0, 1]
    assert out.column("contact/letter") == [0, 1]
    assert "counts as that one choice ticked" in codebook_notes(out)["contact"]


def test_integer_then_decimal_is_one_number_column(export):
    out = export("waves", codes=True)
    assert out.column("size") == [2, 2.5]


def test_a_type_change_across_kinds_keeps_each_type_in_its_own_column(export):
    out = export("waves", codes=True)
    assert out.column("age") == [None, "seventy"]
    assert out.column("age_v1") == [70, None]
    notes = codebook_notes(out)
    assert "own column" in notes["age"]
    assert "own column" in notes["age_v1"]


def test_codebook_says_which_versions_have_each_question(export):
    versions = {r["Question"]: r["Versions"] for r in codebook_records(export("waves"))}
    assert versions["added"] == "2"
    assert versions["dropped"] == "1"
    assert versions["helped"] == "1–2"


def test_the_summary_counts_answers_of_every_version(export):
    block = export("waves", codes=True).block("Summary", "contact")
    counts = {row[0]: row[1] for row in block[1:] if row[0] in ("phone", "visit", "letter")}
    assert counts == {"phone": 1, "visit": 1, "letter": 1}
