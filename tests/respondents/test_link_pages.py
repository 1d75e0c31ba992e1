"""The coordinator's link pages: list, make, close (audited), QR code and leaflet."""

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import select

from collector.audit.models import AuditEvent
from collector.auth.models import User
from collector.extensions import db
from tests.conftest import csrf_token_from
from tests.respondents.conftest import close_the_campaign, the_link

LINKS = "/campaigns/cesis-2026/links"


@pytest.fixture
def ilze(coordinator_client, field_campaign):
    return coordinator_client


def make_on_the_page(client, label: str = "day centre"):
    token = csrf_token_from(client.get(LINKS).get_data(as_text=True))
    return client.post(LINKS, data={"csrf_token": token, "label": label})


def events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        found = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
        db.session.expunge_all()
        return found


def test_the_page_lists_each_link_with_its_address_qr_code_and_actions(ilze, token):
    page = ilze.get(LINKS).get_data(as_text=True)
    link_id = the_link(ilze.application).id
    assert "leaflet" in page
    assert f"http://localhost/s/{token}" in page
    assert f'src="{LINKS}/{link_id}/qr.svg"' in page
    assert f'href="{LINKS}/{link_id}/leaflet"' in page
    assert f'action="{LINKS}/{link_id}/close"' in page


def test_making_a_link_on_the_page_is_audited_under_the_coordinators_name(app, ilze):
    response = make_on_the_page(ilze, "day centre")
    assert response.status_code == 302
    link = the_link(app)
    assert link.label == "day centre"
    [event] = events(app, "link.create")
    assert (event.actor, event.target) == ("ilze", f"link {link.id}")
    with app.app_context():
        ilze_id = db.session.scalar(select(User.id).where(User.username == "ilze"))
    assert link.created_by_id == ilze_id


def test_a_label_longer_than_120_characters_is_refused(app, ilze):
    assert make_on_the_page(ilze, "x" * 121).status_code == 422
    assert events(app, "link.create") == []


def test_no_link_can_be_made_for_a_closed_campaign(app, ilze):
    close_the_campaign(app)
    response = make_on_the_page(ilze)
    assert response.status_code == 409
    assert "is closed" in response.get_data(as_text=True)
    assert events(app, "link.create") == []


def test_closing_a_link_is_audited_and_the_link_stops_working(app, ilze, token):
    link_id = the_link(app).id
    csrf = csrf_token_from(ilze.get(LINKS).get_data(as_text=True))
    response = ilze.post(f"{LINKS}/{link_id}/close", data={"csrf_token": csrf})
    assert response.status_code == 302
    assert the_link(app).closed_at is not None
    [event] = events(app, "link.close")
    assert (event.actor, event.target) == ("ilze", f"link {link_id}")
    assert ilze.get(f"/s/{token}").status_code == 404


def test_closing_a_closed_link_again_changes_nothing(app, ilze, token):
    link_id = the_link(app).id
    csrf = csrf_token_from(ilze.get(LINKS).get_data(as_text=True))
    ilze.post(f"{LINKS}/{link_id}/close", data={"csrf_token": csrf})
    ilze.post(f"{LINKS}/{link_id}/close", data={"csrf_token": csrf})
    assert len(events(app, "link.close")) == 1


def test_the_qr_code_is_an_svg_image_that_scales(ilze, token):
    link_id = the_link(ilze.application).id
    response = ilze.get(f"{LINKS}/{link_id}/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    svg = ET.fromstring(response.data)  # noqa: S314 -- our own server's answer
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox")
    assert svg.get("width") is None  # the page chooses the size
    assert response.headers["Cache-Control"] == "no-store"


def test_the_leaflet_has_the_title_an_invitation_per_language_the_qr_and_the_address(ilze, token):
    link_id = the_link(ilze.application).id
    page = ilze.get(f"{LINKS}/{link_id}/leaflet").get_data(as_text=True)
    assert "<h1>cesis-2026</h1>" in page
    for language, title in (
        ("lv", "Virtuves sarunas"),
        ("en", "Kitchen talks"),
        ("ru", "Беседы на кухне"),
    ):
        assert f'lang="{language}"' in page
        assert title in page
    assert f"{LINKS}/{link_id}/qr.svg" in page
    assert f"http://localhost/s/{token}" in page


def test_a_link_of_another_campaign_is_not_found_here(ilze, token):
    link_id = the_link(ilze.application).id
    assert ilze.get(f"/campaigns/other/links/{link_id}/qr.svg").status_code == 404


def test_an_interviewer_may_not_see_links(client, auth, token):
    auth.login("anna")
    assert client.get(LINKS).status_code == 403


def test_an_interviewer_may_not_make_links(app, client, auth, field_campaign):
    auth.login("anna")
    csrf = csrf_token_from(client.get("/app").get_data(as_text=True))
    assert client.post(LINKS, data={"csrf_token": csrf, "label": "x"}).status_code == 403
    assert events(app, "link.create") == []


def test_someone_not_logged_in_is_sent_to_log_in(client, token):
    response = client.get(LINKS)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
