"""Respondent links."""

from flask import Blueprint, abort

from collector.auth.access import public

bp = Blueprint("respondents", __name__, template_folder="templates")


@bp.get("/s/<token>")
@public("a respondent has no account: the unguessable link is the permission")
def index(token: str):
    abort(404)  # placeholder until the page is built
