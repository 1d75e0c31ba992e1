"""The coordinator's pages for respondent links: list, make, close, QR code and leaflet."""

from typing import Any

from flask import Response, abort, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from collector.auth.access import coordinator_required
from collector.auth.session import current_user
from collector.campaigns.links import LinkProblem, close_link, create_link, public_url
from collector.campaigns.lookup import campaign_or_404
from collector.campaigns.models import Campaign, RespondentLink
from collector.clock import local_datetime
from collector.extensions import db
from collector.i18n import in_language
from collector.respondents.blueprint import bp
from collector.respondents.forms import CloseLinkForm, NewLinkForm
from collector.respondents.qr import qr_svg
from collector.schema.versions import find_version

# A page or picture with a working link on it is a key: no cache, proxy or back button
# should keep a copy.
NO_STORE = {"Cache-Control": "no-store"}


@bp.get("/campaigns/<slug>/links")
@coordinator_required
def links(slug: str):
    campaign = campaign_or_404(slug)
    return _links_page(campaign, NewLinkForm())


@bp.post("/campaigns/<slug>/links")
@coordinator_required
def create(slug: str):
    campaign = campaign_or_404(slug)
    form = NewLinkForm()
    if not form.validate():
        return _links_page(campaign, form, status=422)
    try:
        link = create_link(campaign, form.label.data or "", current_user())
    except LinkProblem as problem:
        return _links_page(campaign, form, message=str(problem), status=409)
    db.session.commit()
    return redirect(url_for("respondents.links", slug=slug, _anchor=f"link-{link.id}"))


@bp.post("/campaigns/<slug>/links/<int:link_id>/close")
@coordinator_required
def close(slug: str, link_id: int):
    link = _link(slug, link_id)
    if not CloseLinkForm().validate():
        abort(400)
    close_link(link, current_user())
    db.session.commit()
    return redirect(url_for("respondents.links", slug=slug, _anchor=f"link-{link.id}"))


@bp.get("/campaigns/<slug>/links/<int:link_id>/qr.svg")
@coordinator_required
def qr(slug: str, link_id: int):
    url = _url_or_404(_link(slug, link_id))
    return Response(qr_svg(url, title=url), mimetype="image/svg+xml", headers=NO_STORE)


@bp.get("/campaigns/<slug>/links/<int:link_id>/leaflet")
@coordinator_required
def leaflet(slug: str, link_id: int):
    link = _link(slug, link_id)
    url = _url_or_404(link)
    version = find_version(link.campaign.form.key)
    if version is None:
        abort(404)
    page = render_template(
        "respondents/leaflet.html",
        link=link,
        campaign=link.campaign,
        url=url,
        invitations=_invitations(version.schema),
    )
    return page, 200, NO_STORE


def _links_page(
    campaign: Campaign, form: NewLinkForm, message: str | None = None, status: int = 200
):
    rows = [
        {
            "link": link,
            "label": link.label or _("Link %(number)d", number=link.id),
            "created": local_datetime(link.created_at),
            "closed": local_datetime(link.closed_at),
            "url": public_url(link),
        }
        for link in campaign.links
    ]
    page = render_template(
        "respondents/links.html",
        campaign=campaign,
        rows=rows,
        form=form,
        close_form=CloseLinkForm(),
        message=message,
    )
    return page, status, NO_STORE


def _invitations(schema: dict[str, Any]) -> list[dict[str, str]]:
    """The invitation in each of the form's languages, the form's own language first."""
    invitations = []
    for language in schema["languages"]:
        with force_locale(language):
            invitations.append(
                {
                    "lang": language,
                    "title": in_language(schema["title"], language),
                    "text": _(
                        "Please answer a short survey. It is voluntary. Point your phone's "
                        "camera at the square code, or type the address below."
                    ),
                }
            )
    return invitations


def _link(slug: str, link_id: int) -> RespondentLink:
    link = db.session.get(RespondentLink, link_id)
    if link is None or link.campaign.slug != slug:
        abort(404)
    return link


def _url_or_404(link: RespondentLink) -> str:
    url = public_url(link)
    if url is None:
        abort(404)  # made under another SECRET_KEY: the address cannot be worked out
    return url
