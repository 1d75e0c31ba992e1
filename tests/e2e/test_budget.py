"""The first load of a form fits a rural 2G/3G budget, and an offline reload is free."""

from tests.e2e.conftest import log_in

FORM_PATH = "/f/kitchen-talk?campaign=cesis-2026"
BUDGET_BYTES = 100 * 1024


def first_load_bytes(context, page) -> tuple[int, int, dict[str, int]]:
    """Uncompressed bytes of the form's first load, right after logging in on a new phone:
    what the page asked for (by kind), and what its service worker fetched in the
    background to keep for offline use."""
    page_sizes: dict[str, int] = {}
    worker_bytes = 0
    started = False

    def count(response) -> None:
        nonlocal worker_bytes, started
        request = response.request
        if request.resource_type == "document" and request.url.endswith(FORM_PATH):
            started = True
        if not started or response.status in (301, 302, 303):
            return
        size = len(response.body())
        if request.service_worker is not None:
            worker_bytes += size
        elif not response.from_service_worker:
            page_sizes[request.resource_type] = page_sizes.get(request.resource_type, 0) + size

    context.on("response", count)
    log_in(page, next_path=FORM_PATH)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # let the service worker finish keeping pages
    context.remove_listener("response", count)
    return sum(page_sizes.values()), worker_bytes, page_sizes


def offline_reload_network_bytes(context, page) -> tuple[int, int]:
    """Reload the form with no network: (bytes that came from the network, attempts).

    The service worker tries the network first for pages; offline such an attempt fails
    at once and transfers nothing, then the kept copy is shown.
    """
    page.goto(FORM_PATH, wait_until="networkidle")
    page.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active")
    received, attempts = [], []

    def watch(response) -> None:
        if response.request.service_worker is not None or not response.from_service_worker:
            received.append(len(response.body()))

    context.set_offline(True)
    context.on("response", watch)
    context.on("requestfailed", lambda request: attempts.append(request.url))
    page.reload(wait_until="load")
    assert page.get_by_test_id("finish").is_visible()
    context.remove_listener("response", watch)
    context.set_offline(False)
    return sum(received), len(received) + len(attempts)


def test_the_first_load_of_a_form_is_under_100_kb(context, page, field_campaign):
    page_bytes, _worker_bytes, by_type = first_load_bytes(context, page)
    assert page_bytes <= BUDGET_BYTES, by_type


def test_an_offline_reload_fetches_nothing_from_the_network(context, page, field_campaign):
    log_in(page, next_path=FORM_PATH)
    network_bytes, _attempts = offline_reload_network_bytes(context, page)
    assert network_bytes == 0
