"""Campaigns: create, close, and watch progress."""

from flask import Blueprint, abort

from collector.auth.access import coordinator_required

bp = Blueprint("campaigns", __name__, template_folder="templates")


@bp.get("/campaigns")
@coordinator_required
def index():
    abort(404)  # placeholder until the page is built
