"""Coordinators manage accounts: a student's login for the training day, a new password
when one is forgotten, and switching an account off when the fieldwork is over."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from collector.audit.events import record_event
from collector.audit.models import AuditAction
from collector.auth.access import coordinator_required
from collector.auth.account_forms import NewAccountForm
from collector.auth.models import Role, User
from collector.auth.passwords import create_user, new_password
from collector.auth.session import current_user
from collector.extensions import db

bp = Blueprint("accounts", __name__, template_folder="templates")


@bp.get("/people")
@coordinator_required
def index():
    people = db.session.scalars(
        select(User).order_by(User.active.desc(), User.role, User.username)
    ).all()
    return render_template("auth/people.html", people=people)


@bp.route("/people/new", methods=["GET", "POST"])
@coordinator_required
def create():
    form = NewAccountForm()
    if form.validate_on_submit():
        if db.session.scalar(select(User.id).where(User.username == form.username.data)):
            form.username.errors.append(_("This user name is taken; choose another."))
        else:
            user, password = create_user(form.username.data, Role(form.role.data))
            record_event(AuditAction.USER_CREATE, current_user(), f"{user.role} {user.username}")
            db.session.commit()
            return _show_password(user, password)
    return render_template("auth/person_new.html", form=form), 422 if form.errors else 200


@bp.post("/people/<int:user_id>/password")
@coordinator_required
def reset_password(user_id: int):
    user = _person(user_id)
    password = new_password(user)
    record_event(AuditAction.USER_PASSWORD, current_user(), f"{user.role} {user.username}")
    db.session.commit()
    return _show_password(user, password)


@bp.post("/people/<int:user_id>/switch-off")
@coordinator_required
def switch_off(user_id: int):
    user = _person(user_id)
    if user.id == current_user().id:
        abort(400, _("You cannot switch off your own account."))
    user.active = False
    record_event(AuditAction.USER_SWITCH_OFF, current_user(), f"{user.role} {user.username}")
    db.session.commit()
    return redirect(url_for("accounts.index"))


@bp.post("/people/<int:user_id>/switch-on")
@coordinator_required
def switch_on(user_id: int):
    user = _person(user_id)
    user.active = True
    record_event(AuditAction.USER_SWITCH_ON, current_user(), f"{user.role} {user.username}")
    db.session.commit()
    return redirect(url_for("accounts.index"))


def _person(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


def _show_password(user: User, password: str):
    # Shown on this one response and never stored: the page says to write it down now.
    response = render_template("auth/password_shown.html", person=user, password=password)
    return response, 200, {"Cache-Control": "no-store"}
