"""The campaign dashboard: interviews per interviewer per local day against the target,
the phones' last sync and outbox gap, and the quarantine count."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import event, select

from collector.auth.models import User
from collector.campaigns.models import Campaign, RespondentLink
from collector.campaigns.views import optional_url
from collector.extensions import db
from collector.intake.models import QuarantineItem, QuarantineStatus, Submission
from collector.schema.versions import find_version
from tests.campaigns.conftest import SLUG, table, text_of
from tests.factories import kitchen_talk_answers, submission

PAGE = f"/campaigns/{SLUG}"


def completed(phone, at: str, campaign: str = SLUG) -> None:
    """An interview finished on a phone at `at` (UTC), sent through the API."""
    finished = datetime.fromisoformat(at)
    started = (finished - timedelta(minutes=40)).isoformat().replace("+00:00", "Z")
    payload = submission(campaign=campaign, started_at=started, completed_at=at)
    response = phone.submit(payload)
    assert response.status_code == 201, response.json


def stored(
    app: Flask,
    *,
    received_at: datetime,
    completed_at: datetime | None = None,
    by: str | None = None,
    link_id: int | None = None,
    slug: str = SLUG,
) -> None:
    """A submission row as intake stores it, for what the API cannot send (a released
    payload without completion time, a respondent's link)."""
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
        user = db.session.scalar(select(User).where(User.username == by)) if by else None
        db.session.add(
            Submission(
                uuid=uuid.uuid4(),
                form_version_id=find_version("kitchen-talk").id,
                campaign_id=campaign.id,
                submitted_by_id=user.id if user else None,
                respondent_link_id=link_id,
                lang="lv",
                completed_at=completed_at,
                received_at=received_at,
                answers=kitchen_talk_answers(),
                content_hash=uuid.uuid4().hex,
            )
        )
        db.session.commit()


def respondent_link(app: Flask, slug: str = SLUG) -> int:
    with app.app_context():
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
        link = RespondentLink(
            campaign_id=campaign.id, label="Day centre", nonce="n", token_hash=uuid.uuid4().hex
        )
        db.session.add(link)
        db.session.commit()
        return link.id


def progress(client) -> dict[str, dict[str, str]]:
    response = client.get(PAGE)
    assert response.status_code == 200
    return table(text_of(response), "progress-table")


def phones_table(client) -> dict[str, dict[str, str]]:
    return table(text_of(client.get(PAGE)), "sync-table")


def test_dashboard_counts_interviews_per_interviewer_per_local_day(
    coordinator_client, wave, phones
):
    completed(phones["anna"], "2026-05-12T07:00:00Z")  # 10:00 in Riga
    completed(phones["anna"], "2026-05-12T20:59:00Z")  # 23:59 in Riga, still the 12th
    completed(phones["anna"], "2026-05-12T21:01:00Z")  # 00:01 in Riga: the 13th
    completed(phones["janis"], "2026-05-13T09:30:00Z")

    rows = progress(coordinator_client)

    assert rows["anna"] == {"0": "anna", "2026-05-12": "2", "2026-05-13": "1", "total": "3"}
    assert rows["janis"] == {"0": "janis", "2026-05-12": "0", "2026-05-13": "1", "total": "1"}
    assert rows["all"] == {"0": "All", "2026-05-12": "2", "2026-05-13": "2", "total": "4"}


def test_local_day_follows_winter_time_too(app, coordinator_client, wave, phones):
    # In January Riga is UTC+2: 22:30 UTC is 00:30 of the next day there.
    completed(phones["anna"], "2026-01-14T21:59:00Z")
    completed(phones["anna"], "2026-01-14T22:30:00Z")

    rows = progress(coordinator_client)

    assert rows["anna"]["2026-01-14"] == "1"
    assert rows["anna"]["2026-01-15"] == "1"


def test_a_day_without_completion_time_is_the_day_it_was_received(app, coordinator_client, wave):
    stored(app, by="anna", received_at=datetime(2026, 5, 12, 21, 30, tzinfo=UTC))

    rows = progress(coordinator_client)

    assert rows["anna"] == {"0": "anna", "2026-05-13": "1", "total": "1"}


def test_every_assigned_interviewer_has_a_row_even_with_no_interviews(coordinator_client, wave):
    rows = progress(coordinator_client)

    assert rows["anna"]["total"] == "0"
    assert rows["janis"]["total"] == "0"
    assert rows["all"]["total"] == "0"


def test_interviews_by_someone_not_assigned_are_counted_in_their_own_row(
    app, coordinator_client, wave
):
    stored(
        app,
        by="ilze",
        completed_at=datetime(2026, 5, 12, 9, tzinfo=UTC),
        received_at=datetime(2026, 5, 12, 18, tzinfo=UTC),
    )

    rows = progress(coordinator_client)

    assert rows["ilze"]["0"] == "ilze (not assigned)"
    assert rows["ilze"]["total"] == "1"
    assert rows["all"]["total"] == "1"


def test_respondents_filling_in_through_a_link_have_their_own_row(
    app, coordinator_client, wave, phones
):
    link_id = respondent_link(app)
    for hour in (8, 12):
        moment = datetime(2026, 5, 12, hour, tzinfo=UTC)
        stored(app, link_id=link_id, completed_at=moment, received_at=moment)
    completed(phones["anna"], "2026-05-12T09:00:00Z")

    rows = progress(coordinator_client)

    assert rows["link"]["0"] == "Filled in by respondents (link)"
    assert rows["link"]["total"] == "2"
    assert rows["anna"]["total"] == "1"
    assert rows["all"]["total"] == "3"


def test_no_link_row_for_a_campaign_without_respondent_links(coordinator_client, wave):
    assert "link" not in progress(coordinator_client)


def test_dashboard_shows_the_target_and_the_share_done(coordinator_client, wave, phones):
    for hour in (7, 8, 9):
        completed(phones["anna"], f"2026-05-12T0{hour}:00:00Z")

    page = text_of(coordinator_client.get(PAGE))

    assert "3 of 10 interviews done" in page
    assert "(30%)" in page
    assert '<progress class="target-progress" max="10" value="3">' in page


def test_dashboard_without_a_target_says_so(coordinator_client, make_campaign):
    make_campaign(target=None)

    page = text_of(coordinator_client.get(PAGE))

    assert "0 interviews done · no target set" in page


def test_interviews_of_another_campaign_are_not_counted(
    app, coordinator_client, wave, phones, make_campaign
):
    make_campaign(slug="valka-2026", interviewers=("anna",))
    completed(phones["anna"], "2026-05-12T07:00:00Z", campaign="valka-2026")

    assert progress(coordinator_client)["all"]["total"] == "0"


def test_the_page_asks_the_same_number_of_queries_however_many_interviews(
    app, coordinator_client, wave, phones
):
    completed(phones["anna"], "2026-05-12T07:00:00Z")
    first = _statements_for(app, coordinator_client)
    for day in range(12, 16):
        completed(phones["anna"], f"2026-05-{day}T08:00:00Z")
        completed(phones["janis"], f"2026-05-{day}T09:00:00Z")

    assert _statements_for(app, coordinator_client) == first


def _statements_for(app: Flask, client) -> int:
    count = 0

    def counted(*_args) -> None:
        nonlocal count
        count += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", counted)
    try:
        assert client.get(PAGE).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count


def test_phones_show_never_for_an_interviewer_who_never_synced(coordinator_client, wave):
    rows = phones_table(coordinator_client)

    assert rows["janis"]["last-synced"] == "never"
    assert rows["janis"]["waiting"] == "not known"


def test_phones_show_the_last_sync_in_local_time_and_what_was_still_waiting(
    app, coordinator_client, wave
):
    with app.app_context():
        anna = db.session.scalar(select(User).where(User.username == "anna"))
        anna.last_sync_at = datetime(2026, 5, 12, 15, 4, tzinfo=UTC)
        anna.outbox_waiting = 3
        db.session.commit()

    rows = phones_table(coordinator_client)
    page = coordinator_client.get(PAGE).get_data(as_text=True)

    # Written as the page's language writes a date (English here), read by machines as UTC.
    assert rows["anna"]["last-synced"].replace("\u202f", " ") == "5/12/26, 6:04 PM"
    assert '<time datetime="2026-05-12T15:04:00' in page
    assert rows["anna"]["waiting"] == "3"


def test_dashboard_writes_dates_and_percentages_as_the_chosen_language_does(
    coordinator_client, wave, phones
):
    for hour in (7, 8, 9):
        completed(phones["anna"], f"2026-05-12T0{hour}:00:00Z")
    with coordinator_client.application.app_context():
        anna = db.session.scalar(select(User).where(User.username == "anna"))
        anna.last_sync_at = datetime(2026, 5, 12, 15, 4, tzinfo=UTC)
        db.session.commit()

    latvian = coordinator_client.get(PAGE + "?lang=lv").get_data(as_text=True)
    russian = coordinator_client.get(PAGE + "?lang=ru").get_data(as_text=True)

    assert "12.05.26 18:04" in latvian
    assert "(30%)" in latvian
    assert "12.05.2026, 18:04" in russian
    assert "(30\xa0%)" in russian


def test_a_sync_from_a_phone_shows_up_on_the_dashboard(coordinator_client, wave, phones):
    payload = submission(campaign=SLUG)
    phones["anna"].post("/api/v1/submissions", json=payload, headers={"X-Outbox-Waiting": "5"})

    rows = phones_table(coordinator_client)

    assert rows["anna"]["last-synced"] != "never"
    assert rows["anna"]["waiting"] == "4"


def test_quarantine_count_is_the_open_items_of_this_campaign(app, coordinator_client, wave, phones):
    refused = submission(campaign=SLUG, answers=kitchen_talk_answers(household_size="many"))
    assert phones["anna"].submit(refused).status_code == 422
    with app.app_context():
        for slug, status in [
            (SLUG, QuarantineStatus.OPEN),
            (SLUG, QuarantineStatus.RELEASED),
            ("valka-2026", QuarantineStatus.OPEN),
        ]:
            db.session.add(
                QuarantineItem(
                    reason="invalid",
                    errors={},
                    payload={},
                    content_hash=uuid.uuid4().hex,
                    campaign_slug=slug,
                    status=status,
                )
            )
        db.session.commit()

    page = text_of(coordinator_client.get(PAGE))

    assert 'data-count="2"' in page
    assert "2 interviews wait for your review" in page


def test_quarantine_count_links_to_the_review_of_this_campaign(
    app, coordinator_client, wave, phones
):
    refused = submission(campaign=SLUG, answers=kitchen_talk_answers(household_size="many"))
    phones["anna"].submit(refused)

    page = text_of(coordinator_client.get(PAGE))

    assert f'href="/quarantine?campaign={SLUG}"' in page


def test_nothing_in_quarantine_is_said_plainly(coordinator_client, wave):
    assert "Nothing waits for review." in text_of(coordinator_client.get(PAGE))


def test_dashboard_links_to_the_campaigns_excel_workbook(coordinator_client, wave):
    page = text_of(coordinator_client.get(PAGE))

    assert f'href="/export/kitchen-talk.xlsx?campaign={SLUG}"' in page


@pytest.mark.parametrize(
    ("endpoint", "path"),
    [
        ("debrief.day", f"/campaigns/{SLUG}/debrief"),
        ("respondents.links", f"/campaigns/{SLUG}/links"),
    ],
)
def test_dashboard_links_to_the_campaigns_other_pages(
    app, coordinator_client, wave, endpoint, path
):
    if endpoint not in app.view_functions:  # that page is built elsewhere; stand in for it
        app.add_url_rule(path.replace(SLUG, "<slug>"), endpoint, lambda slug: "")

    assert f'href="{path}"' in text_of(coordinator_client.get(PAGE))


def test_a_page_that_does_not_exist_yet_gives_no_link(app):
    with app.test_request_context():
        assert optional_url("debrief.no_such_page", slug=SLUG) is None
        assert optional_url("campaigns.dashboard", slug=SLUG) == PAGE


def test_dashboard_lists_the_other_waves_of_the_form(coordinator_client, wave, make_campaign):
    make_campaign(slug="cesis-2025", title="Cēsis, May 2025")
    make_campaign(slug="other-form", form="microproject-feedback", title="Feedback")

    page = text_of(coordinator_client.get(PAGE))

    assert '<a href="/campaigns/cesis-2025">Cēsis, May 2025</a>' in page
    assert "/campaigns/other-form" not in page
    assert 'href="/campaigns/new?form=kitchen-talk"' in page


def test_dashboard_of_an_unknown_campaign_is_not_found(coordinator_client, published_forms):
    assert coordinator_client.get("/campaigns/no-such-campaign").status_code == 404
