"""`collector users ...`: create accounts and API tokens."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy import select

from collector.auth.models import Role, User
from collector.auth.passwords import create_user
from collector.auth.tokens import issue_token
from collector.extensions import db

users_cli = click.Group("users", help="Coordinator and interviewer accounts.")
DEMO_USERNAME = "demo"


@users_cli.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--password", help="Leave out to have a strong one made and printed.")
@with_appcontext
def create_command(username: str, role: str, password: str | None) -> None:
    """Create an account."""
    if db.session.scalar(select(User).where(User.username == username)):
        click.echo(_("A user named '%(name)s' already exists.", name=username), err=True)
        sys.exit(1)
    _user, password_used = create_user(username, Role(role), password)
    click.echo(_("Created %(role)s '%(name)s'.", role=role, name=username))
    if password is None:
        click.echo(_("Password: %(password)s", password=password_used))


@users_cli.command("token")
@click.argument("username")
@with_appcontext
def token_command(username: str) -> None:
    """Print a new API bearer token for USERNAME (shown only this once)."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        click.echo(
            _("There is no user named '%(name)s'. Create one first:", name=username), err=True
        )
        click.echo(f"  collector users create {username} --role interviewer", err=True)
        sys.exit(1)
    click.echo(issue_token(user))


@users_cli.command("demo")
@with_appcontext
def demo_command() -> None:
    """Make sure the demo coordinator exists, and print its login."""
    login_file = Path(current_app.instance_path) / "demo-login.txt"
    user = db.session.scalar(select(User).where(User.username == DEMO_USERNAME))
    if user is None or not login_file.exists():
        if user is not None:
            db.session.delete(user)
            db.session.commit()
        _user, password = create_user(DEMO_USERNAME, Role.COORDINATOR)
        login_file.write_text(password)
        login_file.chmod(0o600)
    login = f"{DEMO_USERNAME} / {login_file.read_text().strip()}"
    click.echo(_("Demo coordinator login: %(login)s", login=login))
