"""The upload form (CSRF-protected by Flask-WTF), with errors in a coordinator's words."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize

# Real questionnaires are tens of kilobytes; this also bounds the work of opening one.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class XLSFormUploadForm(FlaskForm):
    workbook = FileField(
        _l("XLSForm file (.xlsx or .xls)"),
        description=_l(
            "The Excel questionnaire of ODK, KoboToolbox or SurveyCTO, with the sheets "
            "survey, choices and settings."
        ),
        validators=[
            FileRequired(_l("Choose a file to upload.")),
            FileAllowed(["xlsx", "xls"], _l("Choose an Excel file ending in .xlsx or .xls.")),
            FileSize(MAX_UPLOAD_BYTES, message=_l("The file is larger than 2 MB.")),
        ],
    )
