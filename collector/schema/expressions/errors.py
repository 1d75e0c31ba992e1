"""The one error of the expression language, and the helper that quotes source text in it."""

from __future__ import annotations


class ExpressionError(ValueError):
    """An expression that cannot be parsed, or a tree that cannot be evaluated.

    ``message`` is the description without the position, ``position`` the 0-based character
    offset in the source (None when there is no single place to point at). ``str()`` puts
    them together: "expected ')' at position 14; found 'b'".
    """

    def __init__(self, problem: str, position: int | None = None, hint: str | None = None):
        self.problem = problem
        self.position = position
        self.hint = hint
        self.message = problem if hint is None else f"{problem}; {hint}"
        super().__init__(self._full_text())

    def _full_text(self) -> str:
        where = "" if self.position is None else f" at position {self.position}"
        advice = "" if self.hint is None else f"; {self.hint}"
        return f"{self.problem}{where}{advice}"

    def __str__(self) -> str:
        return self._full_text()


def shorten(text: str, limit: int = 24) -> str:
    """The text as an error message quotes it: at most `limit` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
