"""Interviewers open forms only through the campaigns they are on."""

from tests.conftest import PASSWORD


def test_interviewer_cannot_open_a_form_outside_a_campaign(client, auth, field_campaign):
    auth.login("anna", PASSWORD)
    assert client.get("/f/kitchen-talk").status_code == 403


def test_interviewer_opens_the_form_of_their_campaign(client, auth, field_campaign):
    auth.login("anna", PASSWORD)
    assert client.get(f"/f/kitchen-talk?campaign={field_campaign}").status_code == 200


def test_coordinator_may_try_a_form_outside_any_campaign(coordinator_client, published_forms):
    assert coordinator_client.get("/f/kitchen-talk").status_code == 200
