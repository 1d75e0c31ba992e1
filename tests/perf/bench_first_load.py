"""Benchmark: bytes a phone downloads for the first load of the kitchen-talk form, and
what an offline reload fetches from the network (it should be nothing).

Run: .venv/bin/pytest tests/perf/bench_first_load.py -s -p no:randomly
It prints its figures; the byte budget itself is checked in tests/e2e/test_budget.py.
"""

from tests.e2e.test_budget import FORM_PATH, first_load_bytes, offline_reload_network_bytes


def test_print_first_load_figures(context, page, field_campaign):
    page_bytes, worker_bytes, by_type = first_load_bytes(context, page)
    network_bytes, attempts = offline_reload_network_bytes(context, page)
    print()
    print(f"first load of {FORM_PATH}")
    for kind, size in sorted(by_type.items()):
        print(f"  {kind:<12} {size / 1024:8.1f} KB")
    print(f"  page total   {page_bytes / 1024:8.1f} KB (budget 100 KB, uncompressed)")
    print(f"  service worker precache {worker_bytes / 1024:8.1f} KB (in the background)")
    print(f"offline reload: {network_bytes} bytes from the network ({attempts} failed attempts)")
