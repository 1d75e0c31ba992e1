"""The coordinator's Excel download: at once when small, in the background when large,
for coordinators only, and every export recorded."""

import io
import os
import re
import secrets
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import func, select

from collector.auth.models import Role, User
from collector.exports import jobs
from collector.exports.models import ExportJob, ExportState
from collector.extensions import db
from collector.types import utcnow
from tests.conftest import assign_interviewer
from tests.factories import submission

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT = "/export/kitchen-talk.xlsx?campaign=cesis-2026"
WAIT_SECONDS = 60  # a bound for a build of three rows; the poll ends as soon as it is done


@pytest.fixture(autouse=True)
def _jobs_stop_before_the_database_goes(app):
    """Background builds end before the app fixture empties or drops the tables."""
    yield
    jobs.shutdown(app, wait=True)


@pytest.fixture
def store(app, field_campaign, make_api_client):
    """Store `count` valid interviews in the campaign the way phones do; their uuids."""
    phone = make_api_client("janis")
    assign_interviewer(app, field_campaign, "janis")

    def store(count: int, campaign: str | None = field_campaign) -> list[str]:
        uuids = []
        for _ in range(count):
            payload = submission(campaign=campaign)
            response = phone.submit(payload)
            assert response.status_code == 201, response.json
            uuids.append(payload["uuid"])
        return uuids

    return store


@pytest.fixture
def coordinator_token(make_api_client) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_api_client('maija', Role.COORDINATOR).token}"}


def answers_uuids(data: bytes) -> list[str]:
    """Column A of the Answers sheet below its header row: one uuid per submission."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        rows = list(book["Answers"].iter_rows(values_only=True))
    finally:
        book.close()
    return [row[0] for row in rows[1:]]  # row 1 is the header


def fetch(client, url: str, headers: dict | None = None):
    """GET a file, then close the response as a WSGI server does once it is sent."""
    with client.get(url, headers=headers) as response:
        response.get_data()
    return response


def wait_until_finished(client, status_url: str, headers: dict | None = None) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        body = client.get(status_url, headers=headers).json
        if body["state"] in (ExportState.DONE, ExportState.FAILED):
            return body
        assert time.monotonic() < deadline, f"export still {body['state']} after the wait"
        time.sleep(0.05)


def add_job(app, **values) -> str:
    """A job row as another process left it; its key."""
    with app.app_context():
        ilze = db.session.scalar(select(User).where(User.username == "ilze"))
        job = ExportJob(
            key=secrets.token_urlsafe(24),
            form_key="kitchen-talk",
            campaign_slug="cesis-2026",
            lang="lv",
            source="web",
            requested_by_id=ilze.id,
            rows_total=3,
            **values,
        )
        db.session.add(job)
        db.session.commit()
        return job.key


def count_jobs(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ExportJob))


# -- who may export -------------------------------------------------------------------


def test_no_login_redirects_to_login(client, published_forms):
    response = client.get("/export/kitchen-talk.xlsx")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/export/kitchen-talk.xlsx")


def test_bearer_without_token_gets_401(client, published_forms):
    response = client.get("/export/kitchen-talk.xlsx", headers={"Authorization": "Bearer "})
    assert response.status_code == 401


def test_bearer_with_wrong_token_gets_401(client, published_forms):
    response = client.get("/export/kitchen-talk.xlsx", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


def test_script_asking_for_json_without_login_gets_401(client, published_forms):
    response = client.get("/export/kitchen-talk.xlsx", headers={"Accept": "application/json"})
    assert response.status_code == 401


def test_interviewer_gets_403(interviewer_client, published_forms):
    assert interviewer_client.get("/export/kitchen-talk.xlsx").status_code == 403


def test_interviewer_with_token_gets_403(client, published_forms, make_api_client):
    token = make_api_client("peteris").token
    response = client.get("/export/kitchen-talk.xlsx", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


def test_interviewer_cannot_see_the_export_page(interviewer_client):
    assert interviewer_client.get("/exports").status_code == 403


# -- options --------------------------------------------------------------------------


def test_unknown_form_is_404_with_the_reason(coordinator_client, published_forms):
    response = coordinator_client.get("/export/no-such-form.xlsx")
    assert response.status_code == 404
    assert "no-such-form" in response.get_data(as_text=True)


def test_unknown_campaign_is_404(coordinator_client, published_forms):
    response = coordinator_client.get("/export/kitchen-talk.xlsx?campaign=nowhere")
    assert response.status_code == 404
    assert "nowhere" in response.get_data(as_text=True)


def test_campaign_of_another_form_is_404(coordinator_client, field_campaign):
    response = coordinator_client.get(f"/export/client-satisfaction.xlsx?campaign={field_campaign}")
    assert response.status_code == 404


def test_bad_language_is_400(coordinator_client, published_forms):
    response = coordinator_client.get("/export/kitchen-talk.xlsx?lang=xx")
    assert response.status_code == 400
    assert "lv, en, ru" in response.get_data(as_text=True)


def test_bad_language_is_400_in_json_for_a_script(client, published_forms, coordinator_token):
    response = client.get("/export/kitchen-talk.xlsx?lang=xx", headers=coordinator_token)
    assert response.status_code == 400
    assert "xx" in response.json["message"]


# -- at once --------------------------------------------------------------------------


def test_small_export_comes_at_once_with_every_submission(coordinator_client, store):
    uuids = store(3)
    response = fetch(coordinator_client, EXPORT)
    assert response.status_code == 200
    assert response.mimetype == XLSX
    today = datetime.now(ZoneInfo("Europe/Riga")).date().isoformat()
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=kitchen-talk-cesis-2026-{today}.xlsx"
    assert sorted(answers_uuids(response.data)) == sorted(uuids)


def test_small_export_is_not_kept_in_any_cache(coordinator_client, store):
    store(1)
    assert fetch(coordinator_client, EXPORT).headers["Cache-Control"] == "no-store"


def test_coordinator_token_gets_the_workbook(client, store, coordinator_token):
    uuids = store(2)
    response = fetch(client, EXPORT, headers=coordinator_token)
    assert response.status_code == 200
    assert sorted(answers_uuids(response.data)) == sorted(uuids)


def test_export_is_recorded_with_sensitive_flag(app, coordinator_client, store):
    store(1)
    assert fetch(coordinator_client, EXPORT + "&sensitive=1&codes=1").status_code == 200
    with app.app_context():
        job = db.session.scalar(select(ExportJob))
        assert job.include_sensitive is True
        assert job.codes is True
        assert job.requested_by.username == "ilze"
        assert (job.source, job.state, job.rows_done) == ("web", ExportState.DONE, 1)


def test_export_without_sensitive_flag_is_recorded_as_such(app, coordinator_client, store):
    store(1)
    fetch(coordinator_client, EXPORT)
    with app.app_context():
        assert db.session.scalar(select(ExportJob.include_sensitive)) is False


# -- in the background ----------------------------------------------------------------


def test_large_export_is_built_in_background_and_downloadable(app, coordinator_client, store):
    app.config["EXPORT_INLINE_LIMIT"] = 2
    uuids = store(3)
    response = coordinator_client.get(EXPORT)
    assert response.status_code == 303
    page_url = response.headers["Location"]
    assert re.fullmatch(r"/exports/[\w-]{32}", page_url)
    assert "<progress" in coordinator_client.get(page_url).get_data(as_text=True)

    status = wait_until_finished(coordinator_client, page_url + ".json")
    assert status["state"] == ExportState.DONE, status
    assert (status["rows_done"], status["rows_total"]) == (3, 3)
    download = fetch(coordinator_client, status["download_url"])
    assert download.status_code == 200
    assert download.mimetype == XLSX
    assert download.headers["Content-Disposition"].startswith(
        "attachment; filename=kitchen-talk-cesis-2026-"
    )
    assert sorted(answers_uuids(download.data)) == sorted(uuids)


def test_finished_page_offers_the_download_and_stops_refreshing(app, coordinator_client, store):
    app.config["EXPORT_INLINE_LIMIT"] = 2
    store(3)
    page_url = coordinator_client.get(EXPORT).headers["Location"]
    wait_until_finished(coordinator_client, page_url + ".json")
    response = coordinator_client.get(page_url)
    page = response.get_data(as_text=True)
    assert f'href="{page_url}/download"' in page
    assert 'http-equiv="refresh"' not in page
    assert "Refresh" not in response.headers


def test_background_build_leaves_only_the_finished_file(app, coordinator_client, store):
    app.config["EXPORT_INLINE_LIMIT"] = 2
    store(3)
    key = coordinator_client.get(EXPORT).headers["Location"].rsplit("/", 1)[1]
    wait_until_finished(coordinator_client, f"/exports/{key}.json")
    with app.app_context():
        assert os.listdir(jobs.export_folder()) == [f"{key}.xlsx"]


def test_bearer_client_gets_202_with_where_to_poll_and_fetch(app, client, store, coordinator_token):
    app.config["EXPORT_INLINE_LIMIT"] = 2
    uuids = store(3)
    response = client.get(EXPORT, headers=coordinator_token)
    assert response.status_code == 202
    assert set(response.json) == {"state", "progress_url", "download_url"}
    assert response.headers["Location"] == response.json["progress_url"]
    status = wait_until_finished(client, response.json["progress_url"], coordinator_token)
    assert status["download_url"] == response.json["download_url"]
    download = fetch(client, status["download_url"], headers=coordinator_token)
    assert sorted(answers_uuids(download.data)) == sorted(uuids)


def test_identical_request_reuses_running_job(app, coordinator_client, store):
    app.config["EXPORT_INLINE_LIMIT"] = 2
    store(3)
    now = utcnow()
    key = add_job(app, state=ExportState.RUNNING, started_at=now, heartbeat_at=now)
    response = coordinator_client.get(EXPORT + "&lang=lv")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/exports/{key}"
    assert count_jobs(app) == 1


def test_other_options_start_their_own_job(app, coordinator_client, store):
    app.config["EXPORT_INLINE_LIMIT"] = 2
    store(3)
    now = utcnow()
    key = add_job(app, state=ExportState.RUNNING, started_at=now, heartbeat_at=now)
    response = coordinator_client.get(EXPORT + "&lang=lv&codes=1")
    assert response.headers["Location"] != f"/exports/{key}"
    assert count_jobs(app) == 2


def test_job_whose_heartbeat_stopped_shows_as_failed(app, coordinator_client, published_forms):
    long_ago = utcnow() - timedelta(minutes=5)
    key = add_job(app, state=ExportState.RUNNING, started_at=long_ago, heartbeat_at=long_ago)
    status = coordinator_client.get(f"/exports/{key}.json").json
    assert status["state"] == ExportState.FAILED
    assert "server stopped" in status["error"]
    page = coordinator_client.get(f"/exports/{key}").get_data(as_text=True)
    assert "server stopped" in page
    assert 'href="/export/kitchen-talk.xlsx?campaign=cesis-2026&amp;lang=lv"' in page


def test_job_that_cannot_be_built_fails_with_the_reason(app, coordinator_client, published_forms):
    key = add_job(app, state=ExportState.QUEUED, heartbeat_at=utcnow())  # no such campaign
    with app.app_context():
        jobs.build_job(key)
    status = coordinator_client.get(f"/exports/{key}.json").json
    assert status["state"] == ExportState.FAILED
    assert "cesis-2026" in status["error"]
    assert status["download_url"] is None


def test_progress_page_refreshes_itself_without_scripts(app, coordinator_client, published_forms):
    now = utcnow()
    key = add_job(app, state=ExportState.RUNNING, heartbeat_at=now, rows_done=1)
    response = coordinator_client.get(f"/exports/{key}")
    page = response.get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress id="export-progress" value="1" max="3">' in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert all("src=" in tag or 'type="application/json"' in tag for tag in scripts)


def test_unknown_job_is_404(coordinator_client):
    assert coordinator_client.get("/exports/no-such-key").status_code == 404
    assert coordinator_client.get("/exports/no-such-key.json").status_code == 404


def test_download_of_unfinished_job_is_404(app, coordinator_client, published_forms):
    key = add_job(app, state=ExportState.RUNNING, heartbeat_at=utcnow())
    assert coordinator_client.get(f"/exports/{key}/download").status_code == 404


def test_old_export_files_are_removed_when_a_new_job_starts(app, coordinator_client, store):
    app.config["EXPORT_INLINE_LIMIT"] = 2
    store(3)
    with app.app_context():
        folder = jobs.export_folder()
    old, recent = folder / "old.xlsx", folder / "recent.xlsx"
    for path in (old, recent):
        path.write_bytes(b"")
    day_and_more = time.time() - 25 * 3600
    os.utime(old, (day_and_more, day_and_more))
    coordinator_client.get(EXPORT)
    assert not old.exists()
    assert recent.exists()


# -- the export page ------------------------------------------------------------------


def test_export_page_offers_every_published_form(coordinator_client, field_campaign):
    page = coordinator_client.get("/exports").get_data(as_text=True)
    for form in ("kitchen-talk", "client-satisfaction", "microproject-feedback"):
        assert f'action="/export/{form}.xlsx"' in page
    assert '<option value="cesis-2026">' in page
    assert '<option value="ru" lang="ru">RU</option>' in page
    assert 'name="codes" value="1"' in page
    assert 'name="sensitive" value="1"' in page


def test_export_page_lists_the_latest_exports(coordinator_client, store):
    store(1)
    fetch(coordinator_client, EXPORT + "&sensitive=1")
    page = coordinator_client.get("/exports").get_data(as_text=True)
    assert "ilze" in page
    assert "with sensitive answers" in page
    assert 'data-state="done"' in page


def test_coordinators_start_page_links_to_exports(coordinator_client):
    assert 'href="/exports"' in coordinator_client.get("/app").get_data(as_text=True)


def test_interviewers_start_page_has_no_export_link(interviewer_client):
    assert 'href="/exports"' not in interviewer_client.get("/app").get_data(as_text=True)
