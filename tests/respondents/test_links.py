"""A link's token: unguessable, never stored, the same every time it is shown; the CLI."""

import hashlib

from sqlalchemy import select

from collector.audit.models import AuditEvent
from collector.campaigns.links import find_link, public_url
from collector.campaigns.models import RespondentLink
from collector.extensions import db
from tests.respondents.conftest import close_the_campaign, make_link, the_link


def test_the_cli_prints_the_respondent_url_of_a_new_link(runner, field_campaign):
    result = runner.invoke(args=["campaigns", "link", "cesis-2026"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("http://127.0.0.1:5000/s/")


def test_the_cli_prints_the_configured_public_address(app, runner, field_campaign):
    app.config["PUBLIC_BASE_URL"] = "https://collector.example.lv/"
    result = runner.invoke(args=["campaigns", "link", "cesis-2026"])
    assert result.output.startswith("https://collector.example.lv/s/")


def test_the_cli_refuses_an_unknown_campaign(runner, field_campaign):
    result = runner.invoke(args=["campaigns", "link", "no-such-campaign"])
    assert result.exit_code == 1
    assert "There is no campaign 'no-such-campaign'" in result.output


def test_the_cli_refuses_a_closed_campaign(app, runner, field_campaign):
    close_the_campaign(app)
    result = runner.invoke(args=["campaigns", "link", "cesis-2026"])
    assert result.exit_code == 1
    assert "is closed" in result.output


def test_a_token_is_128_random_bits_and_each_link_gets_its_own(runner, field_campaign):
    tokens = {make_link(runner) for _ in range(5)}
    assert len(tokens) == 5
    assert all(len(token) == 26 for token in tokens)  # base32 of 16 bytes


def test_the_database_keeps_only_the_hash_of_the_token(app, token):
    link = the_link(app)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (link.nonce, link.token_hash, link.label)


def test_the_same_link_shows_the_same_url_again(app, runner, field_campaign):
    result = runner.invoke(args=["campaigns", "link", "cesis-2026"])
    with app.app_context():
        link = db.session.scalars(select(RespondentLink)).one()
        assert public_url(link) == result.output.strip()


def test_a_token_finds_its_link_and_nothing_else_does(app, token):
    with app.app_context():
        assert find_link(token).id == the_link(app).id
        assert find_link(token.upper()).id == the_link(app).id  # typed from a leaflet
        assert find_link(token[:-1] + ("a" if token[-1] != "a" else "b")) is None
        assert find_link("short") is None


def test_another_secret_key_makes_other_tokens(app, token):
    app.config["SECRET_KEY"] = "another-secret"
    with app.app_context():
        link = db.session.scalars(select(RespondentLink)).one()
        assert public_url(link) is None  # cannot be shown, rather than shown wrong
        assert find_link(token) is not None  # printed leaflets still work


def test_making_a_link_on_the_command_line_is_audited(app, token):
    with app.app_context():
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "link.create")
        ).one()
        assert (event.actor, event.user_id) == ("command line", None)
        assert event.target == f"link {the_link(app).id}"
        assert event.details == {"label": "leaflet"}
