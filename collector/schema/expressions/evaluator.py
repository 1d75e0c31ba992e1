"""The evaluator: a syntax tree and the answers to a JSON value.

The rules below are a contract: the JavaScript twin in the browser reproduces them exactly,
and ``tests/expressions/cases.json`` is run against both evaluators.

Evaluation rules (values are JSON values: null, booleans, numbers, strings, lists, objects):

- A question that was not answered (a missing key) is null.
- Numbers are IEEE-754 doubles as in JavaScript: ``2 == 2.0``, ``7 / 2 == 3.5``, and
  ``0.1 + 0.2`` is ``0.30000000000000004``. Booleans are never numbers (``true + 1`` is null).
- Falsy values are null, false, 0, "" and []; everything else is truthy, including {}.
- ``and`` / ``or`` evaluate the right side only when needed and always return a boolean;
  ``not`` returns a boolean.
- ``==`` / ``!=``: equal when the same JSON value: numbers by value, strings exactly
  (code point by code point, case-sensitive), ``"2" != 2``, ``null == null``, lists element by
  element, objects key by key. ``!=`` is always the opposite of ``==``.
- ``< <= > >=``: two numbers compare by value; two strings by code point (so ISO dates compare
  by date); anything else, null included, is false.
- ``+ - * /``: two numbers give a number; ``+`` also joins two strings. Anything else gives null,
  as do division by zero and a result that is not finite. ``-x`` is the negated number, or null.
- ``in``: with a list on the right, true when the left value ``==`` one of its items; with a
  string on the right, true when the left value is a string inside it (``"" in "abc"`` is
  true); anything else on the right gives false. With a list on the left (a multi-select
  answer) the test is made for each of its items and is true when any of them passes, so an
  empty list on the left gives false.
- ``selected(q, v)``: true when q's answer is a list with an item ``== v``, or a single answer
  ``== v``; false when q is unanswered (null).
- ``count(q)``: the number of items of a list answer; 0 when q is null, "" or []; 1 for any
  other single answer.
- ``answered(q)``: true unless q's answer is null, "" or [].
- ``length(q)``: the number of characters of q's text answer, counted as Unicode code points
  (an emoji is 1, as is ``ā`` written as one code point); 0 when q is null or "". Any other
  answer (a number, boolean, list or object) gives null, so ``length(q) <= 200`` is then
  false, as every comparison with null is. The form loader allows length() only of text and
  textarea questions, so a published form never meets that case.
- ``today()``: the evaluation date as a ``YYYY-MM-DD`` string.
- The first argument of selected, count, answered and length is a question id or ``.``.
- A number result of -0 is 0.
- The whole tree is checked before anything is evaluated: a node of unknown shape, or a tree
  deeper than 300 nodes, is an error even inside a branch that ``and`` / ``or`` would skip.

Answers that are not JSON values are adapted on the Python side only: a ``datetime.date``
reads as its ISO string, a ``Decimal`` as a number, a tuple as a list, and a number that is not
finite as null; anything else is an ``ExpressionError``. Numbers are returned as ``int`` when
they are whole (and within 2**53), so results serialise as JavaScript would print them.
"""

from __future__ import annotations

import datetime
import decimal
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from collector.schema.expressions.errors import ExpressionError
from collector.schema.expressions.trees import check_tree
from collector.schema.expressions.vocabulary import (
    CURRENT_VALUE,
    MAX_ANSWER_DEPTH,
    MAX_EXACT_INTEGER,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@dataclass(frozen=True)
class _Context:
    answers: Mapping[str, Any]
    current: Any
    today: str


def evaluate(
    tree: dict[str, Any],
    answers: Mapping[str, Any],
    current: Any = None,
    today: str | None = None,
) -> Any:
    """Evaluate a syntax tree against the answers; see the module docstring for the rules.

    `current` is the answer of the question the expression belongs to (read by `.`), and
    `today` the evaluation date as YYYY-MM-DD (the local date when None). The tree is checked
    first: an unknown node raises ExpressionError, never KeyError or TypeError.
    """
    check_tree(tree)
    return _evaluate(tree, _Context(answers, current, _today_as_text(today)))


def evaluate_bool(
    tree: dict[str, Any],
    answers: Mapping[str, Any],
    current: Any = None,
    today: str | None = None,
) -> bool:
    """Whether the tree holds: the truthiness of `evaluate` (null, false, 0, "", [] are false)."""
    return _truthy(evaluate(tree, answers, current=current, today=today))


def _today_as_text(today: str | None) -> str:
    if today is None:
        return datetime.date.today().isoformat()
    if isinstance(today, str) and _ISO_DATE.fullmatch(today):
        try:
            datetime.date.fromisoformat(today)
        except ValueError:
            pass
        else:
            return today
    raise ExpressionError(f"today must be a date written YYYY-MM-DD, not {today!r:.40}")


def _evaluate(node: dict[str, Any], context: _Context) -> Any:
    if "lit" in node:
        return _plain_value(node["lit"], "a literal")
    if "list" in node:
        return [_evaluate(item, context) for item in node["list"]]
    if "ref" in node:
        return _read_answer(node["ref"], context)
    if "call" in node:
        return _call(node["call"], node["args"], context)
    operator, operands = node["op"], node["args"]
    if operator == "and":
        return _truthy(_evaluate(operands[0], context)) and _truthy(_evaluate(operands[1], context))
    if operator == "or":
        return _truthy(_evaluate(operands[0], context)) or _truthy(_evaluate(operands[1], context))
    if operator == "not":
        return not _truthy(_evaluate(operands[0], context))
    if operator == "neg":
        value = _evaluate(operands[0], context)
        return _number_result(-float(value)) if _is_number(value) else None
    left = _evaluate(operands[0], context)
    return _BINARY_OPERATORS[operator](left, _evaluate(operands[1], context))


def _read_answer(name: str, context: _Context) -> Any:
    if name == CURRENT_VALUE:
        return _plain_value(context.current, "the current answer")
    return _plain_value(context.answers.get(name), f"the answer to '{name}'")


def _plain_value(value: Any, what: str, depth: int = 0) -> Any:
    """The answer as a JSON value, numbers made exact doubles as JavaScript would see them."""
    if depth > MAX_ANSWER_DEPTH:
        raise ExpressionError(f"{what} is nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return _number_result(_as_double(value))
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain_value(item, what, depth + 1) for item in value]
    if isinstance(value, Mapping) and all(isinstance(key, str) for key in value):
        return {key: _plain_value(item, what, depth + 1) for key, item in value.items()}
    raise ExpressionError(f"{what} is a {type(value).__name__}, which expressions cannot read")


def _as_double(value: int | float | decimal.Decimal) -> float:
    try:
        return float(value)
    except (OverflowError, ValueError):  # an integer beyond doubles, or a signalling NaN
        return math.nan


def _number_result(value: float) -> int | float | None:
    if not math.isfinite(value):
        return None
    if value.is_integer() and abs(value) <= MAX_EXACT_INTEGER:
        return int(value)  # also turns -0.0 into 0
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _truthy(value: Any) -> bool:
    if value is None or value is False or value == "" or value == []:
        return False
    return not (_is_number(value) and value == 0)


def _call(function: str, arguments: list[dict[str, Any]], context: _Context) -> Any:
    if function == "today":
        return context.today
    value = _read_answer(arguments[0]["ref"], context)
    if function == "answered":
        return _is_answered(value)
    if function == "count":
        if isinstance(value, list):
            return len(value)
        return 1 if _is_answered(value) else 0
    if function == "length":
        if value is None:
            return 0
        return len(value) if isinstance(value, str) else None  # len counts code points
    wanted = _evaluate(arguments[1], context)
    if isinstance(value, list):
        return any(_equal(item, wanted) for item in value)
    return value is not None and _equal(value, wanted)


def _is_answered(value: Any) -> bool:
    return not (value is None or value == "" or value == [])


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if _is_number(value):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "object"


def _equal(left: Any, right: Any) -> bool:
    kind = _kind(left)
    if kind != _kind(right):
        return False
    if kind == "number":
        return float(left) == float(right)
    if kind == "list":
        return len(left) == len(right) and all(map(_equal, left, right))
    if kind == "object":
        return left.keys() == right.keys() and all(_equal(left[key], right[key]) for key in left)
    return left == right


def _not_equal(left: Any, right: Any) -> bool:
    return not _equal(left, right)


def _ordering(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(left: Any, right: Any) -> bool:
        if _is_number(left) and _is_number(right):
            return test(float(left), float(right))
        if isinstance(left, str) and isinstance(right, str):
            return test(left, right)  # Python compares str by code point
        return False

    return compare


def _contains(needle: Any, haystack: Any) -> bool:
    if isinstance(needle, list):
        return any(_contains_one(item, haystack) for item in needle)
    return _contains_one(needle, haystack)


def _contains_one(needle: Any, haystack: Any) -> bool:
    if isinstance(haystack, list):
        return any(_equal(needle, item) for item in haystack)
    if isinstance(haystack, str):
        return isinstance(needle, str) and needle in haystack
    return False


def _arithmetic(calculate: Callable[[float, float], float]) -> Callable[[Any, Any], Any]:
    # Always in doubles, so that results match JavaScript and Python's big integers never grow.
    def apply(left: Any, right: Any) -> int | float | None:
        if not (_is_number(left) and _is_number(right)):
            return None
        return _number_result(calculate(float(left), float(right)))

    return apply


def _add(left: Any, right: Any) -> Any:
    if isinstance(left, str) and isinstance(right, str):
        return left + right
    return _add_numbers(left, right)


def _divide(left: float, right: float) -> float:
    return left / right if right != 0 else math.nan


_add_numbers = _arithmetic(lambda left, right: left + right)

_BINARY_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "==": _equal,
    "!=": _not_equal,
    "<": _ordering(lambda left, right: left < right),
    "<=": _ordering(lambda left, right: left <= right),
    ">": _ordering(lambda left, right: left > right),
    ">=": _ordering(lambda left, right: left >= right),
    "in": _contains,
    "+": _add,
    "-": _arithmetic(lambda left, right: left - right),
    "*": _arithmetic(lambda left, right: left * right),
    "/": _arithmetic(_divide),
}
