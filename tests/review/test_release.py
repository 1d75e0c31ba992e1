"""Releasing an item: checked again as intake checks it, stored once, recorded."""

import json

from collector.audit.models import AuditAction
from collector.extensions import db
from collector.schema.models import FormVersion
from tests.conftest import assign_interviewer
from tests.factories import kitchen_talk_answers, submission
from tests.review.helpers import (
    audit_events,
    item_row,
    kept,
    kept_malformed,
    publish_kitchen_talk_v2,
    quarantine_count,
    release,
    release_as_new,
    submissions,
    username,
)


def test_release_after_choosing_the_right_version_stores_it_once_under_the_interviewer(
    app, coordinator_client, phone
):
    publish_kitchen_talk_v2(app)
    # The phone filled version 2 (it has the question about pets) but named version 1.
    payload = submission(kitchen_talk_answers(pets="A cat and two hens"), version=1)
    item_id = kept(phone, payload)
    response = release(coordinator_client, item_id, version="2")
    assert response.status_code == 303
    [stored] = submissions(app)
    assert str(stored.uuid) == payload["uuid"]
    assert stored.answers["pets"] == "A cat and two hens"
    assert username(app, stored.submitted_by_id) == "anna"
    with app.app_context():
        assert db.session.get(FormVersion, stored.form_version_id).number == 2


def test_the_version_choice_lists_the_published_versions_of_the_form(
    app, coordinator_client, phone
):
    publish_kitchen_talk_v2(app)
    item_id = kept(phone, submission(version=99))
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    assert '<option selected value="_as_sent">As sent: 99 (not published)</option>' in page
    assert '<option value="1">Version 1</option>' in page
    assert '<option value="2">Version 2</option>' in page


def test_release_marks_the_item_released_with_who_when_and_what_changed(
    app, coordinator_client, phone
):
    item_id = kept(phone, submission(version=99))
    release(coordinator_client, item_id, version="1")
    item = item_row(app, item_id)
    [stored] = submissions(app)
    assert item.status == "released"
    assert username(app, item.resolved_by_id) == "ilze"
    assert item.resolved_at is not None
    assert item.submission_id == stored.id
    assert item.resolution_note == "Version changed from 99 to 1."


def test_release_is_recorded_in_the_audit_log(app, coordinator_client, phone):
    payload = submission(version=99)
    item_id = kept(phone, payload)
    release(coordinator_client, item_id, version="1")
    [event] = audit_events(app, AuditAction.QUARANTINE_RELEASE)
    assert event.actor == "ilze"
    assert event.target == f"quarantine item {item_id}"
    assert event.details["item"] == item_id
    assert event.details["uuid"] == payload["uuid"]
    assert event.details["changes"] == {"version": [99, 1]}


def test_release_to_the_right_campaign_stores_it_in_that_campaign(app, coordinator_client, phone):
    item_id = kept(phone, submission(campaign="cesis2026"))  # misspelt on the phone
    release(coordinator_client, item_id, campaign="cesis-2026")
    [stored] = submissions(app)
    [event] = audit_events(app, AuditAction.QUARANTINE_RELEASE)
    assert stored.campaign_id is not None
    assert stored.campaign_id == event.campaign_id
    assert item_row(app, item_id).resolution_note == (
        "Campaign changed from cesis2026 to cesis-2026."
    )


def test_release_that_is_still_invalid_changes_nothing_and_keeps_no_new_item(
    app, coordinator_client, phone
):
    item_id = kept(phone, submission(kitchen_talk_answers(household_size=99), version=99))
    response = release(coordinator_client, item_id, version="1")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "It still cannot be stored. Nothing was changed." in page
    assert "the answer must be 20 or less" in page
    assert submissions(app) == []
    assert quarantine_count(app) == 1
    assert item_row(app, item_id).status == "open"
    assert audit_events(app, AuditAction.QUARANTINE_RELEASE) == []


def test_release_with_text_that_is_not_json_changes_nothing(app, coordinator_client, phone):
    item_id = kept(phone, submission(version=99))
    response = release(coordinator_client, item_id, payload_json='{"uuid": ')
    assert response.status_code == 422
    assert "The text in the box is not valid JSON" in response.get_data(as_text=True)
    assert submissions(app) == []
    assert item_row(app, item_id).status == "open"


def test_answers_edited_in_the_text_are_stored_and_named_in_the_note(
    app, coordinator_client, phone
):
    payload = submission(kitchen_talk_answers(household_size=99))
    item_id = kept(phone, payload)
    fixed = {**payload, "answers": kitchen_talk_answers(household_size=9)}
    response = release(coordinator_client, item_id, payload_json=json.dumps(fixed))
    assert response.status_code == 303
    [stored] = submissions(app)
    assert stored.answers["household_size"] == 9
    assert item_row(app, item_id).resolution_note == "Edited by hand: answers.household_size."


def test_release_after_the_interviewer_is_added_to_the_campaign(
    app, coordinator_client, phone, make_api_client
):
    peteris = make_api_client("peteris")
    item_id = kept(peteris, submission(campaign="cesis-2026"))
    assert release(coordinator_client, item_id).status_code == 422
    assign_interviewer(app, "cesis-2026", "peteris")
    assert release(coordinator_client, item_id).status_code == 303
    [stored] = submissions(app)
    assert username(app, stored.submitted_by_id) == "peteris"
    assert item_row(app, item_id).resolution_note == "Released as it was sent."


def test_a_conflict_released_unchanged_is_refused(app, coordinator_client, phone):
    first = submission()
    phone.submit(first)
    item_id = kept(phone, {**first, "answers": kitchen_talk_answers(household_size=5)})
    response = release(coordinator_client, item_id)
    assert response.status_code == 422
    assert "already stored" in response.get_data(as_text=True)
    assert len(submissions(app)) == 1
    assert item_row(app, item_id).status == "open"


def test_a_conflict_released_as_a_separate_interview_gets_a_new_uuid(
    app, coordinator_client, phone
):
    first = submission()
    phone.submit(first)
    item_id = kept(phone, {**first, "answers": kitchen_talk_answers(household_size=5)})
    assert release_as_new(coordinator_client, item_id).status_code == 303
    original, separate = submissions(app)
    assert str(original.uuid) == first["uuid"]
    assert original.answers["household_size"] == 3
    assert separate.uuid != original.uuid
    assert separate.answers["household_size"] == 5
    assert username(app, separate.submitted_by_id) == "anna"
    item = item_row(app, item_id)
    assert item.submission_id == separate.id
    assert first["uuid"] in item.resolution_note
    assert str(separate.uuid) in item.resolution_note


def test_a_malformed_item_is_released_after_its_json_is_written_out(app, coordinator_client, phone):
    payload = submission()
    body = json.dumps(payload)[:-3]  # the end was cut off on the way
    item_id = kept_malformed(app, phone, body)
    response = release(coordinator_client, item_id, payload_json=json.dumps(payload))
    assert response.status_code == 303
    [stored] = submissions(app)
    assert str(stored.uuid) == payload["uuid"]
    assert username(app, stored.submitted_by_id) == "anna"
    assert item_row(app, item_id).status == "released"


def test_a_malformed_item_cannot_be_released_as_it_arrived(app, coordinator_client, phone):
    item_id = kept_malformed(app, phone, json.dumps(submission())[:-3])
    response = release(coordinator_client, item_id)  # the box holds the text as it arrived
    assert response.status_code == 422
    assert "not valid JSON" in response.get_data(as_text=True)
    assert submissions(app) == []
    assert item_row(app, item_id).status == "open"


def test_a_release_of_an_interview_already_stored_identically_resolves_the_item(
    app, coordinator_client, phone
):
    # Kept as invalid, then the phone sent a fixed copy itself: releasing the kept one
    # after the same fix finds it stored and adds nothing.
    payload = submission(version=99)
    item_id = kept(phone, payload)
    assert phone.submit({**payload, "version": 1}).status_code == 201
    assert release(coordinator_client, item_id, version="1").status_code == 303
    assert len(submissions(app)) == 1
    note = item_row(app, item_id).resolution_note
    assert "The same interview was already stored, so nothing new was added." in note
