"""`collector users` and `collector campaigns`: accounts, tokens, campaigns."""

from sqlalchemy import select

from collector.auth.models import ApiToken, User
from collector.auth.passwords import password_matches
from collector.auth.tokens import hash_token, user_for_token
from collector.campaigns.models import Campaign
from collector.extensions import db


def test_users_create_stores_a_hashed_password(app, runner):
    result = runner.invoke(
        args=["users", "create", "anna", "--role", "interviewer", "--password", "s3cret-pw"]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "anna"))
        assert user.role == "interviewer"
        assert "s3cret-pw" not in user.password_hash
        assert password_matches(user, "s3cret-pw")


def test_users_create_without_password_prints_a_generated_one(app, runner):
    result = runner.invoke(args=["users", "create", "ilze", "--role", "coordinator"])
    password = result.output.split("Password: ")[1].strip()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "ilze"))
        assert password_matches(user, password)


def test_users_create_refuses_a_taken_name(runner):
    runner.invoke(args=["users", "create", "anna", "--role", "interviewer"])
    result = runner.invoke(args=["users", "create", "anna", "--role", "coordinator"])
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_users_create_refuses_an_unknown_role(runner):
    result = runner.invoke(args=["users", "create", "anna", "--role", "admin"])
    assert result.exit_code != 0
    assert "coordinator" in result.output


def test_users_token_is_stored_only_as_its_hash(app, runner):
    runner.invoke(args=["users", "create", "anna", "--role", "interviewer"])
    result = runner.invoke(args=["users", "token", "anna"])
    assert result.exit_code == 0
    token = result.output.strip()
    with app.app_context():
        [stored] = db.session.scalars(select(ApiToken)).all()
        assert stored.token_hash == hash_token(token)
        assert token not in stored.token_hash
        assert user_for_token(token).username == "anna"


def test_users_token_for_unknown_user_fails_with_advice(runner):
    result = runner.invoke(args=["users", "token", "nobody"])
    assert result.exit_code == 1
    assert "collector users create nobody" in result.output


def test_users_demo_prints_the_same_working_login_each_time(app, runner):
    first = runner.invoke(args=["users", "demo"]).output
    second = runner.invoke(args=["users", "demo"]).output
    assert first == second
    password = first.strip().rsplit(" / ", 1)[1]
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "demo"))
        assert user.role == "coordinator"
        assert password_matches(user, password)


def test_campaigns_create_links_form_and_interviewers(app, runner, published_forms):
    runner.invoke(args=["users", "create", "anna", "--role", "interviewer"])
    result = runner.invoke(
        args=[
            "campaigns",
            "create",
            "cesis-2026",
            "--form",
            "kitchen-talk",
            "--title",
            "Cēsis, May 2026",
            "--target",
            "45",
            "--interviewer",
            "anna",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        campaign = db.session.scalar(select(Campaign))
        assert (campaign.slug, campaign.title, campaign.target) == (
            "cesis-2026",
            "Cēsis, May 2026",
            45,
        )
        assert campaign.form.key == "kitchen-talk"
        assert [u.username for u in campaign.interviewers] == ["anna"]


def test_campaigns_create_for_an_unpublished_form_fails_with_advice(runner):
    result = runner.invoke(args=["campaigns", "create", "x-2026", "--form", "kitchen-talk"])
    assert result.exit_code == 1
    assert "collector forms import" in result.output


def test_campaigns_create_with_an_unknown_interviewer_fails(runner, published_forms):
    result = runner.invoke(
        args=["campaigns", "create", "x-2026", "--form", "kitchen-talk", "--interviewer", "ghost"]
    )
    assert result.exit_code == 1
    assert "ghost" in result.output


def test_campaigns_create_refuses_a_bad_slug_and_a_taken_one(runner, published_forms):
    assert (
        runner.invoke(
            args=["campaigns", "create", "Cēsis 2026", "--form", "kitchen-talk"]
        ).exit_code
        == 1
    )
    runner.invoke(args=["campaigns", "create", "cesis", "--form", "kitchen-talk"])
    result = runner.invoke(args=["campaigns", "create", "cesis", "--form", "kitchen-talk"])
    assert result.exit_code == 1
    assert "already exists" in result.output
