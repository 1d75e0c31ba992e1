"""The XPath subset of XLSForm reads into our expressions with the same meaning, and back."""

import pytest

from collector.schema.expressions import parse
from collector.xlsform.expression_text import collector_text, xpath_text
from collector.xlsform.xpath import XPathUnsupported, xpath_to_tree

TRANSLATIONS = [
    ("${a} = 'yes'", "a == 'yes'"),
    ('${a}!="no"', "a != 'no'"),
    (". > 0 and . < ${b}", ". > 0 and . < b"),
    (". >= 1 or . <= -2.5", ". >= 1 or . <= -2.5"),
    ("not(${a} = 'x')", "not a == 'x'"),
    ("not(${a} = 'x' or ${b} = 'y')", "not (a == 'x' or b == 'y')"),
    ("selected(${a}, 'bus')", "selected(a, 'bus')"),
    ("count-selected(${a}) >= 2", "count(a) >= 2"),
    ("string-length(${a}) > 0", "answered(a)"),
    ("string-length(.) != 0", "answered(.)"),
    ("string-length(${a}) >= 1", "answered(a)"),
    ("0 < string-length(${a})", "answered(a)"),
    ("string-length(${a}) = 0", "not answered(a)"),
    ("string-length(${a}) < 1", "not answered(a)"),
    ("string-length(${a}) > 3", "length(a) > 3"),
    ("string-length(.) <= 200", "length(.) <= 200"),
    ("3 < string-length(${a})", "3 < length(a)"),
    ("string-length(${a}) = 2", "length(a) == 2"),
    ("string-length(${a}) > 0.5", "length(a) > 0.5"),
    ("string-length(${a}) + string-length(${b}) = 5", "length(a) + length(b) == 5"),
    ("string-length(${a})", "length(a)"),
    (". <= today()", ". <= today()"),
    ("${a} + ${b} * 2 div 4 - 1 > 3", "a + b * 2 / 4 - 1 > 3"),
    ("(${a} + 1) * 2 = 4", "(a + 1) * 2 == 4"),
    ("${a} = true() or ${b} = false()", "a == true or b == false"),
    (".5 < .", "0.5 < ."),
    ("1 < (string-length(${a}) > 0)", "1 < answered(a)"),
]


@pytest.mark.parametrize(("xpath", "ours"), TRANSLATIONS)
def test_xpath_reads_as_our_expression_with_the_same_tree(xpath, ours):
    tree = xpath_to_tree(xpath)
    assert collector_text(tree) == ours
    assert parse(ours) == tree


@pytest.mark.parametrize(("xpath", "ours"), TRANSLATIONS)
def test_our_tree_written_as_xpath_reads_back_the_same(xpath, ours):
    tree = parse(ours)
    assert xpath_to_tree(xpath_text(tree)) == tree


def test_strings_keep_backslashes_and_quotes_both_ways():
    tree = xpath_to_tree("${a} = 'back\\slash' or ${a} = \"it's\"")
    assert collector_text(tree) == "a == 'back\\\\slash' or a == 'it\\'s'"
    assert parse(collector_text(tree)) == tree
    assert xpath_text(tree) == "${a} = 'back\\slash' or ${a} = \"it's\""


def test_length_is_written_as_string_length():
    assert xpath_text(parse("length(.) <= 200")) == "string-length(.) <= 200"
    assert xpath_text(parse("length(a) * 2 > 10")) == "string-length(${a}) * 2 > 10"


def test_length_compared_with_0_or_1_reads_back_as_answered():
    # The one inexact round trip: XLSForm's usual "is answered" test is string-length(x) > 0,
    # so it reads as answered(x), which means the same as length(x) > 0 on a text question,
    # the only kind length() may read.
    assert collector_text(xpath_to_tree(xpath_text(parse("length(a) > 0")))) == "answered(a)"
    unanswered = xpath_to_tree(xpath_text(parse("length(.) == 0")))
    assert collector_text(unanswered) == "not answered(.)"


@pytest.mark.parametrize(
    ("xpath", "position", "words"),
    [
        ("${a} = 'it''s'", 12, "unexpected"),
        ("${a} mod 2 = 1", 6, "'mod' (remainder)"),
        ("${a} | ${b}", 6, "XPath paths are not supported"),
        ("../a = 1", 1, "paths like .."),
        ("${a b} = 1", 1, "write a question as ${name}"),
        ("a = 1", 1, "'a' is not understood here; name a question as ${a}"),
        ("coalesce(${a}, 1) > 0", 1, "coalesce() has no equivalent"),
        ("string-length('abc') > 0", 1, "must be ${question} or ."),
        ("selected(${a})", 1, "selected() takes 2 argument(s), not 1"),
        ("(${a} = 1", 10, "expected ')'"),
        ("", 1, "the expression is empty"),
    ],
)
def test_xpath_outside_the_subset_is_refused_at_its_character(xpath, position, words):
    with pytest.raises(XPathUnsupported) as raised:
        xpath_to_tree(xpath)
    assert raised.value.position + 1 == position
    assert words in raised.value.message
