"""The campaign forms (CSRF-protected by Flask-WTF); errors in words a coordinator uses."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from collector.campaigns.operations import dates_problem, slug_problem

MAX_TARGET = 1_000_000


def _stripped(text: str | None) -> str | None:
    return text.strip() if text else text


class DayField(DateField):
    """A day as the browser's date picker sends it (2026-05-12), with a plain-word error."""

    def process_formdata(self, valuelist: list[str]) -> None:
        text = " ".join(valuelist).strip() if valuelist else ""
        if not text:
            self.data = None
            return
        try:
            self.data = datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError:
            self.data = None
            raise ValueError(_l("Write the day as year-month-day, like 2026-05-12.")) from None


class CountField(IntegerField):
    def process_formdata(self, valuelist: list[str]) -> None:
        text = valuelist[0].strip() if valuelist else ""
        if not text:
            self.data = None
            return
        try:
            self.data = int(text)
        except ValueError:
            self.data = None
            raise ValueError(_l("Write a whole number, like 45.")) from None


class CheckboxesField(SelectMultipleField):
    """One checkbox per choice: easier than a multiple select on a phone or a laptop."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CampaignSettingsForm(FlaskForm):
    """What can be changed while a campaign runs."""

    title = StringField(
        _l("Title"),
        description=_l("A name people recognise, like “Cēsis, May 2026”."),
        validators=[DataRequired(_l("Write a title.")), Length(max=200)],
        filters=[_stripped],
    )
    starts_on = DayField(_l("First day"), validators=[Optional()])
    ends_on = DayField(_l("Last day"), validators=[Optional()])
    target = CountField(
        _l("Target number of interviews"),
        validators=[
            Optional(),
            NumberRange(
                min=1, max=MAX_TARGET, message=_l("The target is a whole number, 1 or more.")
            ),
        ],
    )
    interviewers = CheckboxesField(_l("Interviewers"), choices=[], validate_choice=True)

    def validate_ends_on(self, field: DayField) -> None:
        problem = dates_problem(self.starts_on.data, field.data)
        if problem:
            raise ValidationError(problem)


class NewCampaignForm(CampaignSettingsForm):
    """A new campaign: also its id and its form, which never change afterwards."""

    slug = StringField(
        _l("Campaign id"),
        description=_l(
            "Used in addresses and in Excel. Small Latin letters, digits and dashes, "
            "like cesis-2026. It cannot be changed later."
        ),
        validators=[DataRequired(_l("Write an id for the campaign.")), Length(max=80)],
        filters=[_stripped],
        render_kw={"autocapitalize": "none", "spellcheck": "false"},
    )
    form_key = SelectField(_l("Form"), choices=[], validators=[DataRequired(_l("Choose a form."))])

    def validate_slug(self, field: StringField) -> None:
        problem = slug_problem(field.data)
        if problem:
            raise ValidationError(problem)
