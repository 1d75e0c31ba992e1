"""Collector: versioned questionnaires, offline-first intake and Excel exports."""

import logging
import os
import secrets
import tempfile
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from collector.assets import asset_url
from collector.clock import local_datetime, local_number, local_percent
from collector.config import Config, database_url_from_environment
from collector.extensions import babel, csrf, db, limiter, migrate
from collector.forms_ui.ui_strings import ui_strings
from collector.i18n import (
    in_language,
    remember_language,
    select_locale,
    template_globals,
    text_direction,
)
from collector.security import register_security_headers


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app; the steps below are the table of contents of the whole system."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("COLLECTOR_INSTANCE_PATH") or None,
        instance_relative_config=True,
    )
    configure(app, test_config)
    trust_proxy(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    configure_logger(app)
    return app


def configure(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_object(Config)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    url = database_url_from_environment() if test_config is None else None
    app.config["SQLALCHEMY_DATABASE_URI"] = (
        app.config.get("SQLALCHEMY_DATABASE_URI")
        or url
        or "sqlite:///" + os.path.join(app.instance_path, "collector.db")
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)


def instance_secret_key(instance_path: str) -> str:
    """A key kept in the instance folder, so logins survive a restart without setup."""
    path = os.path.join(instance_path, "secret_key")
    if not os.path.exists(path):
        _write_new_key(path)
    with open(path) as key_file:
        return key_file.read().strip()


def _write_new_key(path: str) -> None:
    # gunicorn's workers may all start on a fresh folder at once. Each writes a whole key
    # to a file of its own (mode 0600) and links it to the shared name; only the first link
    # wins, and every worker then reads that one, never a half-written file.
    handle, own = tempfile.mkstemp(prefix=".secret_key.", dir=os.path.dirname(path))
    try:
        with os.fdopen(handle, "w") as out:
            out.write(secrets.token_hex(32))
        try:
            os.link(own, path)
        except FileExistsError:
            pass
    finally:
        os.remove(own)


def trust_proxy(app: Flask) -> None:
    """Behind nginx, take the client's address and https from the proxy's headers, and only
    from as many proxies as PROXY_FIX_X_FOR / _X_PROTO say: never from the client itself."""
    x_for = app.config["PROXY_FIX_X_FOR"]
    x_proto = app.config["PROXY_FIX_X_PROTO"]
    if x_for or x_proto:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=x_for, x_proto=x_proto, x_host=0)


def register_extensions(app: Flask) -> None:
    from collector import database

    import_models()
    db.init_app(app)
    database.configure_engine(app)
    migrations = os.path.join(os.path.dirname(app.root_path), "migrations")
    # Batch mode lets later migrations alter tables on SQLite, which has no ALTER COLUMN.
    migrate.init_app(app, db, directory=migrations, render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    app.context_processor(template_globals)
    app.after_request(remember_language)
    app.add_template_filter(in_language)
    app.add_template_filter(text_direction)
    app.add_template_filter(local_datetime)
    app.add_template_filter(local_number)
    app.add_template_filter(local_percent)
    app.add_template_global(asset_url)
    app.add_template_global(ui_strings)
    csrf.init_app(app)
    limiter.init_app(app)
    register_security_headers(app)


def import_models() -> None:
    """Import every models module, so Alembic and create_all see all tables."""
    import collector.audit.models
    import collector.auth.models
    import collector.campaigns.models
    import collector.debrief.models
    import collector.exports.models
    import collector.intake.models
    import collector.schema.models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from collector.api.views import bp as api_bp
    from collector.audit.views import bp as audit_bp
    from collector.auth.accounts import bp as accounts_bp
    from collector.auth.views import bp as auth_bp
    from collector.campaigns.views import bp as campaigns_bp
    from collector.debrief.views import bp as debrief_bp
    from collector.exports.views import bp as exports_bp
    from collector.forms_ui.views import bp as forms_ui_bp
    from collector.respondents.views import bp as respondents_bp
    from collector.review.views import bp as review_bp
    from collector.web.views import bp as web_bp
    from collector.xlsform.views import bp as xlsform_bp

    for blueprint in (
        accounts_bp,
        api_bp,
        audit_bp,
        auth_bp,
        campaigns_bp,
        debrief_bp,
        exports_bp,
        forms_ui_bp,
        respondents_bp,
        review_bp,
        web_bp,
        xlsform_bp,
    ):
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    from collector.api.errors import register_json_errors

    register_json_errors(app)


def register_commands(app: Flask) -> None:
    from collector.auth.cli import users_cli
    from collector.backup import db_cli_with_backup
    from collector.campaigns.cli import campaigns_cli
    from collector.exports.cli import export_command
    from collector.schema.cli import forms_cli

    app.cli.add_command(forms_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(campaigns_cli)
    app.cli.add_command(export_command)
    # Flask-Migrate's `db` group (upgrade, ...) with `collector db backup` beside it.
    app.cli.add_command(db_cli_with_backup(app.cli.commands["db"]))


def configure_logger(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
