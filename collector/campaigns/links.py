"""Respondent links: make, find and close them, and say their address.

A link's token is HMAC-SHA256(SECRET_KEY, nonce), so the same link prints the same URL
and QR code again, while the database keeps only the nonce and SHA-256(token): a copy of
the database alone opens no survey.
"""

import base64
import hashlib
import hmac
import logging
import secrets

from flask import current_app, has_request_context, request
from flask_babel import gettext as _
from sqlalchemy import select

from collector.audit.events import record_event
from collector.audit.models import AuditAction
from collector.auth.models import User
from collector.campaigns.models import Campaign, RespondentLink
from collector.extensions import db
from collector.types import utcnow

log = logging.getLogger(__name__)
# 128 bits cannot be guessed; lower-case base32 (a–z, 2–7) has no 0/O or 1/l to confuse
# when someone types the address from a leaflet.
TOKEN_BYTES = 16
TOKEN_LENGTH = 26
# What `make run` serves, when PUBLIC_BASE_URL is not set and there is no request to ask.
LOCAL_BASE_URL = "http://127.0.0.1:5000"


class LinkProblem(Exception):
    """A link could not be made; the message says why and what to do."""


def create_link(campaign: Campaign, label: str, user: User | None) -> RespondentLink:
    """A new open link for `campaign`, audited; the caller commits. `user` None: the CLI."""
    if not campaign.is_open:
        raise LinkProblem(
            _(
                "Campaign '%(slug)s' is closed, so it takes no new respondents. Reopen it first.",
                slug=campaign.slug,
            )
        )
    link = RespondentLink(
        campaign=campaign,
        label=label.strip()[:120],
        nonce=secrets.token_hex(32),
        created_by_id=user.id if user else None,
    )
    link.token_hash = token_hash(_token_of(link.nonce))
    db.session.add(link)
    db.session.flush()
    record_event(
        AuditAction.LINK_CREATE,
        user,
        f"link {link.id}",
        campaign=campaign,
        details={"label": link.label},
    )
    log.info("made respondent link %d for %s", link.id, campaign.slug)
    return link


def close_link(link: RespondentLink, user: User | None) -> bool:
    """Close `link` for good, audited; the caller commits. False: it was already closed."""
    if link.closed_at is not None:
        return False
    link.closed_at = utcnow()
    record_event(
        AuditAction.LINK_CLOSE,
        user,
        f"link {link.id}",
        campaign=link.campaign,
        details={"label": link.label},
    )
    log.info("closed respondent link %d of %s", link.id, link.campaign.slug)
    return True


def link_token(link: RespondentLink) -> str | None:
    """The token in the link's URL; None when SECRET_KEY changed since the link was made
    (its printed copies still work, but its address can no longer be shown)."""
    token = _token_of(link.nonce)
    return token if hmac.compare_digest(token_hash(token), link.token_hash) else None


def find_link(token: str) -> RespondentLink | None:
    """The link with this token, open or closed; None for any other text."""
    if len(token) != TOKEN_LENGTH:
        return None  # no database query for junk
    # Base32 knows no case: an address typed with capitals from a leaflet still works.
    return db.session.scalar(
        select(RespondentLink).where(RespondentLink.token_hash == token_hash(token.lower()))
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def public_url(link: RespondentLink) -> str | None:
    """The full address a respondent opens, e.g. https://collector.example.lv/s/<token>."""
    token = link_token(link)
    if token is None:
        return None
    return f"{base_url()}/s/{token}"


def base_url() -> str:
    """PUBLIC_BASE_URL, else the address this page was asked at, else `make run`'s."""
    configured = current_app.config.get("PUBLIC_BASE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.url_root.rstrip("/")
    return LOCAL_BASE_URL


def _token_of(nonce: str) -> str:
    key = current_app.config["SECRET_KEY"]
    key_bytes = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key_bytes, nonce.encode(), hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.b32encode(digest).decode().rstrip("=").lower()
