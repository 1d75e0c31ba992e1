"""Settings and strategies shared by the property tests."""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

# The profiles are registered in conftest.py, which pytest imports before these modules.
_PROFILE = "deep" if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else "ci"
# "deep" runs about this many times the examples of "ci", for a search before a release.
_DEEP_FACTOR = 30


def property_settings(max_examples: int) -> settings:
    """The chosen profile with `max_examples` (per test: database tests get fewer)."""
    scale = _DEEP_FACTOR if _PROFILE == "deep" else 1
    return settings(settings.get_profile(_PROFILE), max_examples=max_examples * scale)


@contextmanager
def finishes_within(seconds: float) -> Iterator[None]:
    """Fail when the block takes longer: what a property calls "never hangs"."""
    start = time.perf_counter()
    yield
    took = time.perf_counter() - start
    assert took < seconds, f"took {took:.2f}s, more than {seconds}s"


# ---------------------------------------------------------------------------------------------
# JSON values as a client might send them, awkward ones included

AWKWARD_TEXTS = [
    "",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "NaN",
    "Infinity",
    "-0",
    "1e400",
    "null",
    "\u202e",
    "\ufeff",
    "ā" * 40_000,
    "x" * 33_000,
    "2026-02-30",
    "2026-W20-2",
    "yes",
    "other",
]
AWKWARD_TEXT = st.sampled_from(AWKWARD_TEXTS)
AWKWARD_NUMBERS = st.sampled_from(
    [0, -0.0, 1, -1, 2**53, 2**53 + 1, 2**63, -(2**63) - 1, 10**400, -(10**400), 1e308, 5e-324]
)
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    AWKWARD_TEXT,
    AWKWARD_NUMBERS,
)
# Object keys: any text, the awkward ones and the envelope's own field names included.
JSON_KEYS = st.one_of(
    st.text(max_size=12),
    AWKWARD_TEXT.filter(lambda text: len(text) < 100),
    st.sampled_from(["uuid", "form", "version", "campaign", "lang", "answers", "_"]),
)


def json_values(max_leaves: int = 20) -> st.SearchStrategy[Any]:
    """Any JSON value (as json.loads would give it), nested."""
    return st.recursive(
        JSON_SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=5),
            st.dictionaries(JSON_KEYS, children, max_size=5),
        ),
        max_leaves=max_leaves,
    )


def deeply_nested(depth: int, leaf: Any = 1) -> Any:
    """A list `depth` levels deep, built without recursion."""
    value = leaf
    for _level in range(depth):
        value = [value]
    return value


# ---------------------------------------------------------------------------------------------
# Envelopes: sometimes right, sometimes wrong in one or more fields


@st.composite
def envelopes(draw: Any, forms: dict[str, int]) -> dict[str, Any]:
    """Submission envelopes right in most fields, so that each check after the first is
    reached too: a few fields (often none) get a value of any kind instead."""
    right = {
        "uuid": st.uuids().map(str),
        "form": st.sampled_from(sorted(forms)),
        # Any whole number is the right type; most name no published version.
        "version": st.sampled_from([1, 2, 0, -1, 2**31, 2**63, -(2**63) - 1, 10**400])
        | st.integers(),
        "lang": st.sampled_from(["lv", "en", "ru", "ar"]),
        "answers": st.dictionaries(
            st.sampled_from(_KNOWN_QUESTION_IDS) | JSON_KEYS, json_values(10), max_size=6
        ),
        "campaign": st.none() | st.text(max_size=10) | AWKWARD_TEXT,
        "started_at": st.datetimes(timezones=st.timezones()).map(lambda at: at.isoformat()),
        "completed_at": st.just("2026-05-12T10:41:55Z"),
    }
    optional = {"campaign", "started_at", "completed_at"}
    wrong = draw(st.sets(st.sampled_from([*right, "extra"]), max_size=2))
    envelope = {}
    for name, values in right.items():
        if name in optional and name not in wrong and draw(st.booleans()):
            continue
        envelope[name] = draw(json_values(5) if name in wrong else values)
    if "extra" in wrong:
        envelope[draw(JSON_KEYS)] = draw(JSON_SCALARS)
    return envelope


_KNOWN_QUESTION_IDS = [
    "consent",
    "household_size",
    "children",
    "children_count",
    "hard_to_reach",
    "hard_to_reach_other",
    "municipality",
    "interview_minutes",
]
