"""Opening a campaign from the web page (and the command line): each refusal in plain
words, nothing stored when refused, and every opening in the audit log."""

from datetime import date

import pytest

from collector.audit.models import AuditAction
from collector.auth.models import Role
from tests.campaigns.conftest import (
    SLUG,
    events,
    send_form,
    stored_campaign,
    switch_off,
    text_of,
)

NEW = "/campaigns/new"


def new_campaign(**overrides: object) -> dict[str, object]:
    """The fields of the new-campaign page, filled in validly."""
    data: dict[str, object] = {
        "slug": SLUG,
        "form_key": "kitchen-talk",
        "title": "Cēsis, May 2026",
        "starts_on": "2026-05-12",
        "ends_on": "2026-05-14",
        "target": "45",
        "interviewers": ["anna", "janis"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def interviewers(make_user) -> None:
    make_user("anna")
    make_user("janis")


def test_coordinator_opens_a_campaign_with_dates_target_and_interviewers(
    app, coordinator_client, published_forms, interviewers
):
    response = send_form(coordinator_client, NEW, new_campaign())

    assert response.status_code == 302
    assert response.headers["Location"] == f"/campaigns/{SLUG}"
    assert stored_campaign(app) == {
        "form": "kitchen-talk",
        "title": "Cēsis, May 2026",
        "starts_on": date(2026, 5, 12),
        "ends_on": date(2026, 5, 14),
        "target": 45,
        "interviewers": ["anna", "janis"],
        "closed": False,
    }


def test_dates_target_and_interviewers_may_be_left_empty(app, coordinator_client, published_forms):
    data = new_campaign(starts_on="", ends_on="", target="", interviewers=None)

    response = send_form(coordinator_client, NEW, data)

    assert response.status_code == 302
    stored = stored_campaign(app)
    assert (stored["starts_on"], stored["ends_on"], stored["target"]) == (None, None, None)
    assert stored["interviewers"] == []


def test_opening_a_campaign_on_the_web_is_audited_with_who_and_what(
    app, coordinator_client, published_forms, interviewers
):
    send_form(coordinator_client, NEW, new_campaign())

    [event] = events(app, AuditAction.CAMPAIGN_CREATE)
    assert (event.actor, event.target) == ("ilze", f"campaign {SLUG}")
    assert event.campaign_id is not None
    assert event.details == {
        "form": "kitchen-talk",
        "title": "Cēsis, May 2026",
        "starts_on": "2026-05-12",
        "ends_on": "2026-05-14",
        "target": 45,
        "interviewers": ["anna", "janis"],
    }


def test_opening_a_campaign_on_the_command_line_is_audited_as_the_command_line(
    app, runner, published_forms
):
    result = runner.invoke(args=["campaigns", "create", SLUG, "--form", "kitchen-talk"])

    assert result.exit_code == 0, result.output
    [event] = events(app, AuditAction.CAMPAIGN_CREATE)
    assert (event.actor, event.user_id) == ("command line", None)


def test_command_line_takes_the_first_and_last_day(app, runner, published_forms):
    result = runner.invoke(
        args=["campaigns", "create", SLUG, "--form", "kitchen-talk"]
        + ["--starts", "2026-05-12", "--ends", "2026-05-14"]
    )

    assert result.exit_code == 0, result.output
    stored = stored_campaign(app)
    assert (stored["starts_on"], stored["ends_on"]) == (date(2026, 5, 12), date(2026, 5, 14))


def test_command_line_refuses_a_last_day_before_the_first(app, runner, published_forms):
    result = runner.invoke(
        args=["campaigns", "create", SLUG, "--form", "kitchen-talk"]
        + ["--starts", "2026-05-14", "--ends", "2026-05-12"]
    )

    assert result.exit_code == 1
    assert "The last day is before the first day" in result.output
    assert stored_campaign(app) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slug": "Cēsis 2026"}, "cannot be a campaign id: use small Latin letters"),
        ({"slug": "-cesis"}, "cannot be a campaign id"),
        ({"slug": ""}, "Write an id for the campaign."),
        ({"slug": "new"}, "already exists; choose another id"),
        ({"title": "  "}, "Write a title."),
        ({"ends_on": "2026-05-11"}, "The last day is before the first day."),
        ({"starts_on": "12.05.2026"}, "Write the day as year-month-day, like 2026-05-12."),
        ({"target": "0"}, "The target is a whole number, 1 or more."),
        ({"target": "forty"}, "Write a whole number, like 45."),
        ({"form_key": "not-published"}, "Not a valid choice"),
    ],
)
def test_new_campaign_is_refused_with_a_plain_reason_and_nothing_is_stored(
    app, coordinator_client, published_forms, interviewers, change, message
):
    response = send_form(coordinator_client, NEW, new_campaign(**change))

    assert response.status_code == 422
    assert message in text_of(response)
    assert stored_campaign(app, change.get("slug") or SLUG) is None
    assert events(app, AuditAction.CAMPAIGN_CREATE) == []


def test_new_campaign_refuses_an_id_that_is_taken(
    app, coordinator_client, make_campaign, interviewers
):
    make_campaign(title="The first one")

    response = send_form(coordinator_client, NEW, new_campaign(title="The second one"))

    assert response.status_code == 422
    assert f"A campaign &#39;{SLUG}&#39; already exists; choose another id." in text_of(response)
    assert stored_campaign(app)["title"] == "The first one"


def test_new_campaign_refuses_someone_who_is_not_an_active_interviewer(
    app, coordinator_client, published_forms, make_user
):
    make_user("peteris", Role.COORDINATOR)

    response = send_form(coordinator_client, NEW, new_campaign(interviewers=["peteris"]))

    assert response.status_code == 422
    assert stored_campaign(app) is None


def test_new_campaign_page_offers_active_interviewers_only(
    app, coordinator_client, published_forms, interviewers, make_user
):
    make_user("gone")
    switch_off(app, "gone")

    page = text_of(coordinator_client.get(NEW))

    assert 'value="anna"' in page
    assert 'value="janis"' in page
    assert 'value="gone"' not in page
    assert 'value="ilze"' not in page  # a coordinator, not an interviewer


def test_new_campaign_page_names_forms_by_their_title(coordinator_client, published_forms):
    page = text_of(coordinator_client.get(NEW))

    assert '<option value="kitchen-talk">Kitchen talks</option>' in page


def test_new_campaign_page_says_which_forms_already_have_campaigns(
    coordinator_client, make_campaign
):
    make_campaign(slug="valmiera-2025", title="Valmiera, autumn 2025")

    page = text_of(coordinator_client.get(NEW + "?form=kitchen-talk"))

    assert "already has these campaigns" in page
    assert "Valmiera, autumn 2025 (valmiera-2025)" in page
    assert 'data-form="kitchen-talk"' in page
    assert '<option selected value="kitchen-talk">' in page


def test_new_campaign_without_the_form_token_is_refused(app, coordinator_client, published_forms):
    response = coordinator_client.post(NEW, data=new_campaign(interviewers=None))

    assert response.status_code == 400
    assert stored_campaign(app) is None
