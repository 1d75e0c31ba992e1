"""The quarantine list: open items by default, a tab per state, a filter per campaign."""

from collector.clock import local_datetime
from tests.factories import kitchen_talk_answers, submission
from tests.review.helpers import discard, item_row, kept, release


def test_the_list_shows_when_who_why_campaign_and_the_first_error(app, coordinator_client, phone):
    item_id = kept(
        phone, submission(kitchen_talk_answers(household_size=99), campaign="cesis-2026")
    )
    page = coordinator_client.get("/quarantine").get_data(as_text=True)
    with app.app_context():
        received = local_datetime(item_row(app, item_id).received_at)
    assert f'href="/quarantine/{item_id}"' in page
    assert received in page
    assert "anna" in page
    assert "Some answers did not pass the checks" in page
    assert "cesis-2026" in page
    assert "the answer must be 20 or less" in page


def test_the_heading_counts_the_items_waiting_for_review(coordinator_client, phone):
    kept(phone, submission(version=99))
    kept(phone, submission(version=98))
    page = coordinator_client.get("/quarantine").get_data(as_text=True)
    assert '<h1 data-open-count="2">Quarantine: 2 waiting for review</h1>' in page


def test_the_list_shows_only_the_campaign_asked_for(coordinator_client, phone):
    in_cesis = kept(phone, submission(version=99, campaign="cesis-2026"))
    elsewhere = kept(phone, submission(version=99, campaign="valka-2026"))
    page = coordinator_client.get("/quarantine?campaign=cesis-2026").get_data(as_text=True)
    assert f'data-item="{in_cesis}"' in page
    assert f'data-item="{elsewhere}"' not in page


def test_a_campaign_name_that_does_not_exist_can_still_be_chosen(coordinator_client, phone):
    kept(phone, submission(version=99, campaign="valka-2026"))
    page = coordinator_client.get("/quarantine").get_data(as_text=True)
    assert '<option value="valka-2026">valka-2026 (no such campaign)</option>' in page


def test_resolved_items_leave_the_open_list_for_their_own_tabs(coordinator_client, phone):
    to_release = kept(phone, submission(version=99))
    to_discard = kept(phone, submission(version=98))
    release(coordinator_client, to_release, version="1")
    discard(coordinator_client, to_discard, "A test from the training day")

    def items_on(url: str) -> set[int]:
        page = coordinator_client.get(url).get_data(as_text=True)
        return {i for i in (to_release, to_discard) if f'data-item="{i}"' in page}

    assert items_on("/quarantine") == set()
    assert items_on("/quarantine?status=released") == {to_release}
    assert items_on("/quarantine?status=discarded") == {to_discard}
