"""Plain-words pages for the limits people can meet in a browser (413, 429).

Werkzeug's own pages speak of "request entities"; these say what happened and what to do.
Other errors keep Flask's pages; API routes answer in JSON (collector.api.errors).
"""

from flask import render_template
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from collector.auth.session import current_user


def page_for_people(error: HTTPException) -> HTTPException | tuple[str, int]:
    if error.code == 413:
        return _page(
            error.code,
            _("This is too much to send at once"),
            _(
                "What you sent is larger than this server takes in one go, so nothing was "
                "saved. Go back, shorten the longest text, then send again."
            ),
        )
    if error.code == 429:
        return _page(
            error.code,
            _("Please wait a little"),
            _("Too many requests came from here in a short time. Try again in a few minutes."),
        )
    return error


def _page(status: int, title: str, text: str) -> tuple[str, int]:
    page = render_template("web/problem.html", title=title, text=text, user=current_user())
    return page, status
