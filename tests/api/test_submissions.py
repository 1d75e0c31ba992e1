"""The submission API keeps the status table of DESIGN.md, and never loses a payload."""

import threading
import uuid

import pytest
from sqlalchemy import func, select

from collector.extensions import db
from collector.intake.models import QuarantineItem, Submission
from collector.schema.loader import load_form_file
from collector.schema.normalise import all_questions
from tests.conftest import FORMS_DIR
from tests.factories import kitchen_talk_answers, submission

pytestmark = pytest.mark.usefixtures("published_forms")


def count_submissions(app, uuid_text: str | None = None) -> int:
    with app.app_context():
        query = select(func.count()).select_from(Submission)
        if uuid_text:
            query = query.where(Submission.uuid == uuid.UUID(uuid_text))
        return db.session.scalar(query)


def quarantine_items(app) -> list[QuarantineItem]:
    with app.app_context():
        items = db.session.scalars(select(QuarantineItem).order_by(QuarantineItem.id)).all()
        db.session.expunge_all()
        return list(items)


def question_in_kitchen_talk(question_id: str) -> dict:
    schema = load_form_file(FORMS_DIR / "kitchen-talk.yaml").schema
    return next(q for q in all_questions(schema) if q["id"] == question_id)


def test_valid_submission_is_stored_with_201(app, api):
    payload = submission()
    response = api.submit(payload)
    assert response.status_code == 201
    assert response.json == {"uuid": payload["uuid"], "status": "stored"}
    with app.app_context():
        stored = db.session.scalar(select(Submission))
        assert str(stored.uuid) == payload["uuid"]
        assert stored.answers == payload["answers"]
        assert stored.lang == "lv"
        assert stored.completed_at.isoformat().startswith("2026-05-12T10:41:55")


def test_retry_with_same_uuid_is_stored_once(app, api):
    payload = submission()
    assert api.submit(payload).status_code == 201
    retry = api.submit(payload)
    assert retry.status_code == 200
    assert retry.json["status"] == "already_stored"
    assert count_submissions(app) == 1
    assert quarantine_items(app) == []


def test_same_uuid_with_other_answers_is_409_and_kept_in_quarantine(app, api):
    payload = submission()
    api.submit(payload)
    changed = {**payload, "answers": kitchen_talk_answers(household_size=5)}
    response = api.submit(changed)
    assert response.status_code == 409
    assert response.json["status"] == "conflict"
    [item] = quarantine_items(app)
    assert item.reason == "conflict"
    assert item.payload == changed
    assert response.json["quarantine_id"] == item.id
    assert count_submissions(app) == 1


def test_invalid_answers_are_422_with_field_errors_and_kept_in_quarantine(app, api):
    payload = submission(kitchen_talk_answers(household_size="three", life_satisfaction=9))
    response = api.submit(payload)
    assert response.status_code == 422
    errors = response.json["errors"]
    assert set(errors) == {"answers.household_size", "answers.life_satisfaction"}
    [item] = quarantine_items(app)
    assert item.reason == "invalid"
    assert item.payload == payload
    assert item.uuid == payload["uuid"]
    assert item.errors == errors
    assert count_submissions(app) == 0


def test_failed_constraint_is_422_with_the_forms_own_message(api):
    answers = kitchen_talk_answers(household_size=2, children="yes", children_count=4)
    response = api.submit(submission(answers, lang="en"))
    assert response.status_code == 422
    [message] = response.json["errors"]["answers.children_count"]
    assert message == question_in_kitchen_talk("children_count")["constraint_message"]["en"]


def test_missing_required_answer_is_422(api):
    response = api.submit(submission(kitchen_talk_answers(household_size=None)))
    assert response.status_code == 422
    assert "answers.household_size" in response.json["errors"]


def test_unknown_form_version_is_422_and_kept(app, api):
    response = api.submit(submission(version=7))
    assert response.status_code == 422
    assert "no published version 7" in response.json["errors"]["version"][0]
    assert len(quarantine_items(app)) == 1


def test_unknown_form_is_422(api):
    response = api.submit(submission(form="no-such-form"))
    assert response.status_code == 422
    assert "version" in response.json["errors"]


def test_envelope_errors_name_each_field(api):
    payload = submission()
    payload.update(uuid="not-a-uuid", version="1", surprise=True)
    del payload["answers"]
    response = api.submit(payload)
    assert response.status_code == 422
    assert {"uuid", "version", "surprise", "answers"} <= set(response.json["errors"])


def test_a_submission_that_is_not_an_object_is_422_and_kept(app, api):
    response = api.submit(["not", "an", "object"])
    assert response.status_code == 422
    assert quarantine_items(app)[0].payload == ["not", "an", "object"]


def test_malformed_json_is_400_and_the_raw_body_is_kept(app, api):
    body = '{"uuid": "5f0c", "answers": {'
    response = api.post(
        "/api/v1/submissions", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json["status"] == "malformed"
    [item] = quarantine_items(app)
    assert item.reason == "malformed"
    assert item.raw_body == body


def test_nan_is_not_accepted_as_json(app, api):
    body = f'{{"uuid": "{uuid.uuid4()}", "answers": {{"household_size": NaN}}}}'
    response = api.post("/api/v1/submissions", data=body, content_type="application/json")
    assert response.status_code == 400
    assert quarantine_items(app)[0].raw_body == body


def test_too_large_request_is_413(app, api):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    answers = kitchen_talk_answers(everyday_life="x" * 20_000)
    response = api.submit(submission(answers))
    assert response.status_code == 413
    assert response.json["status"] == "too_large"


def test_batch_over_the_size_limit_is_413(app, api):
    app.config["MAX_BATCH_SIZE"] = 3
    response = api.submit_batch([submission() for _ in range(4)])
    assert response.status_code == 413
    assert "3" in response.json["message"]
    assert count_submissions(app) == 0


def test_no_token_is_401(client):
    response = client.post("/api/v1/submissions", json=submission())
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_wrong_token_is_401(client):
    response = client.post(
        "/api/v1/submissions", json=submission(), headers={"Authorization": "Bearer col_guess"}
    )
    assert response.status_code == 401


def test_switched_off_account_is_403(app, api):
    from collector.auth.models import User

    with app.app_context():
        db.session.scalar(select(User)).active = False
        db.session.commit()
    response = api.submit(submission())
    assert response.status_code == 403
    assert count_submissions(app) == 0


def test_batch_gives_a_result_per_item_in_order(app, api):
    stored_before = submission()
    api.submit(stored_before)
    good = submission()
    invalid = submission(kitchen_talk_answers(age_group="ancient"))
    conflicting = {**stored_before, "answers": kitchen_talk_answers(household_size=9)}
    response = api.submit_batch([good, invalid, stored_before, conflicting])
    assert response.status_code == 200
    results = response.json["results"]
    assert [r["http_status"] for r in results] == [201, 422, 200, 409]
    assert [r["uuid"] for r in results] == [
        good["uuid"],
        invalid["uuid"],
        stored_before["uuid"],
        stored_before["uuid"],
    ]
    assert count_submissions(app) == 2
    assert {item.reason for item in quarantine_items(app)} == {"invalid", "conflict"}


def test_batch_accepts_an_object_with_a_submissions_list(api):
    response = api.post("/api/v1/submissions/batch", json={"submissions": [submission()]})
    assert response.json["results"][0]["http_status"] == 201


def test_batch_that_is_not_a_list_is_400(api):
    response = api.submit_batch({"uuid": "x"})
    assert response.status_code == 400


def test_submission_names_its_campaign(app, api, runner):
    result = runner.invoke(
        args=[
            "campaigns",
            "create",
            "cesis-2026",
            "--form",
            "kitchen-talk",
            "--interviewer",
            "anna",
        ]
    )
    assert result.exit_code == 0, result.output
    assert api.submit(submission(campaign="cesis-2026")).status_code == 201
    with app.app_context():
        assert db.session.scalar(select(Submission)).campaign_id is not None


def test_unknown_campaign_is_422(api):
    response = api.submit(submission(campaign="nowhere"))
    assert response.status_code == 422
    assert "campaign" in response.json["errors"]


def test_campaign_of_another_form_is_422(api, runner):
    runner.invoke(args=["campaigns", "create", "wave-1", "--form", "client-satisfaction"])
    response = api.submit(submission(campaign="wave-1"))
    assert response.status_code == 422
    assert "another form" in response.json["errors"]["campaign"][0]


def test_two_clients_sending_one_uuid_at_the_same_moment_store_it_once(app, make_api_client):
    clients = [make_api_client("anna"), make_api_client("peteris")]
    payload = submission()
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def send(api_client) -> None:
        start.wait()
        statuses.append(api_client.submit(payload).status_code)

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200, 201]
    assert count_submissions(app, payload["uuid"]) == 1


def test_many_concurrent_batches_sharing_uuids_store_each_once(app, make_api_client):
    payloads = [submission() for _ in range(20)]
    clients = [make_api_client(f"student{n}") for n in range(4)]
    start = threading.Barrier(len(clients))
    failures: list[str] = []

    def send(api_client, batch) -> None:
        start.wait()
        response = api_client.submit_batch(batch)
        if response.status_code != 200:
            failures.append(f"{response.status_code}: {response.get_data(as_text=True)}")
            return
        failures.extend(
            str(r) for r in response.json["results"] if r["http_status"] not in (200, 201)
        )

    # Each client sends all 20, in its own order, so the same rows are contended.
    batches = [payloads[n:] + payloads[:n] for n in (0, 5, 10, 15)]
    threads = [
        threading.Thread(target=send, args=pair) for pair in zip(clients, batches, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert count_submissions(app) == 20


def test_resending_an_invalid_payload_keeps_it_in_quarantine_once(app, api):
    payload = submission(kitchen_talk_answers(household_size=0))
    first = api.submit(payload)
    second = api.submit(payload)
    assert first.status_code == second.status_code == 422
    assert first.json["quarantine_id"] == second.json["quarantine_id"]
    assert len(quarantine_items(app)) == 1


def test_a_changed_invalid_payload_is_kept_again(app, api):
    api.submit(submission(kitchen_talk_answers(household_size=0)))
    api.submit(submission(kitchen_talk_answers(household_size=-1)))
    assert len(quarantine_items(app)) == 2
