"""Plain-language mode: on by default for a respondent link's survey, ?plain=1 / ?plain=0
on any form page; without JavaScript the whole form shows, larger, and posts as usual."""

import re

import pytest

from tests.conftest import form_post_data
from tests.respondents.conftest import make_link, stored

SURVEY = "sat-2026"
PLAIN_FORM = re.compile(r'<form [^>]*class="answer-form plain"')


@pytest.fixture
def survey_token(runner, field_campaign) -> str:
    """A link to a client-satisfaction campaign (kind: survey)."""
    result = runner.invoke(args=["campaigns", "create", SURVEY, "--form", "client-satisfaction"])
    assert result.exit_code == 0, result.output
    return make_link(runner, SURVEY)


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def is_plain(page: str) -> bool:
    return PLAIN_FORM.search(page) is not None


def test_a_respondent_survey_link_is_plain_by_default(client, survey_token):
    page = page_of(client, f"/s/{survey_token}")
    assert is_plain(page)
    # Every question is on the page (no JavaScript needed), with the usual hooks.
    for name in ("municipality", "was_client", "respect", "opinion", "improve"):
        assert f'name="{name}"' in page
    for testid in ("finish", "outbox-count", "sync-now", "last-sync", "lang-switch"):
        assert f'data-testid="{testid}"' in page
    assert page.count('class="options scale scale-smileys"') == 7


def test_the_microproject_survey_is_plain_too(runner, client, field_campaign):
    runner.invoke(args=["campaigns", "create", "micro-1", "--form", "microproject-feedback"])
    assert is_plain(page_of(client, f"/s/{make_link(runner, 'micro-1')}"))


def test_an_interview_link_is_not_plain_unless_asked(client, runner, field_campaign):
    token = make_link(runner)  # kitchen-talk: kind interview
    assert not is_plain(page_of(client, f"/s/{token}"))
    assert is_plain(page_of(client, f"/s/{token}?plain=1"))


def test_plain_0_turns_it_off_and_the_language_switch_keeps_the_choice(client, survey_token):
    page = page_of(client, f"/s/{survey_token}?plain=0")
    assert not is_plain(page)
    assert f'href="/s/{survey_token}?plain=0&amp;lang=en"' in page
    on = page_of(client, f"/s/{survey_token}?plain=1&lang=en")
    assert is_plain(on)
    assert f'href="/s/{survey_token}?plain=1&amp;lang=ru"' in on


def test_an_interviewer_page_is_plain_only_when_asked(client, auth, field_campaign):
    auth.login("anna")
    url = f"/f/kitchen-talk?campaign={field_campaign}"
    assert not is_plain(page_of(client, url))
    page = page_of(client, f"{url}&plain=1")
    assert is_plain(page)
    assert f'href="{url}&amp;plain=1&amp;lang=ru"' in page


def test_the_plain_interface_strings_are_on_the_page(client, survey_token):
    page = page_of(client, f"/s/{survey_token}?lang=en")
    assert '"question_of": "{n} of {total}"' in page
    assert '"read_aloud": "Read aloud"' in page


def test_a_plain_page_posted_without_javascript_is_stored_once(app, client, survey_token):
    page = page_of(client, f"/s/{survey_token}")
    answers = {"municipality": "cesis", "was_client": "yes", "respect": 5, "improve": "more"}
    data = form_post_data(page, answers)
    for _attempt in range(2):  # the same page sent twice
        response = client.post(f"/s/{survey_token}", data=data)
        assert response.status_code == 302
    [submission] = stored(app)
    assert submission.answers["respect"] == 5
    assert submission.answers["improve"] == "more"


def test_a_plain_page_with_a_problem_comes_back_plain(client, survey_token):
    page = page_of(client, f"/s/{survey_token}")
    response = client.post(f"/s/{survey_token}", data=form_post_data(page, {"improve": "x"}))
    assert response.status_code == 422
    assert is_plain(response.get_data(as_text=True))
