"""Changing, closing and reopening a campaign: each change in the audit log with what it
was before, and closing stops offering the form without refusing phones' interviews."""

from datetime import date

from collector.audit.models import AuditAction
from tests.campaigns.conftest import SLUG, events, send_form, stored_campaign, switch_off, text_of
from tests.conftest import AuthActions
from tests.factories import submission

EDIT = f"/campaigns/{SLUG}/edit"
PAGE = f"/campaigns/{SLUG}"


def settings(**overrides: object) -> dict[str, object]:
    """The edit page's fields as the fixture campaign has them."""
    data: dict[str, object] = {
        "title": "Cēsis, May 2026",
        "starts_on": "",
        "ends_on": "",
        "target": "10",
        "interviewers": ["anna", "janis"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def close(client) -> None:
    response = send_form(client, PAGE, {}, to=f"{PAGE}/close")
    assert response.status_code == 302


def reopen(client) -> None:
    response = send_form(client, PAGE, {}, to=f"{PAGE}/reopen")
    assert response.status_code == 302


def test_edit_page_shows_the_campaigns_current_settings(coordinator_client, wave):
    page = text_of(coordinator_client.get(EDIT))

    assert 'value="Cēsis, May 2026"' in page
    assert 'value="10"' in page
    assert 'checked id="interviewers-0" name="interviewers" type="checkbox" value="anna"' in page


def test_edit_changes_title_dates_target_and_interviewers(app, coordinator_client, wave):
    data = settings(
        title="Cēsis, June 2026",
        starts_on="2026-06-02",
        ends_on="2026-06-04",
        target="45",
        interviewers=["anna"],
    )

    response = send_form(coordinator_client, EDIT, data)

    assert response.status_code == 302
    assert response.headers["Location"] == PAGE
    assert stored_campaign(app) == {
        "form": "kitchen-talk",
        "title": "Cēsis, June 2026",
        "starts_on": date(2026, 6, 2),
        "ends_on": date(2026, 6, 4),
        "target": 45,
        "interviewers": ["anna"],
        "closed": False,
    }


def test_edit_records_each_changed_field_with_old_and_new_value(app, coordinator_client, wave):
    send_form(
        coordinator_client, EDIT, settings(target="", ends_on="2026-05-14", interviewers=["janis"])
    )

    [event] = events(app, AuditAction.CAMPAIGN_UPDATE)
    assert (event.actor, event.target) == ("ilze", f"campaign {SLUG}")
    assert event.details == {
        "ends_on": {"old": None, "new": "2026-05-14"},
        "target": {"old": 10, "new": None},
        "interviewers": {"old": ["anna", "janis"], "new": ["janis"]},
    }


def test_edit_without_a_change_records_nothing(app, coordinator_client, wave):
    response = send_form(coordinator_client, EDIT, settings())

    assert response.status_code == 302
    assert events(app, AuditAction.CAMPAIGN_UPDATE) == []


def test_edit_refuses_a_last_day_before_the_first_and_changes_nothing(
    app, coordinator_client, wave
):
    data = settings(title="Changed", starts_on="2026-05-14", ends_on="2026-05-12")

    response = send_form(coordinator_client, EDIT, data)

    assert response.status_code == 422
    assert "The last day is before the first day." in text_of(response)
    assert stored_campaign(app)["title"] == "Cēsis, May 2026"
    assert events(app, AuditAction.CAMPAIGN_UPDATE) == []


def test_an_assigned_interviewer_whose_account_was_switched_off_stays_assigned(
    app, coordinator_client, wave
):
    switch_off(app, "janis")

    page = text_of(coordinator_client.get(EDIT))
    send_form(coordinator_client, EDIT, settings(title="Renamed"))

    assert "janis (account switched off)" in page
    assert stored_campaign(app)["interviewers"] == ["anna", "janis"]


def test_closing_a_campaign_is_audited(app, coordinator_client, wave):
    close(coordinator_client)

    assert stored_campaign(app)["closed"] is True
    [event] = events(app, AuditAction.CAMPAIGN_CLOSE)
    assert (event.actor, event.target) == ("ilze", f"campaign {SLUG}")


def test_closing_a_closed_campaign_again_records_nothing_more(app, coordinator_client, wave):
    close(coordinator_client)
    close(coordinator_client)

    assert len(events(app, AuditAction.CAMPAIGN_CLOSE)) == 1


def test_reopening_a_campaign_is_audited(app, coordinator_client, wave):
    close(coordinator_client)

    reopen(coordinator_client)

    assert stored_campaign(app)["closed"] is False
    [event] = events(app, AuditAction.CAMPAIGN_REOPEN)
    assert event.actor == "ilze"
    assert "closed_at" in event.details


def test_dashboard_says_a_closed_campaign_is_closed_and_offers_to_reopen(coordinator_client, wave):
    close(coordinator_client)

    page = text_of(coordinator_client.get(PAGE))

    assert "closed on " in page
    assert f'action="{PAGE}/reopen"' in page
    assert f'action="{PAGE}/close"' not in page


def test_a_closed_campaign_is_no_longer_offered_to_its_interviewers(app, coordinator_client, wave):
    interviewer = app.test_client()
    AuthActions(interviewer).login("anna")
    assert "Cēsis, May 2026" in text_of(interviewer.get("/app"))

    close(coordinator_client)

    assert "Cēsis, May 2026" not in text_of(interviewer.get("/app"))


def test_a_closed_campaign_still_receives_interviews_from_phones(coordinator_client, wave, phones):
    close(coordinator_client)

    response = phones["anna"].submit(submission(campaign=SLUG))

    assert response.status_code == 201


def test_close_needs_the_form_token(app, coordinator_client, wave):
    response = coordinator_client.post(f"{PAGE}/close")

    assert response.status_code == 400
    assert stored_campaign(app)["closed"] is False


def test_close_is_not_a_link_that_can_be_followed(app, coordinator_client, wave):
    assert coordinator_client.get(f"{PAGE}/close").status_code == 405
    assert stored_campaign(app)["closed"] is False
