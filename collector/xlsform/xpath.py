"""The XPath of XLSForm ``relevant`` and ``constraint`` cells, read into our syntax trees.

Only the subset that has an exact twin in our expression language is read: ``${q}``, ``.``,
numbers, 'strings', ``= != < <= > >=``, ``and or``, ``+ - * div``, unary ``-``, brackets,
``not()``, ``selected()``, ``count-selected()``, ``string-length()``, ``today()``, ``true()``,
``false()``. Anything else raises XPathUnsupported with the character position, never a guess
at its meaning.

``string-length(x)`` reads as ``length(x)``, except where it is compared with 0 or 1 to ask
whether x is answered (``string-length(${q}) > 0``): that reads as ``answered(q)``, which is
what our ``answered()`` is written as, and which stays exact for questions of every type,
while the loader allows ``length()`` only of text questions.
"""

import re
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.:-]*")
_QUESTION = re.compile(r"\$\{([^}]*)\}")
_QUESTION_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_SYMBOLS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "(", ")", ",")
_WORD_OPERATORS = {"and", "or", "div", "mod"}
_EQUALITY = {"=": "==", "!=": "!="}
_RELATIONAL = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}
# string-length(x) compared with a number: which comparisons mean "x is answered".
_ANSWERED_TESTS = {(">", 0), ("!=", 0), (">=", 1)}
_UNANSWERED_TESTS = {("==", 0), ("<", 1), ("<=", 0)}
_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
SUPPORTED_FUNCTIONS = (
    "not",
    "selected",
    "count-selected",
    "string-length",
    "today",
    "true",
    "false",
)


class XPathUnsupported(Exception):
    """The XPath uses something we cannot translate exactly; says what and where."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return _("at character %(n)d: %(message)s", n=self.position + 1, message=self.message)


@dataclass(frozen=True)
class _Token:
    kind: str  # number, string, question, current, name, symbol, end
    text: str
    position: int
    value: Any = None


def xpath_to_tree(source: str) -> dict[str, Any]:
    """Our syntax tree for an XLSForm XPath expression; raise XPathUnsupported."""
    parser = _Parser(_tokenize(source))
    if parser.current.kind == "end":
        raise XPathUnsupported(_("the expression is empty"), 0)
    tree = parser.parse_or()
    if parser.current.kind != "end":
        raise XPathUnsupported(
            _("unexpected '%(text)s'", text=parser.current.text), parser.current.position
        )
    return _resolve_string_length(tree)


def _tokenize(source: str) -> list[_Token]:
    tokens, position = [], 0
    while position < len(source):
        char = source[position]
        if char.isspace():
            position += 1
            continue
        token = _read_token(source, position)
        tokens.append(token)
        position += len(token.text)
    tokens.append(_Token("end", "", len(source)))
    return tokens


def _read_token(source: str, position: int) -> _Token:
    char = source[position]
    rest = source[position:]
    if char == "$":
        match = _QUESTION.match(rest)
        if not match or not _QUESTION_ID.fullmatch(match.group(1)):
            raise XPathUnsupported(
                _("write a question as ${name}, with a name of letters, digits and _"), position
            )
        return _Token("question", match.group(), position, match.group(1))
    number = _NUMBER.match(rest)
    if number:
        text = number.group()
        value: int | float = float(text) if "." in text else int(text)
        return _Token("number", text, position, value)
    if char == ".":
        if rest.startswith(".."):
            raise XPathUnsupported(
                _("paths like .. are not supported; name the question as ${name}"), position
            )
        return _Token("current", ".", position)
    if char in "'\"":
        end = source.find(char, position + 1)
        if end < 0:
            raise XPathUnsupported(_("the text has no closing quote (%(q)s)", q=char), position)
        return _Token("string", source[position : end + 1], position, source[position + 1 : end])
    for symbol in _SYMBOLS:
        if rest.startswith(symbol):
            return _Token("symbol", symbol, position)
    name = _NAME.match(rest)
    if name:
        return _Token("name", name.group(), position)
    if char in "/|[]@":
        raise XPathUnsupported(
            _("'%(char)s': XPath paths are not supported; name a question as ${name}", char=char),
            position,
        )
    raise XPathUnsupported(_("unexpected character '%(char)s'", char=char), position)


class _Parser:
    """XPath 1.0 precedence: or, and, = !=, < <= > >=, + -, * div mod, unary -."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.current
        if token.kind != "end":
            self.index += 1
        return token

    def at_word(self, *words: str) -> bool:
        return self.current.kind == "name" and self.current.text in words

    def at_symbol(self, *symbols: str) -> bool:
        return self.current.kind == "symbol" and self.current.text in symbols

    def parse_or(self) -> dict[str, Any]:
        tree = self.parse_and()
        while self.at_word("or"):
            self.advance()
            tree = _op("or", tree, self.parse_and())
        return tree

    def parse_and(self) -> dict[str, Any]:
        tree = self.parse_equality()
        while self.at_word("and"):
            self.advance()
            tree = _op("and", tree, self.parse_equality())
        return tree

    def parse_equality(self) -> dict[str, Any]:
        tree = self.parse_relational()
        while self.at_symbol(*_EQUALITY):
            operator = self.advance()
            tree = _op(_EQUALITY[operator.text], tree, self.parse_relational())
        return tree

    def parse_relational(self) -> dict[str, Any]:
        tree = self.parse_additive()
        while self.at_symbol(*_RELATIONAL):
            operator = self.advance()
            tree = _op(_RELATIONAL[operator.text], tree, self.parse_additive())
        return tree

    def parse_additive(self) -> dict[str, Any]:
        tree = self.parse_product()
        while self.at_symbol("+", "-"):
            operator = self.advance()
            tree = _op(operator.text, tree, self.parse_product())
        return tree

    def parse_product(self) -> dict[str, Any]:
        tree = self.parse_unary()
        while self.at_symbol("*") or self.at_word("div", "mod"):
            operator = self.advance()
            if operator.text == "mod":
                raise XPathUnsupported(
                    _("'mod' (remainder) has no equivalent in Collector's expressions"),
                    operator.position,
                )
            tree = _op("/" if operator.text == "div" else "*", tree, self.parse_unary())
        return tree

    def parse_unary(self) -> dict[str, Any]:
        if self.at_symbol("-"):
            self.advance()
            return _op("neg", self.parse_unary())
        return self.parse_primary()

    def parse_primary(self) -> dict[str, Any]:
        token = self.current
        if token.kind in ("number", "string"):
            self.advance()
            return {"lit": token.value}
        if token.kind == "question":
            self.advance()
            return {"ref": token.value, "_at": token.position}
        if token.kind == "current":
            self.advance()
            return {"ref": ".", "_at": token.position}
        if self.at_symbol("("):
            self.advance()
            tree = self.parse_or()
            self.expect(")")
            return tree
        if token.kind == "name" and self.tokens[self.index + 1].text == "(":
            return self.parse_call()
        if token.kind == "end":
            raise XPathUnsupported(_("the expression ends too early"), token.position)
        if token.kind == "name":
            raise XPathUnsupported(
                _(
                    "'%(name)s' is not understood here; name a question as ${%(name)s}",
                    name=token.text,
                ),
                token.position,
            )
        raise XPathUnsupported(_("unexpected '%(text)s'", text=token.text), token.position)

    def expect(self, symbol: str) -> None:
        if not self.at_symbol(symbol):
            raise XPathUnsupported(_("expected '%(symbol)s'", symbol=symbol), self.current.position)
        self.advance()

    def parse_call(self) -> dict[str, Any]:
        name = self.advance()
        self.advance()  # the "("
        arguments: list[dict[str, Any]] = []
        if not self.at_symbol(")"):
            arguments.append(self.parse_or())
            while self.at_symbol(","):
                self.advance()
                arguments.append(self.parse_or())
        self.expect(")")
        return _call(name, arguments)


def _call(name: _Token, arguments: list[dict[str, Any]]) -> dict[str, Any]:
    function = name.text
    arity = {"not": 1, "selected": 2, "count-selected": 1, "string-length": 1}
    arity |= {"today": 0, "true": 0, "false": 0}
    if function not in arity:
        raise XPathUnsupported(
            _(
                "the function %(name)s() has no equivalent in Collector's expressions; "
                "the supported functions are %(names)s",
                name=function,
                names=", ".join(f"{f}()" for f in SUPPORTED_FUNCTIONS),
            ),
            name.position,
        )
    if len(arguments) != arity[function]:
        raise XPathUnsupported(
            _(
                "%(name)s() takes %(count)d argument(s), not %(given)d",
                name=function,
                count=arity[function],
                given=len(arguments),
            ),
            name.position,
        )
    if function in ("selected", "count-selected", "string-length") and "ref" not in arguments[0]:
        raise XPathUnsupported(
            _("the first argument of %(name)s() must be ${question} or .", name=function),
            name.position,
        )
    if function == "not":
        return _op("not", arguments[0])
    if function in ("true", "false"):
        return {"lit": function == "true"}
    if function == "count-selected":
        return {"call": "count", "args": arguments}
    if function == "string-length":
        return {"call": "string-length", "args": arguments}  # resolved once the whole is read
    return {"call": function, "args": arguments}


def _op(operator: str, *operands: dict[str, Any]) -> dict[str, Any]:
    return {"op": operator, "args": list(operands)}


def _resolve_string_length(tree: dict[str, Any]) -> dict[str, Any]:
    """`string-length(x) > 0` is exactly `answered(x)`; every other use is `length(x)`."""
    if "op" in tree and tree["op"] in _FLIPPED:
        answered = _answered_test(tree)
        if answered is not None:
            return answered
    if tree.get("call") == "string-length":
        return {"call": "length", "args": [{"ref": tree["args"][0]["ref"]}]}
    result = {key: value for key, value in tree.items() if key != "_at"}
    for key in ("args", "list"):
        if key in result:
            result[key] = [_resolve_string_length(item) for item in result[key]]
    return result


def _answered_test(tree: dict[str, Any]) -> dict[str, Any] | None:
    left, right = tree["args"]
    operator = tree["op"]
    if right.get("call") == "string-length" and "lit" in left:
        left, right, operator = right, left, _FLIPPED[operator]
    if left.get("call") != "string-length" or "lit" not in right:
        return None
    number = right["lit"]
    if isinstance(number, bool) or not isinstance(number, int | float):
        return None
    reference = {"ref": left["args"][0]["ref"]}
    answered = {"call": "answered", "args": [reference]}
    if (operator, number) in _ANSWERED_TESTS:
        return answered
    if (operator, number) in _UNANSWERED_TESTS:
        return _op("not", answered)
    return None
