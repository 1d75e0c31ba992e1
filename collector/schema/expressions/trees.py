"""Syntax trees as stored: the check every walker makes first, and what a tree reads.

Trees come from storage (the published schema), not only from the parser, so a tree of the
wrong shape must fail as an ExpressionError before anything walks it. The shape is described
in the package docstring.
"""

from __future__ import annotations

import math
from typing import Any

from collector.schema.expressions.errors import ExpressionError
from collector.schema.expressions.vocabulary import (
    CURRENT_VALUE,
    FUNCTION_ARGUMENTS,
    FUNCTION_ARITY,
    FUNCTIONS_READING_A_QUESTION,
    IDENTIFIER,
    MAX_TREE_DEPTH,
    OPERATOR_ARITY,
)

# ---------------------------------------------------------------------------------------------
# Checking stored trees: they come from storage, so every walker checks the shape first.


def check_tree(node: Any, depth: int = 1) -> None:
    """Raise ExpressionError unless `node` is a tree of the documented shape, at most
    MAX_TREE_DEPTH deep (which also refuses a tree that contains itself)."""
    if depth > MAX_TREE_DEPTH:
        raise ExpressionError("expression is nested too deeply")
    if not isinstance(node, dict):
        raise _bad_tree(f"a node must be an object, not {_type_name(node)}")
    if "lit" in node:
        _check_keys(node, {"lit"})
        _check_literal(node["lit"])
    elif "list" in node:
        _check_keys(node, {"list"})
        for item in _node_list(node["list"], "list"):
            check_tree(item, depth + 1)
    elif "ref" in node:
        _check_keys(node, {"ref"})
        _check_reference(node["ref"])
    elif "op" in node:
        _check_keys(node, {"op", "args"})
        _check_operation(node, depth)
    elif "call" in node:
        _check_keys(node, {"call", "args"})
        _check_call(node, depth)
    else:
        raise _bad_tree(f"unknown node with keys {sorted(map(str, node))}")


def _check_keys(node: dict[Any, Any], expected: set[str]) -> None:
    if set(node) != expected:
        raise _bad_tree(f"a node with keys {sorted(map(str, node))} is not one of the node kinds")


def _check_literal(value: Any) -> None:
    if value is None or isinstance(value, (bool, str)):
        return
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return
    raise _bad_tree(f"a literal must be a number, text, true, false or null, not {value!r:.40}")


def _check_reference(name: Any) -> None:
    if name != CURRENT_VALUE and not (isinstance(name, str) and IDENTIFIER.fullmatch(name)):
        raise _bad_tree(f"{name!r:.40} is not a question id")


def _check_operation(node: dict[str, Any], depth: int) -> None:
    operator = node["op"]
    if not isinstance(operator, str) or operator not in OPERATOR_ARITY:
        raise _bad_tree(f"unknown operator {operator!r:.40}")
    operands = _node_list(node["args"], operator)
    if len(operands) != OPERATOR_ARITY[operator]:
        raise _bad_tree(f"'{operator}' needs {OPERATOR_ARITY[operator]} operands")
    for operand in operands:
        check_tree(operand, depth + 1)


def _check_call(node: dict[str, Any], depth: int) -> None:
    function = node["call"]
    if not isinstance(function, str) or function not in FUNCTION_ARITY:
        raise _bad_tree(f"unknown function {function!r:.40}")
    arguments = _node_list(node["args"], function)
    if len(arguments) != FUNCTION_ARITY[function]:
        raise _bad_tree(f"{function}() takes {FUNCTION_ARGUMENTS[function]}")
    if function in FUNCTIONS_READING_A_QUESTION and not (
        isinstance(arguments[0], dict) and "ref" in arguments[0]
    ):
        raise _bad_tree(f"the first argument of {function}() must be a question id")
    for argument in arguments:
        check_tree(argument, depth + 1)


def _node_list(value: Any, owner: str) -> list[Any]:
    if not isinstance(value, list):
        raise _bad_tree(f"the items of '{owner}' must be a list, not {_type_name(value)}")
    return value


def _bad_tree(problem: str) -> ExpressionError:
    return ExpressionError(f"invalid expression tree: {problem}")


def _type_name(value: Any) -> str:
    return type(value).__name__


# ---------------------------------------------------------------------------------------------
# Reading trees


def referenced_ids(tree: dict[str, Any]) -> list[str]:
    """The question ids the tree reads, in order of first appearance, without '.'."""
    check_tree(tree)
    names: list[str] = []
    for name in _references(tree):
        if name != CURRENT_VALUE and name not in names:
            names.append(name)
    return names


def uses_current_value(tree: dict[str, Any]) -> bool:
    """Whether the tree reads '.', the answer of the question it belongs to."""
    check_tree(tree)
    return CURRENT_VALUE in _references(tree)


def questions_read_by(tree: dict[str, Any], function: str) -> list[str]:
    """The question ids (or '.') given to `function` in the tree, in order, each once; the
    loader uses it to check that a function reads a question of a fitting type."""
    if function not in FUNCTIONS_READING_A_QUESTION:
        raise ValueError(f"{function}() does not read a question")
    check_tree(tree)
    names: list[str] = []
    for name in _call_arguments(tree, function):
        if name not in names:
            names.append(name)
    return names


def _call_arguments(node: dict[str, Any], function: str) -> list[str]:
    found = [node["args"][0]["ref"]] if node.get("call") == function else []
    children = node.get("list") or node.get("args") or []
    return found + [name for child in children for name in _call_arguments(child, function)]


def _references(node: dict[str, Any]) -> list[str]:
    if "ref" in node:
        return [node["ref"]]
    children = node.get("list") or node.get("args") or []
    return [name for child in children for name in _references(child)]
