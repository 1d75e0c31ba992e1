"""The coordinator's upload page: checks an XLSForm, shows its problems or publishes it."""

import io

from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from collector.audit.models import AuditAction, AuditEvent
from collector.extensions import db
from collector.schema.models import Form, FormVersion
from tests.conftest import csrf_token_from
from tests.xlsform.workbooks import xlsx

URL = "/forms/import-xlsform"
GOOD = xlsx(
    [["type", "name", "label"], ["deviceid", "deviceid"], ["text", "village", "Village"]],
    None,
    [["form_id", "version", "default_language"], ["uploaded", 4, "English (en)"]],
)
BAD = xlsx(
    [
        ["type", "name", "label", "relevant"],
        ["text", "a", "A"],
        ["calculate", "b", "B"],
        ["text", "c", "C", "${a} mod 2"],
    ]
)


def upload(client, content: bytes, name: str = "form.xlsx", token: str | None = None):
    if token is None:
        token = csrf_token_from(client.get(URL).get_data(as_text=True))
    fields = {"workbook": FileStorage(io.BytesIO(content), name)}
    if token:
        fields["csrf_token"] = token
    # Encoded here, in memory: werkzeug's test client puts bodies over 500 KB in a
    # temporary file it never closes, and pytest turns that ResourceWarning into an error.
    boundary, body = encode_multipart(fields)
    return client.post(URL, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def published(app) -> list[tuple[str, int]]:
    with app.app_context():
        rows = db.session.execute(select(Form.key, FormVersion.number).join(FormVersion.form))
        return sorted(tuple(row) for row in rows)


def test_a_coordinator_sees_the_upload_form(coordinator_client):
    page = coordinator_client.get(URL).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    assert 'name="workbook"' in page
    assert 'name="csrf_token"' in page


def test_uploading_a_good_xlsform_publishes_a_new_version_and_links_to_it(app, coordinator_client):
    response = upload(coordinator_client, GOOD)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "uploaded version 4 is published." in page
    assert 'href="/f/uploaded"' in page
    assert "&#39;deviceid&#39; is device metadata" in page  # what was left out is listed
    assert published(app) == [("uploaded", 4)]


def test_uploading_the_same_form_again_publishes_nothing_new(app, coordinator_client):
    upload(coordinator_client, GOOD)
    page = upload(coordinator_client, GOOD).get_data(as_text=True)
    assert "was already published with the same questions" in page
    assert published(app) == [("uploaded", 4)]


def test_changed_content_under_a_published_version_number_is_refused(app, coordinator_client):
    upload(coordinator_client, GOOD)
    changed = xlsx(
        [["type", "name", "label"], ["text", "village", "Town"]],
        None,
        [["form_id", "version", "default_language"], ["uploaded", 4, "English (en)"]],
    )
    response = upload(coordinator_client, changed)
    assert response.status_code == 422
    assert "raise &#39;version&#39; to 5" in response.get_data(as_text=True)
    assert published(app) == [("uploaded", 4)]


def test_problems_are_listed_by_sheet_row_and_column_and_nothing_is_published(
    app, coordinator_client
):
    response = upload(coordinator_client, BAD)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "sheet survey, row 3, column type: the type &#39;calculate&#39; is not supported" in page
    assert "sheet survey, row 4, column relevant: at character 6:" in page
    assert published(app) == []


def test_a_file_that_is_not_excel_is_refused_by_the_form(app, coordinator_client):
    response = upload(coordinator_client, b"not a workbook", name="form.csv")
    assert "Choose an Excel file ending in .xlsx or .xls." in response.get_data(as_text=True)
    assert published(app) == []


def test_a_file_larger_than_2_mb_is_refused(app, coordinator_client):
    response = upload(coordinator_client, b"PK\x03\x04" + b"0" * (2 * 1024 * 1024), "big.xlsx")
    assert "The file is larger than 2 MB." in response.get_data(as_text=True)
    assert published(app) == []


def test_an_upload_without_the_csrf_token_is_refused(app, coordinator_client):
    response = upload(coordinator_client, GOOD, token="")
    assert response.status_code == 400
    assert published(app) == []


def test_an_interviewer_may_not_upload(app, interviewer_client):
    assert interviewer_client.get(URL).status_code == 403
    assert published(app) == []


def test_someone_not_logged_in_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_coordinators_find_the_page_in_the_navigation(coordinator_client):
    page = coordinator_client.get("/campaigns").get_data(as_text=True)
    assert f'href="{URL}"' in page


def publishing_events(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.FORM_PUBLISH)
        )
        return [(event.actor, event.target, event.details["file"]) for event in events]


def test_publishing_by_upload_is_in_the_audit_log_once(app, coordinator_client):
    upload(coordinator_client, GOOD, name="village survey.xlsx")
    upload(coordinator_client, GOOD, name="village survey.xlsx")  # the same again: no new version

    assert publishing_events(app) == [("ilze", "uploaded v4", "village_survey.xlsx")]


def test_a_refused_upload_is_not_in_the_audit_log(app, coordinator_client):
    upload(coordinator_client, BAD)

    assert publishing_events(app) == []
