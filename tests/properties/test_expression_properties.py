"""Any source text parses to a tree or fails with ExpressionError and a position; the
evaluator, given any tree and any answers, returns a JSON value or raises ExpressionError."""

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector.schema.expressions import (
    KEYWORDS,
    MAX_LENGTH,
    MAX_TREE_DEPTH,
    ExpressionError,
    evaluate,
    evaluate_bool,
    parse,
    referenced_ids,
    uses_current_value,
)
from collector.schema.expressions.vocabulary import FUNCTION_ARITY, OPERATOR_ARITY
from tests.properties.support import finishes_within, json_values, property_settings

BINARY_OPERATORS = ["or", "and", "==", "!=", "<", "<=", ">", ">=", "in", "+", "-", "*", "/"]
TOKENS = [
    *BINARY_OPERATORS,
    "not",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "-",
    "1",
    "2.5",
    "'a'",
    '"b"',
    "true",
    "null",
    "a",
    "household_size",
    "selected",
    "count",
    "answered",
    "length",
    "today",
    "=",
    "===",
    "&&",
    "'",
    "\\",
    ".5",
    "9" * 20,
    "\ud800",
    "\u0000",
]


def parse_outcome(source: Any) -> dict[str, Any] | ExpressionError:
    try:
        return parse(source)
    except ExpressionError as error:
        return error


def assert_tree_or_positioned_error(source: str, outcome: dict[str, Any] | ExpressionError):
    if isinstance(outcome, ExpressionError):
        assert outcome.problem.strip()
        if outcome.position is not None:
            assert 0 <= outcome.position <= len(source)
            assert f"at position {outcome.position}" in str(outcome)
        return
    # A tree from the parser is plain JSON, which the browser's evaluator walks as is.
    assert json.loads(json.dumps(outcome, allow_nan=False)) == outcome


# ---------------------------------------------------------------------------------------------
# Arbitrary text


@property_settings(max_examples=200)
@given(st.text(max_size=200))
def test_any_text_parses_or_fails_with_a_position_in_the_text(source: str) -> None:
    assert_tree_or_positioned_error(source, parse_outcome(source))


@property_settings(max_examples=200)
@given(st.lists(st.sampled_from(TOKENS), max_size=40), st.sampled_from([" ", "", "\n"]))
def test_any_sequence_of_tokens_parses_or_fails_with_a_position(
    tokens: list[str], separator: str
) -> None:
    source = separator.join(tokens)
    assert_tree_or_positioned_error(source, parse_outcome(source))


@pytest.mark.parametrize(
    "source",
    [
        "(" * 100_000,
        "(" * 1_999,
        "(" * 40 + "1" + ")" * 40,
        "[" * 1_999,
        "not " * 100_000 + "a",
        "not " * 499,
        "- " * 999 + "1",
        "-" * 1_999 + "1",
        "a + " * 100_000 + "a",
        "a + " * 400 + "a",
        "count(" * 40 + "a" + ")" * 40,
        "'" + "\\'" * 999,
        "9" * 1_999,
        "1." + "0" * 1_997,
    ],
    ids=lambda source: f"{source[:12]!r}x{len(source)}",
)
def test_deep_or_long_input_is_a_clear_error_not_a_recursion_error(source: str) -> None:
    with finishes_within(2):
        outcome = parse_outcome(source)
    if isinstance(outcome, dict):
        assert len(source) <= MAX_LENGTH
    else:
        assert_tree_or_positioned_error(source, outcome)


@pytest.mark.parametrize("source", [None, 3, b"a == 1", ["a"], {"op": "not"}])
def test_a_source_that_is_not_text_is_an_expression_error(source: Any) -> None:
    assert isinstance(parse_outcome(source), ExpressionError)


# ---------------------------------------------------------------------------------------------
# Valid expressions from the grammar: (source, the tree it must parse to)

QUESTION_IDS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(
    lambda name: name not in KEYWORDS
)


def _string_literal(text: str, quote: str) -> str:
    escaped = text.replace("\\", "\\\\").replace(quote, "\\" + quote)
    return quote + escaped + quote


def _decimal(whole: int, fraction: str) -> tuple[str, dict[str, Any]]:
    text = f"{whole}.{fraction}"
    return text, {"lit": float(text)}


LEAVES = st.one_of(
    st.integers(0, 2**53).map(lambda n: (str(n), {"lit": n})),
    st.builds(_decimal, st.integers(0, 10**6), st.from_regex(r"[0-9]{1,6}", fullmatch=True)),
    st.builds(
        lambda text, quote: (_string_literal(text, quote), {"lit": text}),
        st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12),
        st.sampled_from(["'", '"']),
    ),
    st.sampled_from([("true", {"lit": True}), ("false", {"lit": False}), ("null", {"lit": None})]),
    QUESTION_IDS.map(lambda name: (name, {"ref": name})),
    st.just((".", {"ref": "."})),
    st.just(("today()", {"call": "today", "args": []})),
    st.builds(
        lambda function, name: (f"{function}({name})", {"call": function, "args": [{"ref": name}]}),
        st.sampled_from(["count", "answered", "length"]),
        QUESTION_IDS | st.just("."),
    ),
)


def _compound(children: st.SearchStrategy) -> st.SearchStrategy:
    def binary(operator: str, left: tuple, right: tuple) -> tuple[str, dict[str, Any]]:
        return f"({left[0]} {operator} {right[0]})", {"op": operator, "args": [left[1], right[1]]}

    return st.one_of(
        st.builds(binary, st.sampled_from(BINARY_OPERATORS), children, children),
        children.map(lambda child: (f"(not {child[0]})", {"op": "not", "args": [child[1]]})),
        children.map(lambda child: (f"(-{child[0]})", {"op": "neg", "args": [child[1]]})),
        st.lists(children, max_size=3).map(
            lambda items: (
                "[" + ", ".join(source for source, _tree in items) + "]",
                {"list": [tree for _source, tree in items]},
            )
        ),
        st.builds(
            lambda name, child: (
                f"selected({name}, {child[0]})",
                {"call": "selected", "args": [{"ref": name}, child[1]]},
            ),
            QUESTION_IDS | st.just("."),
            children,
        ),
    )


VALID_EXPRESSIONS = st.recursive(LEAVES, _compound, max_leaves=12)


@property_settings(max_examples=200)
@given(VALID_EXPRESSIONS)
def test_an_expression_from_the_grammar_parses_to_its_tree(expression: tuple) -> None:
    source, tree = expression
    assert parse(source) == tree


@property_settings(max_examples=100)
@given(VALID_EXPRESSIONS)
def test_the_ids_an_expression_reads_are_the_ones_in_its_source(expression: tuple) -> None:
    source, tree = expression
    for name in referenced_ids(tree):
        assert name in source
    assert uses_current_value(tree) == ('{"ref": "."}' in json.dumps(tree))


# ---------------------------------------------------------------------------------------------
# The evaluator: generated trees, generated answers

ANSWER_VALUES = st.one_of(
    json_values(max_leaves=8),
    st.sampled_from([math.nan, math.inf, -math.inf, 10**400, -0.0, 2**53 + 1]),
)


@st.composite
def trees_with_answers(draw: Any) -> tuple[dict[str, Any], dict[str, Any], Any]:
    _source, tree = draw(VALID_EXPRESSIONS)
    names = referenced_ids(tree)
    # Some questions unanswered: a missing key reads as null.
    answered = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    answers = {name: draw(ANSWER_VALUES) for name in answered}
    return tree, answers, draw(ANSWER_VALUES)


def assert_json_result(result: Any) -> None:
    # What the evaluator returns must be what JavaScript could: finite numbers, no NaN.
    json.dumps(result, allow_nan=False)


@property_settings(max_examples=200)
@given(trees_with_answers(), st.dates().map(lambda day: day.isoformat()))
def test_the_evaluator_returns_a_json_value_or_an_expression_error(
    tree_and_answers: tuple, today: str
) -> None:
    tree, answers, current = tree_and_answers
    try:
        result = evaluate(tree, answers, current=current, today=today)
    except ExpressionError:
        return
    assert_json_result(result)
    assert isinstance(evaluate_bool(tree, answers, current=current, today=today), bool)


NODE_KEYS = st.sampled_from(["lit", "list", "ref", "op", "call", "args", "x"])
ANY_TREES = st.recursive(
    json_values(max_leaves=3),
    lambda children: st.one_of(
        st.fixed_dictionaries({"lit": children}),
        st.fixed_dictionaries({"list": st.lists(children, max_size=3) | children}),
        st.fixed_dictionaries({"ref": QUESTION_IDS | st.just(".") | children}),
        st.fixed_dictionaries(
            {
                "op": st.sampled_from([*OPERATOR_ARITY, "xor", ""]) | children,
                "args": st.lists(children, max_size=3) | children,
            }
        ),
        st.fixed_dictionaries(
            {
                "call": st.sampled_from([*FUNCTION_ARITY, "eval"]) | children,
                "args": st.lists(children, max_size=3) | children,
            }
        ),
        st.dictionaries(NODE_KEYS, children, max_size=3),
    ),
    max_leaves=15,
)


@property_settings(max_examples=200)
@given(ANY_TREES, st.dictionaries(QUESTION_IDS, ANSWER_VALUES, max_size=4), ANSWER_VALUES)
def test_any_stored_tree_evaluates_or_fails_as_an_expression_error(
    tree: Any, answers: dict[str, Any], current: Any
) -> None:
    try:
        result = evaluate(tree, answers, current=current, today="2026-05-12")
    except ExpressionError:
        return
    assert_json_result(result)


@property_settings(max_examples=50)
@given(st.text(max_size=20) | st.none() | st.integers())
def test_a_today_that_is_not_a_date_is_an_expression_error(today: Any) -> None:
    try:
        evaluate({"call": "today", "args": []}, {}, today=today)
    except ExpressionError:
        return


def test_a_tree_that_contains_itself_is_an_expression_error() -> None:
    tree: dict[str, Any] = {"op": "not", "args": []}
    tree["args"].append(tree)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        evaluate(tree, {})


def test_a_tree_deeper_than_the_limit_is_an_expression_error_not_a_recursion_error() -> None:
    tree: dict[str, Any] = {"lit": 1}
    for _level in range(100_000):
        tree = {"op": "neg", "args": [tree]}
    with finishes_within(2), pytest.raises(ExpressionError, match="nested too deeply"):
        evaluate(tree, {})


def test_an_answer_nested_100000_deep_is_an_expression_error() -> None:
    answer: Any = 1
    for _level in range(100_000):
        answer = [answer]
    with pytest.raises(ExpressionError, match="nested too deeply"):
        evaluate({"ref": "a"}, {"a": answer})


def test_every_tree_within_the_token_limit_is_shallower_than_the_tree_limit() -> None:
    # The longest chain 500 tokens allow: a + a + ... (each '+' deepens the tree by one).
    source = " + ".join(["a"] * 250)
    tree = parse(source)
    depth = 0
    node = tree
    while "op" in node:
        node, depth = node["args"][0], depth + 1
    assert depth < MAX_TREE_DEPTH
    assert evaluate(tree, {"a": 1}) == 250
