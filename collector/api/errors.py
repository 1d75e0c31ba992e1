"""JSON error answers for API routes (HTML pages: collector.web.errors)."""

from flask import Flask, Response, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from collector.web.errors import page_for_people

API_PREFIX = "/api/"


def api_error(status: int, code: str, message: str) -> tuple[Response, int]:
    response = jsonify({"status": code, "message": message})
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="collector"'
    return response, status


def register_json_errors(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def json_for_api(error: HTTPException) -> object:
        if not request.path.startswith(API_PREFIX):
            return page_for_people(error)
        if error.code == 413:
            return api_error(
                413,
                "too_large",
                _("The request is too large. Send fewer interviews at a time."),
            )
        return api_error(error.code or 500, error.name.lower().replace(" ", "_"), error.description)
