"""A syntax tree written out as text: in our expression language, or as XLSForm XPath.

Both writers add brackets only where the tree needs them, so reading the text back gives
the same tree: that is what makes an XLSForm round trip exact.
"""

from typing import Any

from flask_babel import gettext as _

from collector.xlsform.errors import ExportProblem

# Precedence, lowest first. Ours: or, and, not, comparison, + -, * /, unary -, primary.
_OURS = {"or": 1, "and": 2, "not": 3, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}
_COMPARISONS = {"==", "!=", "<", "<=", ">", ">=", "in"}
_PRIMARY = 8
# XPath 1.0: or, and, = !=, < <= > >=, + -, * div, unary -.
_XPATH = {"or": 1, "and": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4}
_XPATH |= {"+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}
_XPATH_SYMBOL = {"==": "=", "/": "div"}


def collector_text(tree: dict[str, Any]) -> str:
    """The tree in our expression language, e.g. ``children == 'yes'``."""
    return _ours(tree)[0]


def _ours(node: dict[str, Any]) -> tuple[str, int]:
    if "lit" in node:
        return _literal(node["lit"], _our_string), _PRIMARY
    if "ref" in node:
        return node["ref"], _PRIMARY
    if "list" in node:
        return "[" + ", ".join(_ours(item)[0] for item in node["list"]) + "]", _PRIMARY
    if "call" in node:
        arguments = ", ".join(_ours(argument)[0] for argument in node["args"])
        return f"{node['call']}({arguments})", _PRIMARY
    operator, operands = node["op"], node["args"]
    if operator == "not":
        return "not " + _wrapped(_ours(operands[0]), 3), 3
    if operator == "neg":
        return "-" + _wrapped(_ours(operands[0]), 7), 7
    if operator in _COMPARISONS:
        # Comparisons do not chain in our language: both sides are sums or tighter.
        left, right = (_wrapped(_ours(operand), 5) for operand in operands)
        return f"{left} {operator} {right}", 4
    level = _OURS[operator]
    left = _wrapped(_ours(operands[0]), level)
    right = _wrapped(_ours(operands[1]), level + 1)
    return f"{left} {operator} {right}", level


def xpath_text(tree: dict[str, Any]) -> str:
    """The tree as XLSForm XPath, e.g. ``${children} = 'yes'``; raise ExportProblem for
    what XPath cannot say with the same meaning."""
    return _xpath(tree)[0]


def _xpath(node: dict[str, Any]) -> tuple[str, int]:
    if "lit" in node:
        value = node["lit"]
        if value is None:
            raise ExportProblem(_("'null' has no XLSForm equivalent"))
        if isinstance(value, bool):
            return ("true()" if value else "false()"), _PRIMARY
        return _literal(value, _xpath_string), _PRIMARY
    if "ref" in node:
        return ("." if node["ref"] == "." else "${" + node["ref"] + "}"), _PRIMARY
    if "list" in node:
        raise ExportProblem(_("lists like ['a', 'b'] have no XLSForm equivalent; use 'or'"))
    if "call" in node:
        return _xpath_call(node)
    operator, operands = node["op"], node["args"]
    if operator == "not":
        return f"not({_xpath(operands[0])[0]})", _PRIMARY
    if operator == "neg":
        return "-" + _wrapped(_xpath(operands[0]), 7), 7
    if operator == "in":
        raise ExportProblem(_("'in' has no XLSForm equivalent; use 'or' or selected()"))
    if operator == "+" and any("lit" in o and isinstance(o["lit"], str) for o in operands):
        raise ExportProblem(_("joining texts with '+' has no XLSForm equivalent"))
    level = _XPATH[operator]
    left = _wrapped(_xpath(operands[0]), level)
    right = _wrapped(_xpath(operands[1]), level + 1)
    return f"{left} {_XPATH_SYMBOL.get(operator, operator)} {right}", level


def _xpath_call(node: dict[str, Any]) -> tuple[str, int]:
    function, arguments = node["call"], node["args"]
    texts = [_xpath(argument)[0] for argument in arguments]
    if function == "answered":
        # XLSForm's usual test for "has an answer"; the reader turns it back into answered().
        return f"string-length({texts[0]}) > 0", _XPATH[">"]
    if function == "count":
        return f"count-selected({texts[0]})", _PRIMARY
    if function == "length":
        # Compared with 0 or 1 it reads back as answered(), the same test on a text question,
        # the only kind length() may read.
        return f"string-length({texts[0]})", _PRIMARY
    return f"{function}({', '.join(texts)})", _PRIMARY


def _wrapped(written: tuple[str, int], needed: int) -> str:
    text, level = written
    return f"({text})" if level < needed else text


def _literal(value: Any, string: Any) -> str:
    if isinstance(value, str):
        return string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        text = repr(value)
        # repr writes 1e-07; neither language reads exponents.
        return text if "e" not in text else f"{value:.20f}".rstrip("0")
    return str(value)


def _our_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _xpath_string(value: str) -> str:
    # XPath 1.0 strings have no escapes: pick the quote the text does not contain.
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ExportProblem(_("a text with both ' and \" cannot be written in XPath"))
