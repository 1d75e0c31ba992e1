"""How often one address may use one respondent link (RESPONDENT_LINK_RATE_LIMIT)."""

from flask import current_app, request
from flask_limiter.util import get_remote_address

from collector.campaigns.links import token_hash
from collector.extensions import limiter

SCOPE = "respondent-link"


def link_rate_limit_value() -> str:
    # Read per request, so a deployment (or a test) can change it without a restart.
    return current_app.config["RESPONDENT_LINK_RATE_LIMIT"]


def link_and_address() -> str:
    """Per link and address: a day centre's one Wi-Fi address does not block other links,
    and the token itself never reaches the limiter's storage."""
    token = (request.view_args or {}).get("token", "")
    return f"{token_hash(token.lower())}@{get_remote_address()}"


# One budget shared by every route of a link: a script gains nothing by switching routes.
link_rate_limit = limiter.shared_limit(
    link_rate_limit_value, scope=SCOPE, key_func=link_and_address
)
