"""The release and discard forms of a quarantine item (plain HTML forms with CSRF)."""

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from collector.campaigns.models import Campaign, RespondentLink
from collector.extensions import db
from collector.intake.models import QuarantineItem
from collector.review.operations import Fixes
from collector.schema.models import Form, FormVersion

# A choice that leaves the field as the phone sent it. Campaign slugs start with a letter
# or digit and versions are numbers, so this value cannot be mistaken for either.
AS_SENT = "_as_sent"
MAX_REASON_LENGTH = 2000
Choices = list[tuple[str, str]]


class ReleaseForm(FlaskForm):
    version = SelectField(_l("Form version"), choices=[])
    campaign = SelectField(_l("Campaign"), choices=[])
    payload_json = TextAreaField(_l("The interview as JSON (advanced)"))
    release = SubmitField(_l("Check and release"))
    as_new = SubmitField(_l("Release as a separate interview"))

    def fixes(self) -> Fixes:
        """What was chosen, as the release operation takes it."""
        version = self.version.data if "version" in self else AS_SENT
        campaign = self.campaign.data if "campaign" in self else AS_SENT
        return Fixes(
            payload_text=self.payload_json.data or None,
            version=None if version == AS_SENT else int(version),
            change_campaign=campaign != AS_SENT,
            campaign=None if campaign == AS_SENT else campaign or None,
            as_new=bool(self.as_new.data),
        )


class DiscardForm(FlaskForm):
    reason = TextAreaField(
        _l("Why is it discarded?"),
        validators=[
            DataRequired(_l("Write why this is discarded: the reason is kept with it.")),
            Length(max=MAX_REASON_LENGTH),
        ],
    )
    discard = SubmitField(_l("Discard"))


def release_form(item: QuarantineItem, payload_text: str) -> ReleaseForm:
    """The form with the versions and campaigns of the payload's form to choose from,
    each set to what was sent (also when a post leaves one out); without a known form
    there is only the text to edit."""
    payload = item.payload if isinstance(item.payload, dict) else {}
    form_key = payload.get("form")
    found = (
        db.session.scalar(select(Form).where(Form.key == form_key))
        if isinstance(form_key, str)
        else None
    )
    if found is None:
        form = ReleaseForm(data={"payload_json": payload_text})
        del form.version
        del form.campaign
        return form
    versions, version = _version_choices(found, payload.get("version"))
    campaigns, campaign = _campaign_choices(found, item, payload.get("campaign"))
    form = ReleaseForm(
        data={"payload_json": payload_text, "version": version, "campaign": campaign}
    )
    form.version.choices = versions
    form.campaign.choices = campaigns
    return form


def _version_choices(found: Form, sent: Any) -> tuple[Choices, str]:
    """The form's published versions, and the one to start with."""
    numbers = db.session.scalars(
        select(FormVersion.number)
        .where(FormVersion.form_id == found.id)
        .order_by(FormVersion.number)
    ).all()
    choices = [(str(number), _("Version %(number)d", number=number)) for number in numbers]
    if isinstance(sent, int) and not isinstance(sent, bool) and sent in numbers:
        return choices, str(sent)
    return [(AS_SENT, _as_sent_label(sent, _("not published"))), *choices], AS_SENT


def _campaign_choices(found: Form, item: QuarantineItem, sent: Any) -> tuple[Choices, str]:
    """The form's campaigns (or none), and the one to start with."""
    if item.respondent_link_id is not None:
        # A respondent link collects for its own campaign only.
        link = db.session.get(RespondentLink, item.respondent_link_id)
        campaigns = [link.campaign] if link is not None else []
        choices = []
    else:
        campaigns = db.session.scalars(
            select(Campaign).where(Campaign.form_id == found.id).order_by(Campaign.slug)
        ).all()
        choices = [("", _("No campaign"))]
    choices += [(c.slug, f"{c.title} ({c.slug})") for c in campaigns]
    offered = {value for value, _label in choices}
    if (sent is None or isinstance(sent, str)) and (sent or "") in offered:
        return choices, sent or ""
    as_sent = (AS_SENT, _as_sent_label(sent, _("not a campaign of this form")))
    return [as_sent, *choices], AS_SENT


def _as_sent_label(sent: Any, problem: str) -> str:
    if sent is None:
        return _("As sent: none")
    return _("As sent: %(value)s (%(problem)s)", value=sent, problem=problem)
