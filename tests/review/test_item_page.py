"""One quarantine item: what arrived, why it was not stored, and what became of it."""

import re

from tests.factories import kitchen_talk_answers, submission
from tests.review.helpers import discard, kept, kept_malformed, release


def test_the_item_page_names_each_wrong_answer_by_its_question(coordinator_client, phone):
    answers = kitchen_talk_answers(household_size="three", life_satisfaction=9)
    item_id = kept(phone, submission(answers))
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    assert "Question “How many people live in your home?” (household_size)" in page
    assert "the answer must be a whole number" in page
    assert "(life_satisfaction)" in page
    assert "the answer must be from 1 to 5" in page


def test_the_item_page_shows_the_payload_laid_out(coordinator_client, phone):
    payload = submission(version=99)
    item_id = kept(phone, payload)
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    assert f'<pre class="payload" tabindex="0">{{\n  &#34;uuid&#34;: &#34;{payload["uuid"]}' in page
    assert "Form version" in page
    assert "form &#39;kitchen-talk&#39; has no published version 99" in page


def test_a_malformed_item_shows_the_text_as_it_arrived(app, coordinator_client, phone):
    item_id = kept_malformed(app, phone, '{"uuid": "1", "answers": {"x": 1')
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    assert "Could not be read (not valid JSON)" in page
    assert '<pre class="payload raw-body" tabindex="0">{&#34;uuid&#34;: &#34;1&#34;' in page
    assert "Form and version" not in page


def test_a_conflict_shows_the_stored_answers_next_to_this_copy(coordinator_client, phone):
    first = submission()
    assert phone.submit(first).status_code == 201
    item_id = kept(phone, {**first, "answers": kitchen_talk_answers(household_size=5)})
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    rows = re.findall(
        r'<tr( class="differs")?>\s*<th scope="row">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>',
        page,
        re.S,
    )
    differing = [(label, stored, arrived) for marked, label, stored, arrived in rows if marked]
    [(label, stored, arrived)] = differing
    assert "(household_size)" in label
    assert "differs" in label
    assert (stored, arrived) == ("3", "5")
    assert len(rows) > 10  # every answer is shown, the same ones unmarked


def test_a_released_item_says_who_released_it_when_and_what_was_changed(coordinator_client, phone):
    item_id = kept(phone, submission(version=99))
    release(coordinator_client, item_id, version="1")
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    assert 'data-status="released"' in page
    assert re.search(r"By ilze on \d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d\s[AP]M\.", page)
    assert "Version changed from 99 to 1." in page
    assert 'action="/quarantine/' not in page.split("</header>", 1)[1]  # no forms left


def test_a_discarded_item_shows_the_reason(coordinator_client, phone):
    item_id = kept(phone, submission(version=99))
    discard(coordinator_client, item_id, "Sent twice by mistake during training")
    page = coordinator_client.get(f"/quarantine/{item_id}").get_data(as_text=True)
    assert 'data-status="discarded"' in page
    assert "Sent twice by mistake during training" in page


def test_an_unknown_item_is_404(coordinator_client):
    assert coordinator_client.get("/quarantine/999").status_code == 404
