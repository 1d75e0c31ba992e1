"""The expression language of questionnaires: ``show_if`` conditions and ``constraint`` rules.

An expression is parsed once, on the server, into a syntax tree of plain JSON values. The tree
is stored in the published schema and walked by two evaluators: ``evaluate`` here and a
JavaScript twin in the browser. ``tests/expressions/cases.json`` is run against both, so the
evaluation rules (in evaluator.py) are written to be reproduced exactly in JavaScript.

Grammar, lowest precedence first::

    expression  := or
    or          := and ("or" and)*
    and         := not ("and" not)*
    not         := "not" not | comparison
    comparison  := additive [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") additive]
    additive    := product (("+" | "-") product)*
    product     := unary (("*" | "/") unary)*
    unary       := "-" unary | primary
    primary     := number | string | "true" | "false" | "null" | question_id | "."
                 | function "(" [expression ("," expression)*] ")"
                 | "(" expression ")" | "[" [expression ("," expression)*] "]"

Numbers are written ``3`` or ``2.5`` (a digit is needed before the point: ``.5`` is an error,
since ``.`` is the current value). Strings take single or double quotes; inside them a
backslash may only escape a quote or another backslash. Question ids are ASCII
``[A-Za-z_][A-Za-z0-9_]*``; the keywords ``and or not in true false null`` are lowercase.
Comparisons do not chain: ``a < b < c`` is an error. Limits: 2,000 characters, 500 tokens,
32 levels of brackets, function calls, ``not`` and unary ``-``. Error positions are 0-based
offsets in characters (code points) of the source.

Syntax tree, one JSON object per node::

    {"lit": 3}   {"lit": "yes"}   {"lit": true}   {"lit": null}
    {"list": [<node>, ...]}
    {"ref": "household_size"}   {"ref": "."}            (the current question's value)
    {"op": "<op>", "args": [<left>, <right>]}   for or and == != < <= > >= in + - * /
    {"op": "not", "args": [<node>]}   {"op": "neg", "args": [<node>]}   (unary minus)
    {"call": "<function>", "args": [<node>, ...]}

Brackets leave no node of their own, and ``-3`` is ``neg`` of ``3``, not a literal.

The steps, one module each:

- vocabulary.py: the words of the language: keywords, functions, operators and limits.
- errors.py: ExpressionError, the only error any step raises.
- tokens.py: the tokenizer, source text to tokens.
- parser.py: ``parse``, tokens to a syntax tree.
- trees.py: the shape check every tree passes before it is walked, and ``referenced_ids``,
  ``uses_current_value``, ``questions_read_by``.
- evaluator.py: ``evaluate`` and ``evaluate_bool``, with the evaluation rules.
"""

from collector.schema.expressions.errors import ExpressionError
from collector.schema.expressions.evaluator import evaluate, evaluate_bool
from collector.schema.expressions.parser import parse
from collector.schema.expressions.trees import (
    questions_read_by,
    referenced_ids,
    uses_current_value,
)
from collector.schema.expressions.vocabulary import (
    CURRENT_VALUE,
    FUNCTIONS,
    KEYWORDS,
    MAX_LENGTH,
    MAX_NESTING,
    MAX_TOKENS,
    MAX_TREE_DEPTH,
)

__all__ = [
    "CURRENT_VALUE",
    "FUNCTIONS",
    "KEYWORDS",
    "MAX_LENGTH",
    "MAX_NESTING",
    "MAX_TOKENS",
    "MAX_TREE_DEPTH",
    "ExpressionError",
    "evaluate",
    "evaluate_bool",
    "parse",
    "questions_read_by",
    "referenced_ids",
    "uses_current_value",
]
