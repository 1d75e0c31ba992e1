"""Login and logout pages (public by design: they are how people get in)."""

import logging

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.errors import RateLimitExceeded
from sqlalchemy import select

from collector.auth.access import public
from collector.auth.forms import LoginForm
from collector.auth.limits import (
    FAILED_LOGIN,
    login_address_rate_limit,
    login_rate_limit,
    seconds_until_retry,
)
from collector.auth.models import User
from collector.auth.passwords import login_allowed
from collector.auth.session import current_user, log_in, log_out, safe_next_url
from collector.extensions import db

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__, template_folder="templates")


@bp.route("/login", methods=["GET", "POST"])
@public("it is how people get in")
@login_address_rate_limit
@login_rate_limit
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.username == form.username.data))
        if login_allowed(user, form.password.data):
            log_in(user)
            log.info("%s logged in", user.username)
            return redirect(safe_next_url(request.args.get("next"), url_for("forms_ui.home")))
        error = _("The user name or password is not right. Try again.")
    status = FAILED_LOGIN if error else 200
    return render_template("auth/login.html", form=form, error=error, user=current_user()), status


@bp.errorhandler(RateLimitExceeded)
def too_many_failed_logins(error: RateLimitExceeded):
    """The login page again, saying how long to wait. The same words for every user name,
    real or not, so the lock tells nobody which names exist."""
    seconds = seconds_until_retry()
    # Flask-Limiter's reset time is rounded up a second: 61 s still reads "1 minute".
    minutes = max(1, round(seconds / 60))
    message = ngettext(
        "Too many failed logins for this user name or from this network. Wait %(num)d minute "
        "and try again. Until then even the right password is refused.",
        "Too many failed logins for this user name or from this network. Wait %(num)d minutes "
        "and try again. Until then even the right password is refused.",
        minutes,
    )
    form = LoginForm()  # the name stays filled in
    page = render_template("auth/login.html", form=form, error=message, user=current_user())
    return page, 429, {"Retry-After": str(seconds)}


@bp.post("/logout")
@public("logging out needs no role; an expired session may still press the button")
def logout():
    # CSRFProtect has checked the token before we get here: no one logs you out from afar.
    log_out()
    return redirect(url_for("auth.login"))
