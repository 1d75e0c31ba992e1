"""The audit log page."""

from flask import Blueprint, abort

from collector.auth.access import coordinator_required

bp = Blueprint("audit", __name__, template_folder="templates")


@bp.get("/audit")
@coordinator_required
def index():
    abort(404)  # placeholder until the page is built
