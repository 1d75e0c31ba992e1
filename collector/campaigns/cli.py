"""`collector campaigns ...`: open a campaign for a form."""

import sys

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from collector.campaigns.operations import CampaignProblem, create_campaign

campaigns_cli = click.Group("campaigns", help="Campaigns: a form in the field.")


@campaigns_cli.command("create")
@click.argument("slug")
@click.option("--form", "form_key", required=True, help="The form's id, e.g. kitchen-talk.")
@click.option("--title", help="A name people recognise, e.g. 'Cēsis, May 2026'.")
@click.option("--target", type=click.IntRange(min=1), help="How many interviews are planned.")
@click.option("--interviewer", "interviewers", multiple=True, help="Repeat for each one.")
@with_appcontext
def create_command(
    slug: str, form_key: str, title: str | None, target: int | None, interviewers: tuple[str, ...]
) -> None:
    """Open the campaign SLUG for a published form."""
    try:
        campaign = create_campaign(slug, form_key, title, target, list(interviewers))
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
