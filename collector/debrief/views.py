"""The evening debrief: open answers by question, and their themes."""

from flask import Blueprint, abort

from collector.auth.access import login_required

bp = Blueprint("debrief", __name__, template_folder="templates")


@bp.get("/debrief")
@login_required
def index():
    abort(404)  # placeholder until the page is built
