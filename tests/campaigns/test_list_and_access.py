"""The campaign list, who may use the campaign pages, and titles shown as text."""

import pytest

from tests.campaigns.conftest import SLUG, send_form, text_of
from tests.factories import submission

# Every campaign page: (method, path).
PAGES = [
    ("get", "/campaigns"),
    ("get", "/campaigns/new"),
    ("post", "/campaigns/new"),
    ("get", f"/campaigns/{SLUG}"),
    ("get", f"/campaigns/{SLUG}/edit"),
    ("post", f"/campaigns/{SLUG}/edit"),
    ("post", f"/campaigns/{SLUG}/close"),
    ("post", f"/campaigns/{SLUG}/reopen"),
]
CAMPAIGN_PAGES = [(method, path) for method, path in PAGES if SLUG in path]


def test_campaign_list_shows_open_campaigns_before_closed_ones(coordinator_client, make_campaign):
    make_campaign(slug="cesis-2025", title="Cēsis 2025")
    make_campaign(slug="cesis-2026", title="Cēsis 2026")
    send_form(coordinator_client, "/campaigns/cesis-2026", {}, to="/campaigns/cesis-2025/close")

    page = text_of(coordinator_client.get("/campaigns"))

    assert page.index('data-slug="cesis-2026"') < page.index("<h2>Closed</h2>")
    assert page.index("<h2>Closed</h2>") < page.index('data-slug="cesis-2025"')


def test_campaign_list_shows_form_title_days_target_and_interviews_so_far(
    app, coordinator_client, wave, phones
):
    for _ in range(3):
        assert phones["anna"].submit(submission(campaign=SLUG)).status_code == 201

    page = text_of(coordinator_client.get("/campaigns"))

    assert "<dd>Kitchen talks</dd>" in page
    assert "no days set" in page
    assert "3 of 10" in page
    assert "<dd>open</dd>" in page
    assert f'href="/campaigns/{SLUG}"' in page


def test_campaign_list_has_a_button_for_a_new_campaign(coordinator_client, published_forms):
    page = text_of(coordinator_client.get("/campaigns"))

    assert '<a class="button primary" href="/campaigns/new">New campaign</a>' in page


def visit(client, method: str, path: str, token_page: str):
    """GET `path`, or POST to it with a valid form token taken from `token_page`, so the
    request gets past the CSRF check and meets the page's own guard."""
    if method == "get":
        return client.get(path)
    return send_form(client, token_page, {}, to=path)


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_interviewer_cannot_use_the_campaign_pages(interviewer_client, make_campaign, method, path):
    make_campaign()

    response = visit(interviewer_client, method, path, token_page="/app")

    assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_anonymous_visitor_is_sent_to_the_login_page(client, make_campaign, method, path):
    make_campaign()

    response = visit(client, method, path, token_page="/login")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_anonymous_visitor_is_sent_to_the_login_page_and_back(client, make_campaign):
    make_campaign()

    response = client.get(f"/campaigns/{SLUG}")

    assert response.headers["Location"] == f"/login?next=/campaigns/{SLUG}"


@pytest.mark.parametrize(("method", "path"), CAMPAIGN_PAGES)
def test_an_unknown_campaign_is_not_found(coordinator_client, published_forms, method, path):
    unknown = path.replace(SLUG, "no-such-campaign")

    response = visit(coordinator_client, method, unknown, token_page="/app")

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/campaigns", f"/campaigns/{SLUG}", f"/campaigns/{SLUG}/edit"])
def test_a_title_with_markup_is_shown_as_text(coordinator_client, make_campaign, path):
    make_campaign(title="<script>alert('x')</script>")

    page = text_of(coordinator_client.get(path))

    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page


def test_campaign_days_are_written_the_way_the_page_language_writes_dates(
    app, coordinator_client, published_forms
):
    from datetime import date

    from collector.campaigns.operations import create_campaign

    with app.app_context():
        create_campaign(
            SLUG,
            "kitchen-talk",
            "Cēsis",
            45,
            [],
            starts_on=date(2026, 5, 11),
            ends_on=date(2026, 5, 13),
        )
    assert "May 11, 2026 – May 13, 2026" in text_of(coordinator_client.get("/campaigns?lang=en"))
    assert "11 мая 2026" in text_of(coordinator_client.get("/campaigns?lang=ru"))
