"""Discarding an item: only with a reason; the payload stays, the decision is recorded."""

from collector.audit.models import AuditAction
from tests.factories import submission
from tests.review.helpers import audit_events, discard, item_row, kept, username


def test_discard_without_a_reason_is_refused_and_changes_nothing(app, coordinator_client, phone):
    item_id = kept(phone, submission(version=99))
    response = discard(coordinator_client, item_id, "   ")
    assert response.status_code == 422
    assert "Write why this is discarded" in response.get_data(as_text=True)
    assert item_row(app, item_id).status == "open"
    assert audit_events(app, AuditAction.QUARANTINE_DISCARD) == []


def test_discard_keeps_the_reason_who_and_when_and_the_payload(app, coordinator_client, phone):
    payload = submission(version=99)
    item_id = kept(phone, payload)
    response = discard(coordinator_client, item_id, "A test from the training day")
    assert response.status_code == 303
    item = item_row(app, item_id)
    assert item.status == "discarded"
    assert item.resolution_note == "A test from the training day"
    assert username(app, item.resolved_by_id) == "ilze"
    assert item.resolved_at is not None
    assert item.payload == payload


def test_discard_is_recorded_in_the_audit_log(app, coordinator_client, phone):
    payload = submission(version=99, campaign="cesis-2026")
    item_id = kept(phone, payload)
    discard(coordinator_client, item_id, "A test from the training day")
    [event] = audit_events(app, AuditAction.QUARANTINE_DISCARD)
    assert event.actor == "ilze"
    assert event.target == f"quarantine item {item_id}"
    assert event.campaign_id is not None
    assert event.details == {
        "item": item_id,
        "uuid": payload["uuid"],
        "reason": "A test from the training day",
    }
