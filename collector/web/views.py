"""The start page (public by design: it shows only what the server is)."""

from flask import Blueprint, render_template

from collector.auth.access import public
from collector.schema.versions import latest_versions

bp = Blueprint("web", __name__, template_folder="templates")


@bp.get("/")
@public("the start page shows only what the server is")
def index():
    return render_template("web/index.html", versions=latest_versions())
