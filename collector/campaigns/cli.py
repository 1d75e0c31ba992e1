"""`collector campaigns ...`: open a campaign for a form."""

import sys
from datetime import datetime

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from collector.campaigns.links import LinkProblem, create_link, public_url
from collector.campaigns.lookup import find_campaign
from collector.campaigns.operations import CampaignProblem, create_campaign
from collector.extensions import db

campaigns_cli = click.Group("campaigns", help="Campaigns: a form in the field.")


@campaigns_cli.command("create")
@click.argument("slug")
@click.option("--form", "form_key", required=True, help="The form's id, e.g. kitchen-talk.")
@click.option("--title", help="A name people recognise, e.g. 'Cēsis, May 2026'.")
@click.option("--target", type=click.IntRange(min=1), help="How many interviews are planned.")
@click.option("--interviewer", "interviewers", multiple=True, help="Repeat for each one.")
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), help="First day, e.g. 2026-05-12.")
@click.option("--ends", type=click.DateTime(["%Y-%m-%d"]), help="Last day, e.g. 2026-05-14.")
@with_appcontext
def create_command(
    slug: str,
    form_key: str,
    title: str | None,
    target: int | None,
    interviewers: tuple[str, ...],
    starts: datetime | None,
    ends: datetime | None,
) -> None:
    """Open the campaign SLUG for a published form."""
    try:
        campaign = create_campaign(
            slug,
            form_key,
            title,
            target,
            list(interviewers),
            starts_on=starts.date() if starts else None,
            ends_on=ends.date() if ends else None,
        )
    except CampaignProblem as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    names = ", ".join(user.username for user in campaign.interviewers) or _("none yet")
    click.echo(
        _(
            "Opened campaign '%(slug)s' for %(form)s (interviewers: %(names)s).",
            slug=campaign.slug,
            form=form_key,
            names=names,
        )
    )


@campaigns_cli.command("link")
@click.argument("slug")
@click.option("--label", default="", help="Where the link goes, e.g. 'leaflet, day centre'.")
@with_appcontext
def link_command(slug: str, label: str) -> None:
    """Make a new respondent link for campaign SLUG and print its address (/s/<token>)."""
    campaign = find_campaign(slug)
    if campaign is None:
        click.echo(
            _("There is no campaign '%(slug)s'. See: collector campaigns create", slug=slug),
            err=True,
        )
        sys.exit(1)
    try:
        link = create_link(campaign, label, None)
    except LinkProblem as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(public_url(link))
