"""Quarantine review pages."""

from flask import Blueprint, abort

from collector.auth.access import coordinator_required

bp = Blueprint("review", __name__, template_folder="templates")


@bp.get("/quarantine")
@coordinator_required
def index():
    abort(404)  # placeholder until the page is built
