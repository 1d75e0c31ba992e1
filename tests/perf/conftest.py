"""Benchmarks reuse the browser and live-server fixtures of the end-to-end tests."""

from tests.e2e.conftest import browser, context, live_server, page  # noqa: F401
