"""The expression language: the shared cases (also run by the JS evaluator), then Python-only
checks of error messages, limits and hostile input.

After adding or changing eval cases in cases.json, fill in their syntax trees (the JavaScript
side evaluates the trees, it has no parser) and check the diff:

    .venv/bin/python -m tests.expressions.test_expressions
"""

import datetime
import decimal
import json
import math
import re
import types
from pathlib import Path
from typing import Any

import pytest

from collector.schema import expressions
from collector.schema.expressions import (
    ExpressionError,
    evaluate,
    evaluate_bool,
    parse,
    referenced_ids,
    uses_current_value,
)

CASES_FILE = Path(__file__).with_name("cases.json")
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))


def _by_name(section: str) -> Any:
    return pytest.mark.parametrize("case", CASES[section], ids=[c["name"] for c in CASES[section]])


def _canonical(value: Any) -> Any:
    """A JSON value tagged by type, numbers as doubles: True and 1 differ, 3 and 3.0 do not."""
    if value is None:
        return ("null", None)
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, (int, float)):
        assert math.isfinite(value), f"{value!r} is not a JSON number"
        assert math.copysign(1, value) == 1 or value != 0, "-0 must come out as 0"
        return ("number", float(value))
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("list", [_canonical(item) for item in value])
    if isinstance(value, dict):
        return ("object", {key: _canonical(item) for key, item in value.items()})
    raise AssertionError(f"{value!r} is not a JSON value")


def _truthy(value: Any) -> bool:
    """The truthiness rule written out independently of the module."""
    return value not in (None, False, "", []) and not (
        isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0
    )


def _stored(tree: dict[str, Any]) -> Any:
    """The tree as read back from the published schema."""
    return json.loads(json.dumps(tree, allow_nan=False))


def _nested_tree(depth: int) -> dict[str, Any]:
    tree: dict[str, Any] = {"lit": 1}
    for _ in range(depth - 1):
        tree = {"op": "neg", "args": [tree]}
    return tree


# ---------------------------------------------------------------------------------------------
# The shared cases


@_by_name("eval")
def test_eval_case(case: dict[str, Any]) -> None:
    tree = _stored(parse(case["expr"]))
    assert _canonical(tree) == _canonical(case.get("tree")), (
        "the case's tree differs from the parser's: see this module's docstring"
    )
    arguments = {
        "answers": case.get("answers", {}),
        "current": case.get("current"),
        "today": case.get("today"),
    }
    result = evaluate(tree, **arguments)
    assert _canonical(result) == _canonical(case["expected"])
    json.dumps(result, allow_nan=False)
    assert evaluate_bool(tree, **arguments) is _truthy(case["expected"])


@_by_name("parse_errors")
def test_parse_error_case(case: dict[str, Any]) -> None:
    with pytest.raises(ExpressionError, match=re.escape(case["error_contains"])):
        parse(case["expr"])


@pytest.mark.parametrize("case", CASES["trees"], ids=[c["expr"] for c in CASES["trees"]])
def test_tree_case(case: dict[str, Any]) -> None:
    assert _canonical(parse(case["expr"])) == _canonical(case["tree"])


@_by_name("bad_trees")
def test_bad_tree_case(case: dict[str, Any]) -> None:
    with pytest.raises(ExpressionError, match="invalid expression tree"):
        evaluate(case["tree"], {"a": 1, "q": ["x"]})
    with pytest.raises(ExpressionError):
        referenced_ids(case["tree"])
    with pytest.raises(ExpressionError):
        uses_current_value(case["tree"])


def test_case_names_are_unique() -> None:
    names = [
        case["name"] for section in ("eval", "parse_errors", "bad_trees") for case in CASES[section]
    ]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []


def test_cases_fix_the_date_whenever_they_use_today() -> None:
    for case in CASES["eval"]:
        assert ("today(" in case["expr"]) == ("today" in case), case["name"]


def test_cases_use_only_known_keys() -> None:
    for case in CASES["eval"]:
        assert set(case) <= {"name", "expr", "answers", "current", "today", "expected", "tree"}


def test_every_operator_and_function_has_eval_cases() -> None:
    used: set[str] = set()

    def collect(node: dict[str, Any]) -> None:
        used.add(node.get("op") or node.get("call") or "")
        for child in node.get("args") or node.get("list") or []:
            collect(child)

    for case in CASES["eval"]:
        collect(parse(case["expr"]))
    operators = {"or", "and", "not", "neg", "==", "!=", "<", "<=", ">", ">=", "in"}
    operators |= {"+", "-", "*", "/"}
    assert operators | set(expressions.FUNCTIONS) <= used


def test_there_are_enough_cases() -> None:
    assert len(CASES["eval"]) >= 80
    assert len(CASES["parse_errors"]) >= 25


# ---------------------------------------------------------------------------------------------
# Errors read well


def test_error_has_message_position_and_readable_text() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("(a == 1 or b == 2")
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.position == 17
    assert error.message == "expected ')'; the '(' at position 0 is not closed"
    assert str(error) == "expected ')' at position 17; the '(' at position 0 is not closed"


def test_unknown_function_names_the_functions() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("__import__('os')")
    assert caught.value.message == (
        "unknown function '__import__'; the functions are selected, count, answered, length, today"
    )
    assert caught.value.position == 0


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("a == $b", "unexpected character '$' at position 5"),
        (
            "a == 'abc",
            "unterminated string starting at position 5; the text has no closing quote (')",
        ),
        ("a b", "unexpected 'b' at position 2; is an operator such as '==' or 'and' missing?"),
        ("a == 'x' 'y'", "unexpected text 'y' at position 9"),
        ("1 +", "expression ends too early at position 3; a value is missing after '+'"),
        ("count(a, b)", "count() takes 1 argument (a question id) at position 0; it was given 2"),
        ("today(1)", "today() takes no arguments at position 0; it was given 1"),
        (
            "selected('x', 'y')",
            "the first argument of selected() must be a question id or '.' "
            "at position 9; found text 'x'",
        ),
        (
            "a < b < c",
            "unexpected '<' after a comparison at position 6; comparisons cannot be "
            "chained: join them with 'and', e.g. 'a < b and b < c'",
        ),
        ("a == 1 )", "unexpected ')' at position 7; there is no '(' for it to close"),
        ("a === b", "'===' is not an operator at position 2; use '=='"),
        ("a\u00a0== 1", "unexpected character U+00A0 at position 1"),
        ("a ==\x00", "unexpected character U+0000 at position 4"),
        ("'a\ud800'", "unexpected character U+D800 at position 2"),
    ],
)
def test_error_text(source: str, text: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert str(caught.value).startswith(text)


def test_lone_surrogate_outside_text_is_an_unexpected_character() -> None:
    with pytest.raises(ExpressionError, match="U\\+D800 at position 0"):
        parse("\ud800")


def test_long_tokens_are_shortened_in_messages() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("a " + "b" * 500)
    assert len(str(caught.value)) < 120


def test_a_source_that_is_not_text_is_refused() -> None:
    with pytest.raises(ExpressionError, match="must be text, not int"):
        parse(3)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Limits and hostile input


def test_length_limit() -> None:
    longest = "'" + "x" * (expressions.MAX_LENGTH - 2) + "'"
    assert parse(longest) == {"lit": "x" * (expressions.MAX_LENGTH - 2)}
    with pytest.raises(ExpressionError) as caught:
        parse(longest + " ")
    assert str(caught.value) == "expression is too long (2001 characters, the limit is 2000)"
    assert caught.value.position is None


def test_a_megabyte_string_literal_is_refused_quickly() -> None:
    with pytest.raises(ExpressionError, match=r"too long \(1000002 characters"):
        parse("'" + "x" * 1_000_000 + "'")


def test_token_limit() -> None:
    five_hundred = "-1" + "+1" * 249
    assert evaluate(parse(five_hundred), {}) == 248
    with pytest.raises(ExpressionError, match="more than 500"):
        parse("-" + five_hundred)


def test_nesting_limit() -> None:
    deepest = "(" * 32 + "a" + ")" * 32
    assert parse(deepest) == {"ref": "a"}
    with pytest.raises(ExpressionError, match="nested too deeply at position 32"):
        parse("(" + deepest + ")")


@pytest.mark.parametrize(
    "source",
    [
        "(" * 1000 + "1" + ")" * 1000,
        "(" * 500 + "1" + ")" * 500,
        "[" * 600,
        "not " * 400 + "a",
        "-" * 1999 + "1",
        "count(" * 300,
        "a" + " or a" * 400,
        "1" + " +" * 999,
        "'" * 2000,
        "\\" * 2000,
    ],
    ids=lambda source: f"{source[:12]}...{len(source)}",
)
def test_hostile_sources_fail_cleanly(source: str) -> None:
    with pytest.raises(ExpressionError):
        parse(source)


def test_longest_chain_the_parser_allows_can_be_evaluated() -> None:
    chain = "1" + "-1" * 249
    tree = parse(chain)
    assert evaluate(tree, {}) == -248
    assert referenced_ids(tree) == []


def test_tree_depth_limit() -> None:
    assert evaluate(_nested_tree(expressions.MAX_TREE_DEPTH), {}) in (1, -1)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        evaluate(_nested_tree(expressions.MAX_TREE_DEPTH + 1), {})


@pytest.mark.parametrize(
    "walk",
    [lambda tree: evaluate(tree, {}), referenced_ids, uses_current_value],
    ids=["evaluate", "referenced_ids", "uses_current_value"],
)
def test_very_deep_and_cyclic_trees_are_refused(walk: Any) -> None:
    cyclic: dict[str, Any] = {"op": "not", "args": []}
    cyclic["args"].append(cyclic)
    for tree in (_nested_tree(100_000), cyclic):
        with pytest.raises(ExpressionError, match="nested too deeply"):
            walk(tree)


def test_the_package_never_runs_python_code() -> None:
    modules = sorted(Path(expressions.__file__).parent.glob("*.py"))
    assert len(modules) >= 7
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"(?<![.\w])(eval|exec|compile|__import__)\s*\(", source), module
        assert not re.search(r"^\s*(import|from)\s+ast\b", source, re.MULTILINE), module


def test_names_are_looked_up_only_in_the_answers() -> None:
    tree = parse("__class__ == null and __builtins__ == null and answers == null")
    assert evaluate(tree, {}) is True
    assert evaluate(parse("__class__"), {"__class__": "x"}) == "x"


# ---------------------------------------------------------------------------------------------
# Python-side details of evaluation


def test_parse_returns_plain_json_and_fresh_objects() -> None:
    source = "selected(q, 'x') and count(.) <= 2.5 or a in [1, null, true]"
    first, second = parse(source), parse(source)
    assert first == second
    assert first is not second
    assert _stored(first) == first


def test_referenced_ids_in_order_of_first_appearance() -> None:
    tree = parse("b == 1 or a == 2 or b == 3 or selected(c, .) or count(.) > d")
    assert referenced_ids(tree) == ["b", "a", "c", "d"]
    assert uses_current_value(tree) is True


def test_current_value_only() -> None:
    tree = parse("count(.) <= 3")
    assert referenced_ids(tree) == []
    assert uses_current_value(tree) is True
    assert uses_current_value(parse("a == 1")) is False


def test_evaluate_leaves_tree_and_answers_alone() -> None:
    tree = parse("selected(q, 'x') and a + 1 > 2")
    answers = {"q": ["x"], "a": 2}
    snapshot = json.dumps([tree, answers])
    assert evaluate(tree, types.MappingProxyType(answers)) is True
    assert json.dumps([tree, answers]) == snapshot


def test_evaluate_bool_returns_a_bool() -> None:
    assert evaluate_bool(parse("a"), {"a": "x"}) is True
    assert evaluate_bool(parse("a"), {"a": []}) is False
    assert evaluate_bool(parse("count(q)"), {"q": ["x"]}) is True


def test_whole_numbers_come_back_as_int_and_fractions_as_float() -> None:
    assert type(evaluate(parse("2.5 * 2"), {})) is int
    assert type(evaluate(parse("7 / 2"), {})) is float
    assert type(evaluate(parse("-0"), {})) is int


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (datetime.date(2026, 5, 1), "2026-05-01"),
        (decimal.Decimal("2.50"), 2.5),
        (decimal.Decimal("NaN"), None),
        (decimal.Decimal("sNaN"), None),
        (("a", "b"), ["a", "b"]),
        (float("nan"), None),
        (float("inf"), None),
        (10**400, None),
        (2**53 + 1, 2**53),
        ({"k": (1,)}, {"k": [1]}),
    ],
    ids=repr,
)
def test_non_json_answers_are_read_as_json(answer: Any, expected: Any) -> None:
    assert _canonical(evaluate(parse("a"), {"a": answer})) == _canonical(expected)
    assert _canonical(evaluate(parse("."), {}, current=answer)) == _canonical(expected)


@pytest.mark.parametrize(
    "answer",
    [object(), datetime.datetime(2026, 5, 1, 12, 0), {1: "x"}, {"x"}, b"bytes"],
    ids=repr,
)
def test_answers_that_cannot_be_read_raise_expression_error(answer: Any) -> None:
    with pytest.raises(ExpressionError, match="the answer to 'a' is a"):
        evaluate(parse("a == 1"), {"a": answer})


def test_deeply_nested_answer_is_refused() -> None:
    answer: list[Any] = []
    for _ in range(1000):
        answer = [answer]
    with pytest.raises(ExpressionError, match="the current answer is nested too deeply"):
        evaluate(parse(". == 1"), {}, current=answer)


def test_unread_answers_are_not_inspected() -> None:
    assert evaluate(parse("a == 1"), {"a": 1, "b": object()}) is True


def test_today_defaults_to_the_local_date() -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", evaluate(parse("today()"), {}))


@pytest.mark.parametrize("today", ["2026-02-30", "12.05.2026", "20260512", "2026-05-12T10:00", 5])
def test_today_must_be_an_iso_date(today: Any) -> None:
    with pytest.raises(ExpressionError, match="today must be a date written YYYY-MM-DD"):
        evaluate(parse("today()"), {}, today=today)


def test_big_arithmetic_stays_in_doubles() -> None:
    # Python integers would grow without bound; doubles overflow to null as in JavaScript.
    tree = parse("a * a * a * a * a * a * a * a")
    assert evaluate(tree, {"a": 10**40}) is None
    assert evaluate(parse("a * a"), {"a": 10**15}) == 1e30


# ---------------------------------------------------------------------------------------------
# Filling in the trees of cases.json


def _format_cases(cases: dict[str, Any]) -> str:
    """One case a line, so that diffs of cases.json show which cases changed."""
    sections = []
    for key, items in cases.items():
        lines = ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in items)
        sections.append(f"  {json.dumps(key)}: [\n{lines}\n  ]")
    return "{\n" + ",\n".join(sections) + "\n}\n"


def _write_trees() -> None:
    for case in CASES["eval"]:
        case.pop("tree", None)
        case["tree"] = parse(case["expr"])
    CASES_FILE.write_text(_format_cases(CASES), encoding="utf-8")
    print(f"wrote the trees of {len(CASES['eval'])} eval cases to {CASES_FILE}")


if __name__ == "__main__":
    _write_trees()
