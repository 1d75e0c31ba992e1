"""The coordinator's page to upload an XLSForm: it is checked, then published as a version."""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from werkzeug.utils import secure_filename

from collector.audit.events import record_event
from collector.audit.models import AuditAction
from collector.auth.access import coordinator_required
from collector.auth.session import current_user
from collector.extensions import db
from collector.schema.versions import VersionConflict, publish_version
from collector.xlsform.errors import XLSFormInvalid
from collector.xlsform.importing import import_xlsform
from collector.xlsform.upload_form import XLSFormUploadForm

bp = Blueprint("xlsform", __name__, template_folder="templates")


@bp.route("/forms/import-xlsform", methods=["GET", "POST"])
@coordinator_required
def upload():
    form = XLSFormUploadForm()
    result: dict = {}
    if form.validate_on_submit():
        result = _import(form.workbook.data)
    return render_template("xlsform/upload.html", form=form, user=current_user(), **result), (
        422 if result.get("problems") else 200
    )


def _import(upload) -> dict:
    filename = secure_filename(upload.filename or "") or "upload.xlsx"
    try:
        imported = import_xlsform(upload.read(), filename, filename)
    except XLSFormInvalid as invalid:
        return {"problems": [str(problem) for problem in invalid.problems]}
    try:
        outcome = publish_version(imported.loaded)
    except VersionConflict as conflict:
        db.session.rollback()
        return {"problems": [str(conflict)], "warnings": [str(w) for w in imported.warnings]}
    if outcome.published:
        # A new version is what every phone will ask with from now on: who brought it counts.
        record_event(
            AuditAction.FORM_PUBLISH,
            current_user(),
            f"{imported.loaded.key} v{imported.loaded.version}",
            details={"from": "XLSForm", "file": filename},
        )
        db.session.commit()
    message = (
        _("%(form)s version %(version)d is published.")
        if outcome.published
        else _("%(form)s version %(version)d was already published with the same questions.")
    )
    return {
        "published": message % {"form": imported.loaded.key, "version": imported.loaded.version},
        "form_key": imported.loaded.key,
        "warnings": [str(warning) for warning in imported.warnings],
        "yaml_text": imported.yaml_text,
    }
