"""The coordinator's forms on the links page (CSRF-protected by Flask-WTF)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length


class NewLinkForm(FlaskForm):
    label = StringField(
        _l("Where will this link be used?"),
        description=_l("For example: leaflet at the day centre. Only you see this."),
        validators=[Length(max=120, message=_l("Write at most 120 characters."))],
    )


class CloseLinkForm(FlaskForm):
    """Only the CSRF token: closing needs nothing else."""
