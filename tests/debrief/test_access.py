"""Who may debrief which campaign: coordinators all, interviewers their own, nobody else."""

from sqlalchemy import select

from collector.campaigns.models import Campaign
from collector.extensions import db
from collector.types import utcnow
from tests.debrief.conftest import CAMPAIGN, EVERYDAY, group_titled
from tests.factories import kitchen_talk_answers


def campaign_links(page: str) -> list[str]:
    return [slug for slug in ("cesis-2026", "valka-2026") if f"/campaigns/{slug}/debrief" in page]


def test_an_interviewer_lists_only_the_campaigns_she_works_in(as_anna, other_campaign):
    page = as_anna.get("/debrief").get_data(as_text=True)
    assert campaign_links(page) == [CAMPAIGN]


def test_an_interviewer_gets_403_on_a_campaign_she_is_not_in(as_anna, day_page, other_campaign):
    assert day_page(slug=other_campaign).status_code == 403


def test_an_interviewer_reads_every_answer_of_her_campaign(as_anna, day_page, store):
    store(kitchen_talk_answers(everyday_life="from bruno"), campaign=CAMPAIGN, interviewer="bruno")
    page = day_page().get_data(as_text=True)
    assert group_titled(page, EVERYDAY).texts == ["from bruno"]


def test_a_coordinator_lists_every_campaign_open_ones_first(app, as_coordinator, other_campaign):
    with app.app_context():
        newer = db.session.scalar(select(Campaign).where(Campaign.slug == other_campaign))
        newer.closed_at = utcnow()
        db.session.commit()
    page = as_coordinator.get("/debrief").get_data(as_text=True)
    assert campaign_links(page) == [CAMPAIGN, other_campaign]
    assert page.index(f"/campaigns/{CAMPAIGN}/") < page.index(f"/campaigns/{other_campaign}/")
    assert "closed" in page


def test_a_coordinator_debriefs_any_campaign(as_coordinator, day_page, other_campaign):
    assert day_page(slug=other_campaign).status_code == 200


def test_without_a_login_the_page_asks_to_log_in(client, field_campaign):
    response = client.get(f"/campaigns/{CAMPAIGN}/debrief")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_an_unknown_campaign_is_404(as_coordinator, day_page):
    assert day_page(slug="no-such-campaign").status_code == 404


def test_a_person_with_no_campaign_is_told_in_plain_words(client, auth, make_user):
    make_user("peteris")
    auth.login("peteris")
    page = client.get("/debrief").get_data(as_text=True)
    assert "You are not in any campaign yet." in page
