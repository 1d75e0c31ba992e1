"""Whatever a form file holds, the loader gives a form or FormFileInvalid naming the file
and line: never another exception, a crash, a hang or runaway memory."""

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from collector.schema.errors import FormFileInvalid
from collector.schema.loader import LoadedForm, load_form_file, load_form_text
from collector.schema.source import MAX_DEPTH, read_source
from tests.conftest import FORMS_DIR
from tests.properties.support import finishes_within, json_values, property_settings

FILENAME = "generated.yaml"
SAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(FORMS_DIR.glob("*.yaml"))]
SAMPLE_DATA = [read_source(text, FILENAME).data for text in SAMPLE_TEXTS]
# Errors about the file as a whole have no line; every other error points into the file.
WHOLE_FILE_PROBLEMS = ("larger than 1 MB", "too many items", "not UTF-8", "no such file")
YAML_PIECES = list("-:{}[],&*!|>'\"#?%@`\t\n ") + ["- ", ": ", "\n  ", "&a ", "*a", "!!int "]


def load_outcome(text: str) -> LoadedForm | FormFileInvalid:
    """The loaded form, or the FormFileInvalid raised; any other exception fails the test."""
    try:
        return load_form_text(text, FILENAME)
    except FormFileInvalid as invalid:
        return invalid


def assert_clear_errors(outcome: LoadedForm | FormFileInvalid, text: str) -> None:
    if isinstance(outcome, LoadedForm):
        # Published schemas go into PostgreSQL's JSONB and to the browser: strict JSON only.
        json.dumps(outcome.schema, allow_nan=False)
        return
    assert outcome.errors, "FormFileInvalid without a single error"
    # YAML also breaks lines at \r, U+0085, U+2028 and U+2029; splitlines() at all of them.
    line_count = len(text.splitlines()) + 1
    for error in outcome.errors:
        assert error.file == FILENAME
        assert error.message.strip()
        assert str(error).startswith(FILENAME)
        if not any(problem in error.message for problem in WHOLE_FILE_PROBLEMS):
            assert error.line is not None, f"no line for: {error}"
            assert 1 <= error.line <= line_count, f"line {error.line} is not in the file: {error}"


# ---------------------------------------------------------------------------------------------
# Arbitrary input


@property_settings(max_examples=150)
@given(st.text())
def test_any_text_loads_or_is_refused_with_file_and_line(text: str) -> None:
    assert_clear_errors(load_outcome(text), text)


@property_settings(max_examples=150)
@given(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=3), max_size=60).map("".join))
def test_text_made_of_yaml_syntax_loads_or_is_refused_with_file_and_line(text: str) -> None:
    assert_clear_errors(load_outcome(text), text)


@property_settings(max_examples=40)
@given(st.binary(max_size=300))
def test_any_bytes_as_a_file_load_or_are_refused_naming_the_file(
    tmp_path_factory: Any, content: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / FILENAME
    path.write_bytes(content)
    try:
        outcome: LoadedForm | FormFileInvalid = load_form_file(path)
    except FormFileInvalid as invalid:
        outcome = invalid
    if isinstance(outcome, FormFileInvalid):
        assert all(error.file == str(path) and error.message for error in outcome.errors)


# ---------------------------------------------------------------------------------------------
# Documents that look like real forms: the shipped samples, mutated


def _mutate(data: Any, draw: Any, budget: int = 3) -> Any:
    """A copy of `data` with a few keys dropped, renamed, duplicated or given other values."""
    if budget <= 0 or not isinstance(data, dict | list) or not data:
        return data
    if isinstance(data, dict):
        keys = list(data)
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["drop", "rename", "replace", "descend", "descend"]))
        copy = dict(data)
        if action == "drop":
            del copy[key]
        elif action == "rename":
            new_key = draw(st.sampled_from([*keys, "labels", "Type", "choice", "id_", 1, True]))
            copy[new_key] = copy.pop(key)
        elif action == "replace":
            copy[key] = draw(_replacement_values(data[key]))
        else:
            copy[key] = _mutate(data[key], draw, budget - 1)
        return copy
    index = draw(st.integers(0, len(data) - 1))
    action = draw(st.sampled_from(["drop", "duplicate", "replace", "descend", "descend"]))
    copy = list(data)
    if action == "drop":
        del copy[index]
    elif action == "duplicate":
        copy.insert(index, data[index])
    elif action == "replace":
        copy[index] = draw(_replacement_values(data[index]))
    else:
        copy[index] = _mutate(data[index], draw, budget - 1)
    return copy


def _replacement_values(original: Any) -> st.SearchStrategy[Any]:
    """Values of another type, near-misses of the right one, and arbitrary JSON."""
    return st.one_of(
        json_values(max_leaves=6),
        st.sampled_from(
            [
                None,
                "",
                " ",
                "yes",
                "1",
                1.5,
                0,
                -1,
                10**30,
                math.inf,
                -math.inf,
                math.nan,
                [],
                {},
                "selected(x, 'a')",
                "(((",
                ". < household_size",
                "not not not a",
                {"lv": ""},
                {"xx": "Teksts"},
            ]
        ),
        st.just([original, original]),
        st.just({"nested": original}),
    )


@st.composite
def mutated_samples(draw: Any) -> str:
    data = draw(st.sampled_from(SAMPLE_DATA))
    for _round in range(draw(st.integers(1, 3))):
        data = _mutate(data, draw)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@property_settings(max_examples=50)
@given(mutated_samples())
def test_a_mutated_sample_form_loads_or_is_refused_with_file_and_line(text: str) -> None:
    assert_clear_errors(load_outcome(text), text)


@st.composite
def edited_sample_texts(draw: Any) -> str:
    """A sample's text with lines duplicated, dropped or swapped and characters typed in."""
    lines = draw(st.sampled_from(SAMPLE_TEXTS)).splitlines(keepends=True)
    for _edit in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["duplicate", "drop", "swap", "type"]))
        if edit == "duplicate":
            lines.insert(index, lines[index])
        elif edit == "drop" and len(lines) > 1:
            del lines[index]
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            typed = draw(st.sampled_from(["\t", ":", "- ", "&a", "*a", "'", '"', "{", "]", "\x00"]))
            lines[index] = line[:at] + typed + line[at:]
    return "".join(lines)


@property_settings(max_examples=60)
@given(edited_sample_texts())
def test_a_hand_edited_sample_text_loads_or_is_refused_with_file_and_line(text: str) -> None:
    assert_clear_errors(load_outcome(text), text)


def test_the_unchanged_samples_load() -> None:
    # The mutations above start from these; they must be valid for "refused" to mean anything.
    for text in SAMPLE_TEXTS:
        assert isinstance(load_outcome(text), LoadedForm)


# ---------------------------------------------------------------------------------------------
# Bounded: depth, size, aliases


@property_settings(max_examples=25)
@given(
    depth=st.integers(MAX_DEPTH + 1, 10_000),
    style=st.sampled_from(["flow-list", "flow-map", "block-list", "unclosed"]),
)
def test_nesting_beyond_the_limit_is_refused_quickly_with_its_line(depth: int, style: str) -> None:
    text = {
        "flow-list": "[" * depth + "]" * depth,
        "flow-map": "{a: " * depth + "1" + "}" * depth,
        "block-list": "".join(" " * level + "-\n" for level in range(min(depth, 1400))),
        "unclosed": "[" * depth,
    }[style]
    with finishes_within(5):
        outcome = load_outcome(text)
    assert isinstance(outcome, FormFileInvalid)
    assert_clear_errors(outcome, text)


def test_nesting_within_the_limit_is_read() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert read_source(text, FILENAME).data is not None


def test_an_unclosed_bracket_100000_deep_does_not_crash_the_process() -> None:
    # libyaml composes recursively in C: before the depth check this was a segmentation
    # fault, which kills pytest itself, so it runs in a process of its own.
    script = (
        "from collector.schema.source import read_source\n"
        "from collector.schema.errors import FormFileInvalid\n"
        "try:\n"
        "    read_source('[' * 100_000, 'f.yaml')\n"
        "except FormFileInvalid as invalid:\n"
        "    print(invalid)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "f.yaml:1: the items nest more than" in done.stdout


def test_an_alias_inside_the_item_it_names_is_refused_with_its_line() -> None:
    outcome = load_outcome("form: x\nitems: &loop\n  - *loop\n")
    assert isinstance(outcome, FormFileInvalid)
    assert outcome.errors[0].line is not None
    assert "nest more than" in outcome.errors[0].message


@property_settings(max_examples=2)
@given(st.integers(6, 12), st.integers(5, 10))
def test_yaml_alias_expansion_is_refused_quickly(levels: int, width: int) -> None:
    lines = ["a0: &a0 [lol]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    text = "\n".join(lines) + "\n"
    with finishes_within(5):
        outcome = load_outcome(text)
    if width**levels > 200_000:
        assert isinstance(outcome, FormFileInvalid)
        assert "too many items" in str(outcome)


def test_a_file_just_under_the_size_limit_is_read_quickly() -> None:
    # About 1 MB of questions with long labels; the depth check parses the text twice.
    label = "Jautājums par ikdienu, kas ir gana garš, lai aizpildītu rindu. " * 5
    question = "      - {id: q%d, type: text, label: {lv: '%s'}}\n"
    body = "".join(question % (n, label) for n in range(2_600))
    text = (
        "form: big\nversion: 1\nkind: survey\nlanguages: [lv]\ntitle: Liela\nsections:\n"
        "  - id: main\n    title: Galvenā\n    questions:\n" + body
    )
    assert 900_000 < len(text.encode()) < 1_000_000
    with finishes_within(10):
        outcome = load_outcome(text)
    assert isinstance(outcome, LoadedForm)


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed() -> None:
    text = "x: " + "[" * 1_100_000
    with finishes_within(2):
        outcome = load_outcome(text)
    assert isinstance(outcome, FormFileInvalid)
    assert "larger than 1 MB" in str(outcome)


# ---------------------------------------------------------------------------------------------
# Scalars the YAML constructors cannot build


@property_settings(max_examples=60)
@given(
    tag=st.sampled_from(["!!int", "!!float", "!!timestamp", "!!bool", "!!null", "!!binary", ""]),
    value=st.text(alphabet="0123456789-:.eEabxTZ+ ", min_size=1, max_size=20),
)
def test_a_scalar_that_cannot_be_built_is_refused_with_its_line(tag: str, value: str) -> None:
    text = f"form: demo\nversion: {tag} '{value}'\n"
    assert_clear_errors(load_outcome(text), text)


def test_a_number_of_5000_digits_is_refused_with_its_line_not_a_valueerror() -> None:
    text = "form: demo\nversion: " + "9" * 5000 + "\n"
    outcome = load_outcome(text)
    assert isinstance(outcome, FormFileInvalid)
    assert str(outcome.errors[0]).startswith(f"{FILENAME}:2: '999")


def test_a_date_that_does_not_exist_is_refused_with_its_line() -> None:
    outcome = load_outcome("form: demo\nversion: 2026-02-30\n")
    assert isinstance(outcome, FormFileInvalid)
    assert str(outcome.errors[0]) == (
        f"{FILENAME}:2: '2026-02-30' cannot be read as a date; put it in quotes if it is text"
    )


def test_text_with_a_lone_surrogate_is_refused_with_its_line() -> None:
    outcome = load_outcome("form: demo\ntitle: a\ud800b\n")
    assert isinstance(outcome, FormFileInvalid)
    assert str(outcome.errors[0]) == f"{FILENAME}:2: the text has a broken character (U+D800)"


def test_a_control_character_after_non_latin_text_is_reported_at_its_own_line() -> None:
    # libyaml reports the place in bytes; Latvian letters take two bytes each.
    text = "title: " + "ā" * 30 + "\n" * 2 + "form: x\n" + "kind: \x01\n"
    outcome = load_outcome(text)
    assert isinstance(outcome, FormFileInvalid)
    assert str(outcome.errors[0]) == (
        f"{FILENAME}:4: the file has an invisible control character (U+0001); remove it"
    )


@property_settings(max_examples=60)
@given(
    kind=st.sampled_from(["integer", "decimal", "scale"]),
    limits=st.dictionaries(
        st.sampled_from(["min", "max"]),
        st.sampled_from([math.inf, -math.inf, math.nan, 10**30, 1e308, 0.5, 3])
        | st.integers()
        | st.floats(),
    ),
)
def test_number_limits_of_any_value_load_as_strict_json_or_are_refused(
    kind: str, limits: dict[str, Any]
) -> None:
    question = {"id": "q", "type": kind, "label": "Cik?", **limits}
    document = {
        "form": "demo",
        "version": 1,
        "kind": "survey",
        "languages": ["lv"],
        "title": "Demo",
        "sections": [{"id": "main", "title": "Main", "questions": [question]}],
    }
    text = yaml.safe_dump(document, sort_keys=False)
    assert_clear_errors(load_outcome(text), text)


@pytest.mark.parametrize("where", ["version", "choice", "min"])
def test_a_hexadecimal_number_of_5000_digits_is_refused_with_its_line(where: str) -> None:
    # Python limits decimal digits only: str() of this int raised deep in the loader.
    big = "0x" + "f" * 5000
    text = (
        f"form: demo\nversion: {big if where == 'version' else 1}\nkind: survey\n"
        "languages: [lv]\ntitle: T\nsections:\n  - id: main\n    title: T\n    questions:\n"
        f"      - {{id: q, type: select_one, label: L, choices: [{{value: "
        f"{big if where == 'choice' else 'a'}, label: A}}]}}\n"
        f"      - {{id: n, type: integer, label: L, min: {big if where == 'min' else 1}}}\n"
    )
    outcome = load_outcome(text)
    assert isinstance(outcome, FormFileInvalid)
    assert "is too large a number" in str(outcome.errors[0])
    assert outcome.errors[0].line == {"version": 2, "choice": 10, "min": 11}[where]


def test_a_version_beyond_32_bits_is_refused_with_its_line() -> None:
    outcome = load_outcome("form: demo\nversion: 2147483648\n")
    assert isinstance(outcome, FormFileInvalid)
    assert f"{FILENAME}:2: the version must be at most 2147483647" in str(outcome).splitlines()
