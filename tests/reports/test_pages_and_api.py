"""The report through the staff pages, the API and the public portal."""

import pytest
from django.urls import reverse

from reports.choices import RunStatus
from reports.models import ReportRun
from tests.factories import ReportRunFactory

from .conftest import YEAR


@pytest.fixture
def client_as(client, user_for_role):
    def make(role):
        user = user_for_role(role)
        if user is not None:
            client.force_login(user)
        return client

    return make


def test_an_editor_starts_a_report_from_the_staff_page(
    known_year, client_as, django_capture_on_commit_callbacks
):
    client = client_as("editor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:reportrun_list"), {"year": YEAR})
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("staff:reportrun_detail", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "Téléchargements" in page
    assert reverse("staff:reportrun_download", args=[run.pk, "pdf"]) in page
    assert client.get(reverse("staff:reportrun_download", args=[run.pk, "xlsx"])).status_code == 200


def test_a_running_report_page_polls_its_status_every_two_seconds(db, client_as):
    run = ReportRunFactory(status=RunStatus.RUNNING, progress=40, progress_message="Counting")
    client = client_as("viewer")
    page = client.get(reverse("staff:reportrun_detail", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "<script>" not in page.split("htmx")[0]
    fragment = client.get(
        reverse("staff:reportrun_detail", args=[run.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "40 %" in fragment
    assert "Counting" in fragment
    assert "<html" not in fragment


def test_a_failed_run_shows_its_error(db, client_as):
    run = ReportRunFactory(status=RunStatus.FAILED, error="RuntimeError: pango is missing")
    page = client_as("viewer").get(reverse("staff:reportrun_detail", args=[run.pk]))
    assert "RuntimeError: pango is missing" in page.content.decode()
    assert 'hx-trigger="every 2s"' not in page.content.decode()


def test_a_viewer_sees_runs_but_may_not_start_one(db, client_as):
    client = client_as("viewer")
    assert client.get(reverse("staff:reportrun_list")).status_code == 200
    assert client.post(reverse("staff:reportrun_list"), {"year": YEAR}).status_code == 403
    assert not ReportRun.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_first(db, client_as):
    response = client_as("anonymous").get(reverse("staff:reportrun_list"))
    assert response.status_code == 302
    assert response.url == f"{reverse('staff:login')}?next={reverse('staff:reportrun_list')}"


def test_a_partner_member_is_refused_the_staff_pages(db, client_as):
    response = client_as("partner").get(reverse("staff:reportrun_list"))
    assert response.status_code == 403
    assert not ReportRun.objects.exists()


def test_the_api_answers_202_at_once_with_the_status_url(known_year, api_client_for):
    client = api_client_for("editor")
    response = client.post("/api/v1/reports/", {"year": YEAR}, format="json")
    assert response.status_code == 202
    run = ReportRun.objects.get()
    assert response.data["id"] == run.pk
    assert response.data["status"] == RunStatus.QUEUED  # on_commit never runs in this test
    assert response.data["status_url"].endswith(f"/api/v1/reports/{run.pk}/")
    assert response["Location"] == response.data["status_url"]
    assert client.get(response.data["status_url"]).data["progress"] == 0


def test_the_api_refuses_a_year_to_come_and_a_viewer(db, api_client_for):
    response = api_client_for("editor").post("/api/v1/reports/", {"year": 2999}, format="json")
    assert response.status_code == 400
    assert "year" in response.data["error"]["fields"]
    assert api_client_for("viewer").post("/api/v1/reports/", {"year": YEAR}).status_code == 403


def test_publishing_puts_the_report_on_the_public_portal(
    known_year, api_client_for, client, django_capture_on_commit_callbacks
):
    editor = api_client_for("editor")
    with django_capture_on_commit_callbacks(execute=True):
        run_id = editor.post("/api/v1/reports/", {"year": YEAR}, format="json").data["id"]
    assert client.get("/reports/2025/").status_code == 404
    assert api_client_for("anonymous").get(f"/api/v1/reports/{run_id}/").status_code == 404
    response = editor.post(f"/api/v1/reports/{run_id}/publish/", {"published": True})
    assert response.status_code == 200
    assert response.data["published"] is True
    page = client.get("/reports/2025/")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in page["Content-Security-Policy"]
    assert "Bilan annuel d&#x27;activité 2025" in b"".join(page.streaming_content).decode()
    pdf = client.get("/reports/2025/pdf/")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "2025" in client.get("/reports/").content.decode()
    anonymous = api_client_for("anonymous").get(f"/api/v1/reports/{run_id}/download/xlsx/")
    assert anonymous.status_code == 200


def test_a_viewer_may_not_publish(db, api_client_for):
    run = ReportRunFactory(status=RunStatus.DONE)
    response = api_client_for("viewer").post(f"/api/v1/reports/{run.pk}/publish/")
    assert response.status_code == 403
