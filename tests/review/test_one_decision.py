"""A released or discarded item is decided: it cannot be released or discarded again."""

from collector.audit.models import AuditAction
from tests.conftest import csrf_token_from
from tests.factories import submission
from tests.review.helpers import audit_events, discard, item_row, kept, release, submissions


def post_again(client, item_id: int, action: str, data: dict) -> str:
    """A second tab still showing the old form: post it without reading the page anew."""
    token = csrf_token_from(client.get("/quarantine").get_data(as_text=True))
    return client.post(f"/quarantine/{item_id}/{action}", data={"csrf_token": token, **data})


def test_a_released_item_cannot_be_released_again(app, coordinator_client, phone):
    item_id = kept(phone, submission(version=99))
    release(coordinator_client, item_id, version="1")
    response = post_again(coordinator_client, item_id, "release", {"version": "1"})
    assert response.status_code == 400
    assert "This item was already released." in response.get_data(as_text=True)
    assert len(submissions(app)) == 1
    assert len(audit_events(app, AuditAction.QUARANTINE_RELEASE)) == 1


def test_a_released_item_cannot_be_discarded(app, coordinator_client, phone):
    item_id = kept(phone, submission(version=99))
    release(coordinator_client, item_id, version="1")
    response = post_again(coordinator_client, item_id, "discard", {"reason": "changed my mind"})
    assert response.status_code == 400
    assert item_row(app, item_id).status == "released"
    assert audit_events(app, AuditAction.QUARANTINE_DISCARD) == []


def test_a_discarded_item_cannot_be_released(app, coordinator_client, phone):
    item_id = kept(phone, submission(version=99))
    discard(coordinator_client, item_id, "A test from the training day")
    response = post_again(coordinator_client, item_id, "release", {"version": "1"})
    assert response.status_code == 400
    assert "This item was already discarded." in response.get_data(as_text=True)
    assert submissions(app) == []
    assert item_row(app, item_id).resolution_note == "A test from the training day"
