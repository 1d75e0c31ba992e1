"""The coordinator's form for a new account."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from collector.auth.models import Role

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


class NewAccountForm(FlaskForm):
    username = StringField(
        _l("User name"),
        validators=[DataRequired(_l("Write a user name.")), Length(max=80)],
        description=_l("Small Latin letters, digits, dots or dashes, e.g. anna.berzina"),
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )
    role = RadioField(
        _l("Role"),
        choices=[
            SelectChoice(Role.INTERVIEWER.value, _l("Interviewer: fills forms on a phone")),
            SelectChoice(
                Role.COORDINATOR.value, _l("Coordinator: campaigns, exports and everything else")
            ),
        ],
        default=Role.INTERVIEWER.value,
    )

    def validate_username(self, field: StringField) -> None:
        field.data = (field.data or "").strip().lower()
        if not USERNAME.match(field.data):
            raise ValidationError(
                _l("Use 2 to 80 small Latin letters, digits, dots or dashes, e.g. anna.berzina.")
            )
