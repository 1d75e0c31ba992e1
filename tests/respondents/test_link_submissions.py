"""POST /s/<token>/submissions: the offline client's batch, only for the link's campaign."""

from typing import Any

from sqlalchemy import select

from collector.extensions import db
from collector.intake.models import Submission
from tests.factories import submission
from tests.respondents.conftest import close_the_link, kept, make_link, stored, the_link


def send(client, token: str, items: Any, **kwargs):
    return client.post(f"/s/{token}/submissions", json=items, **kwargs)


def for_the_link(**overrides: Any) -> dict[str, Any]:
    return submission(campaign="cesis-2026", **overrides)


def test_a_batch_is_stored_with_the_link_without_login_or_csrf_token(app, client, token):
    response = send(client, token, [for_the_link()])
    assert response.status_code == 200
    assert response.get_json()["results"][0]["http_status"] == 201
    [stored_one] = stored(app)
    assert stored_one.respondent_link_id == the_link(app).id
    assert stored_one.submitted_by_id is None


def test_a_retried_batch_answers_200_and_stores_once(app, client, token):
    payload = for_the_link()
    send(client, token, [payload])
    response = send(client, token, [payload])
    assert response.get_json()["results"] == [
        {"http_status": 200, "uuid": payload["uuid"], "status": "already_stored"}
    ]
    assert len(stored(app)) == 1


def test_a_payload_without_a_campaign_is_for_the_links_campaign(app, client, token):
    response = send(client, token, [submission(campaign=None)])
    assert response.get_json()["results"][0]["http_status"] == 201
    with app.app_context():
        campaign_id = db.session.scalars(select(Submission)).one().campaign_id
        assert campaign_id == the_link(app).campaign_id


def test_a_payload_for_another_form_is_refused_and_kept_with_the_link(
    app, client, token, published_forms
):
    payload = for_the_link(form="client-satisfaction", answers={})
    result = send(client, token, [payload]).get_json()["results"][0]
    assert result["http_status"] == 422
    assert "form" in result["errors"]
    [item] = kept(app)
    assert (item.uuid, item.respondent_link_id) == (payload["uuid"], the_link(app).id)
    assert stored(app) == []


def test_a_payload_for_another_campaign_is_refused_and_kept_with_the_link(
    app, client, runner, token
):
    result = runner.invoke(args=["campaigns", "create", "valmiera-2026", "--form", "kitchen-talk"])
    assert result.exit_code == 0, result.output
    payload = submission(campaign="valmiera-2026")
    result = send(client, token, [payload]).get_json()["results"][0]
    assert result["http_status"] == 422
    assert "campaign" in result["errors"]
    [item] = kept(app)
    assert item.respondent_link_id == the_link(app).id
    assert stored(app) == []


def test_invalid_answers_are_kept_with_the_link(app, client, token):
    payload = for_the_link()
    payload["answers"]["household_size"] = 99
    result = send(client, token, [payload]).get_json()["results"][0]
    assert result["http_status"] == 422
    assert kept(app)[0].respondent_link_id == the_link(app).id


def test_a_batch_to_a_link_closed_meanwhile_is_kept_and_answered_410(app, client, token):
    close_the_link(app)
    payload = for_the_link()
    response = send(client, token, [payload])
    assert response.status_code == 410
    body = response.get_json()
    assert "Your answers arrived and are kept" in body["message"]
    assert body["results"][0]["http_status"] == 410
    assert body["results"][0]["uuid"] == payload["uuid"]
    [item] = kept(app)
    assert (item.payload, item.respondent_link_id) == (payload, the_link(app).id)
    assert stored(app) == []


def test_a_resent_batch_to_a_closed_link_is_kept_once(app, client, token):
    close_the_link(app)
    payload = for_the_link()
    send(client, token, [payload])
    send(client, token, [payload])
    assert len(kept(app)) == 1


def test_an_unknown_token_answers_404_and_keeps_nothing(app, client, token):
    other = ("a" if token[0] != "a" else "b") + token[1:]
    response = send(client, other, [for_the_link()])
    assert response.status_code == 404
    assert stored(app) == []
    assert kept(app) == []


def test_a_link_takes_only_json_so_a_cross_site_form_cannot_post(app, client, token):
    response = client.post(
        f"/s/{token}/submissions", data="[]", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415
    assert kept(app) == []


def test_a_body_that_is_not_json_is_kept_with_the_link(app, client, token):
    response = client.post(
        f"/s/{token}/submissions", data="[{", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    [item] = kept(app)
    assert (item.raw_body, item.respondent_link_id) == ("[{", the_link(app).id)


def test_a_batch_larger_than_the_limit_is_413(app, client, token):
    app.config["MAX_BATCH_SIZE"] = 2
    response = send(client, token, [for_the_link() for _ in range(3)])
    assert response.status_code == 413
    assert stored(app) == []


def test_a_batch_must_be_a_list(client, token):
    assert send(client, token, {"uuid": "x"}).status_code == 400


def test_each_link_counts_its_own_submissions(app, client, runner, token):
    second = make_link(runner, label="second leaflet")
    send(client, token, [for_the_link()])
    send(client, second, [for_the_link()])
    assert len({s.respondent_link_id for s in stored(app)}) == 2
