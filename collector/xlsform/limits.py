"""Number limits (min / max) in an XLSForm constraint, so ODK and Kobo enforce them too.

XLSForm has no min and max: an export writes them as ``. >= 1 and . <= 20`` in front of the
question's own constraint, and keeps them in collector::min / collector::max. An import that
finds those columns takes the same range back off the constraint, by syntax tree, so the
round trip is exact; a constraint edited elsewhere is kept whole.
"""

from typing import Any


def range_tree(low: str | None, high: str | None) -> dict[str, Any] | None:
    """`. >= low and . <= high` (either side may be missing) as a syntax tree."""
    parts = [
        {"op": operator, "args": [{"ref": "."}, {"lit": _number(text)}]}
        for operator, text in ((">=", low), ("<=", high))
        if text is not None
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"op": "and", "args": parts}


def with_range(limits: dict[str, Any] | None, own: dict[str, Any] | None) -> dict[str, Any] | None:
    if limits is None:
        return own
    return limits if own is None else {"op": "and", "args": [limits, own]}


def without_range(limits: dict[str, Any] | None, tree: dict[str, Any]) -> dict[str, Any] | None:
    """The question's own constraint: the tree with the range taken off the front."""
    if limits is None:
        return tree
    if tree == limits:
        return None
    if tree.get("op") == "and" and tree["args"][0] == limits:
        return tree["args"][1]
    return tree


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)
