"""What a coordinator asks for in an export, checked against what exists."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from collector.campaigns.models import Campaign
from collector.extensions import db
from collector.schema.models import Form, FormVersion


class ExportProblem(Exception):
    """An export that cannot be made as asked; the message says why in plain words."""


@dataclass(frozen=True)
class ExportOptions:
    form: str
    campaign: str | None = None
    lang: str | None = None  # None: the form's own default language
    codes: bool = False  # codes instead of labels, in headers and in cells
    include_sensitive: bool = False


@dataclass(frozen=True)
class ResolvedExport:
    """The options with the form and campaign found and the language settled."""

    options: ExportOptions
    form_id: int
    campaign_id: int | None
    lang: str
    languages: list[str]


def resolve_options(options: ExportOptions) -> ResolvedExport:
    """Find what `options` names; ExportProblem for an unknown form, campaign or language."""
    form = db.session.scalar(select(Form).where(Form.key == options.form))
    if form is None:
        known = ", ".join(sorted(db.session.scalars(select(Form.key)))) or _("none yet")
        raise ExportProblem(
            _(
                "There is no form '%(form)s'. Published forms: %(known)s.",
                form=options.form,
                known=known,
            )
        )
    campaign_id = None
    if options.campaign:
        campaign = db.session.scalar(select(Campaign).where(Campaign.slug == options.campaign))
        if campaign is None or campaign.form_id != form.id:
            raise ExportProblem(
                _(
                    "Form '%(form)s' has no campaign '%(campaign)s'.",
                    form=options.form,
                    campaign=options.campaign,
                )
            )
        campaign_id = campaign.id
    languages = form_languages(form.id)
    lang = options.lang or languages[0]
    if lang not in languages:
        raise ExportProblem(
            _(
                "Form '%(form)s' has no language '%(lang)s'. It has: %(languages)s.",
                form=options.form,
                lang=lang,
                languages=", ".join(languages),
            )
        )
    return ResolvedExport(options, form.id, campaign_id, lang, languages)


def form_languages(form_id: int) -> list[str]:
    """The latest version's languages first (its default leads), then older versions' others."""
    schemas = db.session.scalars(
        select(FormVersion.schema)
        .where(FormVersion.form_id == form_id)
        .order_by(FormVersion.number.desc())
    )
    languages: list[str] = []
    for schema in schemas:
        languages += [lang for lang in schema["languages"] if lang not in languages]
    return languages
