"""The tokenizer: an expression's source text to a list of tokens, ending with an "end" token.

What a number, a string, a question id and a symbol look like is summed up in the package
docstring; the words themselves (keywords, symbols, mistaken operators) are in vocabulary.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from collector.schema.expressions.errors import ExpressionError, shorten
from collector.schema.expressions.vocabulary import (
    COMPARISONS,
    CURRENT_VALUE,
    IDENTIFIER,
    KEYWORDS,
    MAX_EXACT_INTEGER,
    MAX_TOKENS,
    MISTAKEN_OPERATORS,
    SYMBOLS,
)

_DIGITS = frozenset("0123456789")
_WHITESPACE = frozenset(" \t\r\n")
_QUOTES = frozenset("'\"")
_ESCAPABLE = frozenset("'\"\\")


@dataclass(frozen=True)
class Token:
    """One word of the source: a number, a string, a name, a keyword or a symbol."""

    kind: str  # number, string, name, keyword, symbol or end
    text: str  # exactly as written in the source
    position: int
    value: Any = None  # the number or the string a literal stands for

    def is_symbol(self, *texts: str) -> bool:
        return self.kind == "symbol" and self.text in texts

    def is_keyword(self, *texts: str) -> bool:
        return self.kind == "keyword" and self.text in texts

    def is_comparison(self) -> bool:
        return self.kind in ("symbol", "keyword") and self.text in COMPARISONS

    def describe(self) -> str:
        if self.kind == "end":
            return "the end of the expression"
        if self.kind == "string":
            return f"text {shorten(self.text)}"
        return f"'{shorten(self.text)}'"


def tokenize(source: str) -> list[Token]:
    """The tokens of the source, ending with an "end" token; raise ExpressionError."""
    tokens: list[Token] = []
    position = _skip_whitespace(source, 0)
    while position < len(source):
        if len(tokens) == MAX_TOKENS:
            raise ExpressionError(
                f"expression is too long (more than {MAX_TOKENS} names, values and symbols)",
                position,
            )
        token = _read_token(source, position)
        tokens.append(token)
        position = _skip_whitespace(source, position + len(token.text))
    tokens.append(Token("end", "", len(source)))
    return tokens


def _skip_whitespace(source: str, position: int) -> int:
    while position < len(source) and source[position] in _WHITESPACE:
        position += 1
    return position


def _read_token(source: str, position: int) -> Token:
    char = source[position]
    if char in _DIGITS:
        return _read_number(source, position)
    if char in _QUOTES:
        return _read_string(source, position)
    name = IDENTIFIER.match(source, position)
    if name:
        kind = "keyword" if name.group() in KEYWORDS else "name"
        return Token(kind, name.group(), position)
    return _read_symbol(source, position)


def _read_number(source: str, start: int) -> Token:
    end = _skip_digits(source, start)
    is_decimal = end < len(source) and source[end] == "."
    if is_decimal:
        fraction_end = _skip_digits(source, end + 1)
        if fraction_end == end + 1:
            raise ExpressionError(
                "expected a digit after the decimal point", end + 1, "write e.g. 2.5"
            )
        end = fraction_end
    text = source[start:end]
    value: int | float = float(text) if is_decimal else int(text)
    if value > MAX_EXACT_INTEGER:
        raise ExpressionError(
            f"number {shorten(text)} is too large", start, f"the limit is {MAX_EXACT_INTEGER}"
        )
    return Token("number", text, start, value)


def _skip_digits(source: str, position: int) -> int:
    while position < len(source) and source[position] in _DIGITS:
        position += 1
    return position


def _read_string(source: str, start: int) -> Token:
    quote = source[start]
    characters: list[str] = []
    position = start + 1
    while position < len(source):
        char = source[position]
        if char == quote:
            return Token("string", source[start : position + 1], start, "".join(characters))
        if char == "\\":
            escaped = source[position + 1 : position + 2]
            if escaped not in _ESCAPABLE:
                if not escaped:
                    break
                raise ExpressionError(
                    f"unknown escape '\\{escaped}' in text",
                    position,
                    "a backslash may only come before ', \" or another backslash",
                )
            characters.append(escaped)
            position += 2
            continue
        if _is_surrogate(char):
            raise _unexpected_character(char, position)
        characters.append(char)
        position += 1
    raise ExpressionError(
        "unterminated string starting", start, f"the text has no closing quote ({quote})"
    )


def _read_symbol(source: str, position: int) -> Token:
    # Longest first, so that '===' is caught whole and '<=' is not read as '<' and '='.
    for length in (3, 2, 1):
        text = source[position : position + length]
        if text in SYMBOLS:
            return _symbol(source, text, position)
        if text in MISTAKEN_OPERATORS:
            raise ExpressionError(
                f"'{text}' is not an operator", position, MISTAKEN_OPERATORS[text]
            )
    raise _unexpected_character(source[position], position)


def _symbol(source: str, text: str, position: int) -> Token:
    if text == CURRENT_VALUE and source[position + 1 : position + 2] in _DIGITS:
        raise ExpressionError(
            "a number needs a digit before its decimal point",
            position,
            f"write 0{shorten(source[position : _skip_digits(source, position + 1)])}",
        )
    return Token("symbol", text, position)


def _unexpected_character(char: str, position: int) -> ExpressionError:
    if char.isprintable() and not char.isspace():
        shown, hint = f"'{char}'", None
    else:
        shown, hint = f"U+{ord(char):04X}", "it is an invisible or unusual character"
    if char.isalpha():
        hint = "question ids may use only the letters A-Z and a-z, digits and '_'"
    return ExpressionError(f"unexpected character {shown}", position, hint)


def _is_surrogate(char: str) -> bool:
    # Half of a UTF-16 pair cannot be stored as UTF-8, nor in PostgreSQL's JSON.
    return "\ud800" <= char <= "\udfff"
