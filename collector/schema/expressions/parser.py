"""The parser: tokens to the syntax tree described in the package docstring.

The grammar is in the package docstring too; `_Parser` has one method per level of it.
"""

from __future__ import annotations

from typing import Any

from collector.schema.expressions.errors import ExpressionError, shorten
from collector.schema.expressions.tokens import Token, tokenize
from collector.schema.expressions.trees import check_tree
from collector.schema.expressions.vocabulary import (
    CURRENT_VALUE,
    FUNCTION_ARGUMENTS,
    FUNCTION_ARITY,
    FUNCTIONS,
    FUNCTIONS_READING_A_QUESTION,
    KEYWORDS,
    MAX_LENGTH,
    MAX_NESTING,
)


def parse(source: str) -> dict[str, Any]:
    """Parse an expression into its syntax tree; raise ExpressionError in plain words."""
    if not isinstance(source, str):
        raise ExpressionError(f"an expression must be text, not {type(source).__name__}")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is too long ({len(source)} characters, the limit is {MAX_LENGTH})"
        )
    tree = _Parser(tokenize(source)).parse_whole_expression()
    check_tree(tree)
    return tree


class _Parser:
    """Recursive descent, one method per precedence level, lowest first."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0
        self.nesting = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    @property
    def previous(self) -> Token | None:
        return self.tokens[self.index - 1] if self.index else None

    def advance(self) -> Token:
        token = self.current
        if token.kind != "end":
            self.index += 1
        return token

    def enter(self, token: Token) -> None:
        # Bounds the recursion of this parser as well as the author's patience.
        if self.nesting == MAX_NESTING:
            raise ExpressionError(
                "expression is nested too deeply",
                token.position,
                f"at most {MAX_NESTING} levels of brackets, function calls, 'not' and '-'",
            )
        self.nesting += 1

    def leave(self) -> None:
        self.nesting -= 1

    def parse_whole_expression(self) -> dict[str, Any]:
        if self.current.kind == "end":
            raise ExpressionError("expression is empty")
        tree = self.parse_or()
        if self.current.kind != "end":
            raise self.unexpected_after_value()
        return tree

    def parse_or(self) -> dict[str, Any]:
        tree = self.parse_and()
        while self.current.is_keyword("or"):
            self.advance()
            tree = _operation("or", tree, self.parse_and())
        return tree

    def parse_and(self) -> dict[str, Any]:
        tree = self.parse_not()
        while self.current.is_keyword("and"):
            self.advance()
            tree = _operation("and", tree, self.parse_not())
        return tree

    def parse_not(self) -> dict[str, Any]:
        if not self.current.is_keyword("not"):
            return self.parse_comparison()
        self.enter(self.advance())
        operand = self.parse_not()
        self.leave()
        return _operation("not", operand)

    def parse_comparison(self) -> dict[str, Any]:
        left = self.parse_additive()
        if not self.current.is_comparison():
            return left
        operator = self.advance()
        right = self.parse_additive()
        if self.current.is_comparison():
            raise ExpressionError(
                f"unexpected {self.current.describe()} after a comparison",
                self.current.position,
                "comparisons cannot be chained: join them with 'and', e.g. 'a < b and b < c'",
            )
        return _operation(operator.text, left, right)

    def parse_additive(self) -> dict[str, Any]:
        tree = self.parse_product()
        while self.current.is_symbol("+", "-"):
            operator = self.advance()
            tree = _operation(operator.text, tree, self.parse_product())
        return tree

    def parse_product(self) -> dict[str, Any]:
        tree = self.parse_unary()
        while self.current.is_symbol("*", "/"):
            operator = self.advance()
            tree = _operation(operator.text, tree, self.parse_unary())
        return tree

    def parse_unary(self) -> dict[str, Any]:
        if not self.current.is_symbol("-"):
            return self.parse_primary()
        self.enter(self.advance())
        operand = self.parse_unary()
        self.leave()
        return _operation("neg", operand)

    def parse_primary(self) -> dict[str, Any]:
        token = self.current
        if token.kind in ("number", "string"):
            self.advance()
            return {"lit": token.value}
        if token.is_keyword("true", "false", "null"):
            self.advance()
            return {"lit": {"true": True, "false": False, "null": None}[token.text]}
        if token.kind == "name":
            self.advance()
            if self.current.is_symbol("("):
                return self.parse_call(token)
            return {"ref": token.text}
        if token.is_symbol(CURRENT_VALUE):
            self.advance()
            return {"ref": CURRENT_VALUE}
        if token.is_symbol("("):
            return self.parse_brackets()
        if token.is_symbol("["):
            return self.parse_list()
        raise self.missing_value()

    def parse_brackets(self) -> dict[str, Any]:
        opening = self.advance()
        self.enter(opening)
        tree = self.parse_or()
        self.expect(")", opening)
        self.leave()
        return tree

    def parse_list(self) -> dict[str, Any]:
        opening = self.advance()
        self.enter(opening)
        items = self.parse_items("]", opening)
        self.leave()
        return {"list": [tree for tree, _start in items]}

    def parse_call(self, name: Token) -> dict[str, Any]:
        if name.text not in FUNCTION_ARITY:
            raise ExpressionError(
                f"unknown function '{shorten(name.text)}'",
                name.position,
                f"the functions are {', '.join(FUNCTIONS)}",
            )
        opening = self.advance()
        self.enter(name)
        arguments = self.parse_items(")", opening)
        self.leave()
        _check_call_arguments(name, arguments)
        return {"call": name.text, "args": [tree for tree, _start in arguments]}

    def parse_items(self, closing: str, opening: Token) -> list[tuple[dict[str, Any], Token]]:
        """Comma-separated expressions up to `closing`, each with the token it starts at."""
        items: list[tuple[dict[str, Any], Token]] = []
        if self.current.is_symbol(closing):
            self.advance()
            return items
        while True:
            start = self.current
            items.append((self.parse_or(), start))
            if self.current.is_symbol(","):
                self.advance()
                continue
            self.expect(closing, opening, also=",")
            return items

    def expect(self, closing: str, opening: Token, also: str | None = None) -> None:
        if self.current.is_symbol(closing):
            self.advance()
            return
        wanted = f"'{closing}'" if also is None else f"'{also}' or '{closing}'"
        if self.current.kind == "end":
            hint = f"the '{opening.text}' at position {opening.position} is not closed"
        else:
            hint = f"found {self.current.describe()}"
        raise ExpressionError(f"expected {wanted}", self.current.position, hint)

    def missing_value(self) -> ExpressionError:
        token, previous = self.current, self.previous
        if token.kind == "end":
            after = previous.describe() if previous else "the start"
            return ExpressionError(
                "expression ends too early", token.position, f"a value is missing after {after}"
            )
        if token.is_keyword("not"):
            hint = "'not' goes before a whole condition; use brackets, e.g. 'a == (not b)'"
        elif previous is None:
            hint = "an expression starts with a value, a question id, '.', '(' or a function"
        else:
            hint = f"a value is missing after {previous.describe()}"
        return ExpressionError(f"unexpected {token.describe()}", token.position, hint)

    def unexpected_after_value(self) -> ExpressionError:
        token = self.current
        following = self.tokens[self.index + 1]
        if token.is_symbol(")"):
            hint = "there is no '(' for it to close"
        elif token.is_symbol(CURRENT_VALUE):
            hint = "'.' stands for the current answer and cannot follow another value"
        elif token.is_keyword("not") and following.is_keyword("in"):
            hint = "write 'not (a in b)' instead of 'a not in b'"
        elif token.kind == "name" and token.text.lower() in KEYWORDS:
            hint = f"write '{token.text.lower()}' in lowercase"
        else:
            hint = "is an operator such as '==' or 'and' missing?"
        return ExpressionError(f"unexpected {token.describe()}", token.position, hint)


def _operation(operator: str, *operands: dict[str, Any]) -> dict[str, Any]:
    return {"op": operator, "args": list(operands)}


def _check_call_arguments(name: Token, arguments: list[tuple[dict[str, Any], Token]]) -> None:
    function = name.text
    if len(arguments) != FUNCTION_ARITY[function]:
        raise ExpressionError(
            f"{function}() takes {FUNCTION_ARGUMENTS[function]}",
            name.position,
            f"it was given {len(arguments)}",
        )
    if function in FUNCTIONS_READING_A_QUESTION:
        first, start = arguments[0]
        if "ref" not in first:
            raise ExpressionError(
                f"the first argument of {function}() must be a question id or '.'",
                start.position,
                f"found {start.describe()}",
            )
