"""Interviewers collect for the campaigns they are on; the phone's outbox state is noted."""

from sqlalchemy import select

from collector.auth.models import Role, User
from collector.auth.tokens import issue_token
from collector.extensions import db
from collector.intake.models import QuarantineItem, Submission
from tests.factories import submission


def test_interviewer_not_on_the_campaign_is_refused_and_kept(app, field_campaign, make_api_client):
    stranger = make_api_client("peteris")
    response = stranger.submit(submission(campaign=field_campaign))
    assert response.status_code == 422
    assert "not an interviewer" in response.json["errors"]["campaign"][0]
    with app.app_context():
        item = db.session.scalar(select(QuarantineItem))
        assert item.campaign_slug == field_campaign
        assert db.session.scalar(select(Submission)) is None


def test_interviewer_on_the_campaign_is_stored(field_campaign, app):
    with app.app_context():
        token = issue_token(db.session.scalar(select(User).where(User.username == "anna")))
    response = app.test_client().post(
        "/api/v1/submissions",
        json=submission(campaign=field_campaign),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201


def test_a_coordinator_may_send_to_any_campaign(field_campaign, make_api_client):
    coordinator = make_api_client("ilze", Role.COORDINATOR)
    assert coordinator.submit(submission(campaign=field_campaign)).status_code == 201


def test_a_sync_records_when_and_how_many_still_wait_on_the_phone(app, api, published_forms):
    response = api.post(
        "/api/v1/submissions/batch",
        json=[submission(), submission()],
        headers={"X-Outbox-Waiting": "5"},
    )
    assert response.status_code == 200
    with app.app_context():
        anna = db.session.scalar(select(User).where(User.username == "anna"))
        assert anna.last_sync_at is not None
        assert anna.outbox_waiting == 3


def test_a_sync_without_the_outbox_header_still_records_the_time(app, api):
    api.submit(submission())
    with app.app_context():
        anna = db.session.scalar(select(User).where(User.username == "anna"))
        assert anna.last_sync_at is not None
        assert anna.outbox_waiting is None
