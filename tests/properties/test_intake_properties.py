"""Whatever a client sends, intake answers with a status of the contract and keeps what it
refuses; answers made from a form's own questions are stored and read back as sent.

Each test runs on SQLite and PostgreSQL (whose JSONB refuses NUL characters and lone
surrogates, which JSON's \\u0000 and \\ud800 escapes can carry).
"""

import decimal
import json
import uuid
from typing import Any

from flask import Flask
from hypothesis import assume, given
from hypothesis import strategies as st
from sqlalchemy import select

from collector.auth.models import Role, User
from collector.extensions import db
from collector.intake.answers import check_answers
from collector.intake.models import QuarantineItem, QuarantineReason, Submission
from collector.intake.operations import receive_submission
from collector.intake.quarantine import fingerprint
from collector.schema.expressions import evaluate_bool
from collector.schema.loader import load_form_file
from collector.schema.normalise import all_questions, choice_values
from tests.conftest import FORMS_DIR, ApiClient
from tests.properties.support import (
    AWKWARD_TEXTS,
    deeply_nested,
    envelopes,
    json_values,
    property_settings,
)

SAMPLE_SCHEMAS = {
    loaded.key: loaded.schema
    for loaded in (load_form_file(path) for path in sorted(FORMS_DIR.glob("*.yaml")))
}
SAMPLE_VERSIONS = {key: schema["version"] for key, schema in SAMPLE_SCHEMAS.items()}
DAY = "2026-05-12"
REFUSED = {409, 422}


def same_json(left: Any, right: Any) -> bool:
    """Equal as JSON documents: PostgreSQL's JSONB keeps numbers as decimals, so 1e16 comes
    back as 10000000000000000 (an int), which is the same JSON number."""
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return decimal.Decimal(repr(left)) == decimal.Decimal(repr(right))
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same_json, left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_json(left[k], right[k]) for k in left)
    return type(left) is type(right) and left == right


def assert_kept_in_quarantine(payload: Any, quarantine_id: int | None = None) -> None:
    """The refused payload is kept whole: as JSON, or as JSON text when JSONB cannot hold it."""
    item = db.session.scalar(
        select(QuarantineItem).where(QuarantineItem.content_hash == fingerprint(payload))
    )
    assert item is not None, "a refused payload was not kept"
    if quarantine_id is not None:
        assert item.id == quarantine_id
    kept = item.payload if item.raw_body is None else json.loads(item.raw_body)
    assert same_json(kept, payload), "the kept payload differs from the one sent"


def assert_stored(payload: dict[str, Any]) -> None:
    stored = db.session.scalar(
        select(Submission.answers).where(Submission.uuid == uuid.UUID(str(payload["uuid"])))
    )
    assert stored is not None
    # A retry (200) of the same uuid has the same answers by definition of "the same".
    assert same_json(stored, payload["answers"])


# ---------------------------------------------------------------------------------------------
# check_answers alone, without a database: any answers give field errors, never an exception

HUGE_NUMBERS = st.sampled_from([10**5000, -(10**5000), 2**1000, float(2**1000)])


@st.composite
def any_answers_to_a_sample(draw: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    schema = SAMPLE_SCHEMAS[draw(st.sampled_from(sorted(SAMPLE_SCHEMAS)))]
    ids = [question["id"] for question in all_questions(schema)]
    values = json_values(max_leaves=8) | HUGE_NUMBERS | st.just(deeply_nested(2_000))
    keys = st.sampled_from([*ids, *(f"{i}_other" for i in ids)]) | st.text(max_size=8)
    return schema, draw(st.dictionaries(keys, values, max_size=8))


@property_settings(max_examples=80)
@given(any_answers_to_a_sample(), st.sampled_from(["lv", "en", "ru", "xx"]))
def test_any_answers_to_a_sample_form_give_field_errors_not_an_exception(
    schema_and_answers: tuple, lang: str
) -> None:
    schema, answers = schema_and_answers
    errors = check_answers(schema, answers, today=DAY, lang=lang)
    for key, messages in errors.items():
        assert isinstance(key, str)
        assert messages
        assert all(isinstance(message, str) and message for message in messages)


# ---------------------------------------------------------------------------------------------
# (a) receive_submission, in an app context

PAYLOADS = st.one_of(
    envelopes(SAMPLE_VERSIONS),
    envelopes(SAMPLE_VERSIONS).map(lambda envelope: {**envelope, "version": 1}),
    envelopes(SAMPLE_VERSIONS).map(lambda envelope: {**envelope, "form": "kitchen-talk"}),
    json_values(max_leaves=15),
    st.just({"uuid": str(uuid.UUID(int=1)), "answers": deeply_nested(500)}),
)


@property_settings(max_examples=40)
@given(payload=PAYLOADS)
def test_receive_submission_answers_any_payload_with_a_contract_status_and_keeps_refusals(
    app: Flask, published_forms: dict[str, int], make_user: Any, payload: Any
) -> None:
    with app.app_context():
        if db.session.scalar(select(User).where(User.username == "ilze")) is None:
            make_user("ilze", Role.COORDINATOR)
        user = db.session.scalar(select(User).where(User.username == "ilze"))
        result = receive_submission(payload, user)
        db.session.commit()
        assert result.status in {200, 201, *REFUSED}, result
        if result.status in REFUSED:
            assert result.body["errors"]
            assert result.body["message"]
            assert_kept_in_quarantine(payload, result.body["quarantine_id"])
        else:
            assert_stored(payload)


# ---------------------------------------------------------------------------------------------
# (b) the HTTP API, with a real bearer token


@property_settings(max_examples=40)
@given(payload=PAYLOADS)
def test_the_api_answers_any_json_body_with_a_contract_status_and_keeps_refusals(
    app: Flask, published_forms: dict[str, int], api: ApiClient, payload: Any
) -> None:
    # ensure_ascii: a lone surrogate can only travel as its \ud800 escape.
    response = api.post(
        "/api/v1/submissions", data=json.dumps(payload), content_type="application/json"
    )
    assert response.status_code in {200, 201, 400, 413, *REFUSED}, response.get_data(as_text=True)
    body = response.get_json()
    assert body["message"] if response.status_code >= 400 else body["status"]
    with app.app_context():
        if response.status_code in REFUSED:
            assert_kept_in_quarantine(payload, body["quarantine_id"])
        elif response.status_code in (200, 201):
            assert_stored(payload)


@property_settings(max_examples=25)
@given(payloads=st.lists(PAYLOADS, max_size=4))
def test_the_batch_api_answers_each_item_with_a_contract_status_and_keeps_refusals(
    app: Flask, published_forms: dict[str, int], api: ApiClient, payloads: list[Any]
) -> None:
    response = api.post(
        "/api/v1/submissions/batch", data=json.dumps(payloads), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    results = response.get_json()["results"]
    assert len(results) == len(payloads)
    with app.app_context():
        for payload, result in zip(payloads, results, strict=True):
            assert result["http_status"] in {200, 201, *REFUSED}
            if result["http_status"] in REFUSED:
                assert_kept_in_quarantine(payload, result["quarantine_id"])


@property_settings(max_examples=30)
@given(
    body=st.one_of(
        st.binary(max_size=200),
        st.sampled_from(
            [
                b'{"uuid": "x", "answers": {"a": "\x00"}}',
                b'{"a": NaN}',
                b'{"a": Infinity}',
                b"[" * 100_000,
                b'{"a": 1' + b"0" * 5_000 + b"}",
                b"\xff\xfe{}",
                b'"\\ud800"',
            ]
        ),
    )
)
def test_the_api_answers_any_bytes_and_keeps_a_body_that_is_not_json(
    app: Flask, published_forms: dict[str, int], api: ApiClient, body: bytes
) -> None:
    response = api.post("/api/v1/submissions", data=body, content_type="application/json")
    assert response.status_code in {400, 413, *REFUSED}, response.get_data(as_text=True)
    assert response.get_json()["message"]
    if response.status_code == 400:
        with app.app_context():
            text = body.decode("utf-8", errors="replace")
            item = db.session.scalar(
                select(QuarantineItem).where(
                    QuarantineItem.content_hash == fingerprint(raw_body=text),
                    QuarantineItem.reason == QuarantineReason.MALFORMED,
                )
            )
            assert item is not None, "a body that is not JSON was not kept"


def test_an_answer_with_a_nul_character_is_refused_in_plain_words_and_kept_escaped(
    app: Flask, published_forms: dict[str, int], api: ApiClient
) -> None:
    payload = _valid_payload("kitchen-talk", {"everyday_life": "a\u0000b", "\ud800": "x"})
    response = api.submit(payload)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert errors["answers.everyday_life"] == [
        "the text has a character that cannot be stored (U+0000 at position 1)"
    ]
    with app.app_context():
        assert_kept_in_quarantine(payload, response.get_json()["quarantine_id"])


# ---------------------------------------------------------------------------------------------
# The positive property: answers made from the form's own questions are stored

PLAIN_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters=["\x00"]), max_size=60
)


def _value_for(question: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind, required = question["type"], question["required"]
    low, high = question.get("min"), question.get("max")
    if kind in ("text", "textarea"):
        return PLAIN_TEXT.filter(bool) if required else PLAIN_TEXT
    if kind in ("integer", "scale"):
        return st.integers(-(2**53) if low is None else low, 2**53 if high is None else high)
    if kind == "decimal":
        return st.floats(low, high, allow_nan=False, allow_infinity=False) | st.integers(
            int(low or -1000), int(high or 1000)
        )
    if kind == "date":
        return st.dates().map(lambda day: day.isoformat())
    if kind == "select_one":
        return st.sampled_from(choice_values(question))
    if kind == "select_multiple":
        return st.lists(
            st.sampled_from(choice_values(question)), unique=True, min_size=1 if required else 0
        )
    if kind == "yes_no":
        return st.sampled_from(["yes", "no"])
    if kind == "consent":
        return st.just(True) if required else st.booleans()
    raise AssertionError(f"no strategy for {kind}")


@st.composite
def answers_to(draw: Any, schema: dict[str, Any]) -> dict[str, Any]:
    """Right types, choices and ranges; only shown questions; constraints kept."""
    answers: dict[str, Any] = {}
    for question in all_questions(schema):
        if question["type"] == "note":
            continue
        shown = question["show_if"] is None or evaluate_bool(
            question["show_if"]["tree"], answers, today=DAY
        )
        if not shown or (not question["required"] and draw(st.booleans())):
            continue
        value = draw(_value_for(question))
        constraint = question["constraint"]
        if constraint and not evaluate_bool(constraint["tree"], answers, current=value, today=DAY):
            assume(not question["required"])
            continue
        answers[question["id"]] = value
        chosen = value if isinstance(value, list) else [value]
        if question.get("other") and "other" in chosen and draw(st.booleans()):
            answers[question["id"] + "_other"] = draw(PLAIN_TEXT)
    return answers


@st.composite
def valid_submissions(draw: Any) -> tuple[str, dict[str, Any]]:
    key = draw(st.sampled_from(sorted(SAMPLE_SCHEMAS)))
    return key, draw(answers_to(SAMPLE_SCHEMAS[key]))


def _valid_payload(form: str, answers: dict[str, Any]) -> dict[str, Any]:
    schema = SAMPLE_SCHEMAS[form]
    return {
        # Fresh for every example: hypothesis would repeat its simplest uuids.
        "uuid": str(uuid.uuid4()),
        "form": form,
        "version": schema["version"],
        "lang": schema["languages"][-1],
        "completed_at": f"{DAY}T10:41:55Z",
        "answers": answers,
    }


@property_settings(max_examples=40)
@given(submission=valid_submissions())
def test_answers_made_from_a_forms_own_questions_are_stored_and_read_back_as_sent(
    app: Flask, published_forms: dict[str, int], api: ApiClient, submission: tuple
) -> None:
    payload = _valid_payload(*submission)
    response = api.submit(payload)
    assert response.status_code == 201, response.get_json()
    assert api.submit(payload).status_code == 200
    with app.app_context():
        assert_stored(payload)


def test_the_awkward_texts_include_what_postgresql_refuses() -> None:
    # The strategies above must keep sending these, or the PostgreSQL property is hollow.
    assert {"\u0000", "\ud800"} <= set(AWKWARD_TEXTS)
