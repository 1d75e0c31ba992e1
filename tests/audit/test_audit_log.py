"""The audit log records who took data out, and only coordinators read it."""

import pytest
from sqlalchemy import select

from collector.audit.events import record_event
from collector.audit.models import AuditAction, AuditEvent
from collector.auth.models import Role
from collector.extensions import db


def _events(app) -> list[AuditEvent]:
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        db.session.expunge_all()
        return events


@pytest.fixture
def coordinator(published_forms, coordinator_client):
    return coordinator_client


def test_a_web_export_is_recorded_with_who_and_what(app, coordinator):
    with coordinator.get("/export/kitchen-talk.xlsx?lang=en&sensitive=1") as response:
        assert response.status_code == 200
    [event] = _events(app)
    assert (event.actor, event.action) == ("ilze", "export")
    assert event.details["form"] == "kitchen-talk"
    assert event.details["include_sensitive"] is True


def test_a_command_line_export_is_recorded_as_the_command_line(
    app, runner, published_forms, tmp_path
):
    result = runner.invoke(args=["export", "kitchen-talk", "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 0, result.output
    [event] = _events(app)
    assert (event.actor, event.user_id) == ("command line", None)


def test_an_export_of_a_campaign_names_the_campaign(app, coordinator, field_campaign):
    coordinator.get(f"/export/kitchen-talk.xlsx?campaign={field_campaign}").close()
    [event] = [event for event in _events(app) if event.action == "export"]
    assert event.campaign_id is not None
    assert field_campaign in event.target


def test_coordinators_read_the_log_newest_first(app, coordinator, make_user):
    with app.app_context():
        for target in ("first thing", "second thing"):
            record_event(AuditAction.CAMPAIGN_UPDATE, None, target)
        db.session.commit()
    page = coordinator.get("/audit").get_data(as_text=True)
    assert page.index("second thing") < page.index("first thing")


def test_the_log_can_be_narrowed_to_one_kind_of_action(app, coordinator):
    with app.app_context():
        record_event(AuditAction.CAMPAIGN_CLOSE, None, "campaign closed-one")
        record_event(AuditAction.TAG_ADD, None, "answer tagged-one")
        db.session.commit()
    page = coordinator.get("/audit?action=tag.add").get_data(as_text=True)
    assert "tagged-one" in page
    assert "closed-one" not in page


def test_what_the_log_shows_is_escaped(app, coordinator):
    with app.app_context():
        record_event(AuditAction.TAG_ADD, None, "<script>alert(1)</script>", details={"tag": "<b>"})
        db.session.commit()
    page = coordinator.get("/audit").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>" not in page


def test_interviewers_cannot_read_the_log(client, auth, make_user):
    make_user("anna", Role.INTERVIEWER)
    auth.login("anna")
    assert client.get("/audit").status_code == 403


def test_a_change_reads_as_old_to_new(app, coordinator):
    with app.app_context():
        details = {"target": {"old": 10, "new": None}}
        record_event(AuditAction.CAMPAIGN_UPDATE, None, "campaign x", details=details)
        db.session.commit()
    page = coordinator.get("/audit").get_data(as_text=True)
    assert "10 → –" in page
