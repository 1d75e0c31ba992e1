"""What a client sent is shown as text: markup in a payload never becomes part of a page."""

from tests.factories import kitchen_talk_answers, submission
from tests.review.helpers import kept, kept_malformed

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_markup_in_answers_and_question_ids_is_escaped_on_the_item_page(coordinator_client, phone):
    answers = {**kitchen_talk_answers(everyday_life=MARKUP), MARKUP: "1"}
    item_id = kept(phone, submission(answers))
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page


def test_markup_in_an_error_is_escaped_in_the_list(coordinator_client, phone):
    kept(phone, submission({**kitchen_talk_answers(), MARKUP: "1"}))
    page = coordinator_client.get("/quarantine").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page


def test_markup_in_an_unreadable_body_is_escaped(app, coordinator_client, phone):
    item_id = kept_malformed(app, phone, MARKUP)
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page
