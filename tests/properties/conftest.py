"""Hypothesis profiles for the property tests: "ci" is bounded and reproducible, "deep"
searches longer. Choose one with HYPOTHESIS_PROFILE (ci by default).

"ci" derandomizes (the same examples on every run, so a failure in CI fails again locally),
has no deadline (two databases and a shared machine make timings noisy; hangs are caught
by the explicit time limits in the tests instead) and prints the blob that replays a
failing example with @reproduce_failure.
"""

import os

from hypothesis import HealthCheck, settings

# Tests that take function-scoped fixtures (the app, an API client) share them across
# examples on purpose: each example uses fresh uuids, so nothing carries over.
SHARED_FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    max_examples=60,
    suppress_health_check=SHARED_FIXTURES,
)
settings.register_profile(
    "deep",
    deadline=None,
    print_blob=True,
    max_examples=2_000,
    suppress_health_check=SHARED_FIXTURES,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
