"""The words of the expression language, apart from the logic that reads them: limits,
keywords, functions and their arities, operators, and hints for operators of other languages.
"""

from __future__ import annotations

import re

# Limits

MAX_LENGTH = 2000
MAX_TOKENS = 500
MAX_NESTING = 32
# Chains such as `a + b + c + ...` deepen the tree without nesting; 500 tokens stay well
# under this, so every tree `parse` returns can be evaluated.
MAX_TREE_DEPTH = 300
# Nested lists and objects inside one answer; real answers are flat lists at most.
MAX_ANSWER_DEPTH = 32
# Beyond 2**53 a JavaScript double no longer holds every whole number.
MAX_EXACT_INTEGER = 2**53

# Keywords, function names and '.', the current answer

FUNCTIONS = ("selected", "count", "answered", "length", "today")
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "null"})
CURRENT_VALUE = "."

# What each function takes

FUNCTION_ARITY = {"selected": 2, "count": 1, "answered": 1, "length": 1, "today": 0}
FUNCTION_ARGUMENTS = {
    "selected": "2 arguments (a question id and a value)",
    "count": "1 argument (a question id)",
    "answered": "1 argument (a question id)",
    "length": "1 argument (a question id)",
    "today": "no arguments",
}
FUNCTIONS_READING_A_QUESTION = frozenset({"selected", "count", "answered", "length"})

# Operators and their operand counts

COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">=", "in"})
OPERATOR_ARITY = {
    **{name: 2 for name in ("or", "and", "+", "-", "*", "/")},
    **{name: 2 for name in COMPARISONS},
    "not": 1,
    "neg": 1,
}

# Question ids

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)

# Symbols

SYMBOLS = frozenset({"==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]"})
SYMBOLS |= {",", CURRENT_VALUE}
# Operators from other languages that authors are likely to try, with what to write instead.
MISTAKEN_OPERATORS = {
    "===": "use '=='",
    "!==": "use '!='",
    "&&": "use 'and'",
    "||": "use 'or'",
    "<>": "use '!='",
    "=>": "use '>='",
    "=<": "use '<='",
    "**": "there is no power operator",
    "//": "use '/'",
    "=": "use '==' to compare",
    "!": "use 'not'",
    "&": "use 'and'",
    "|": "use 'or'",
    "%": "there is no remainder operator",
    "^": "there is no power operator",
}
