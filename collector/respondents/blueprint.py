"""The respondents blueprint, shared by the respondent's pages and the coordinator's."""

from flask import Blueprint

bp = Blueprint("respondents", __name__, template_folder="templates")
