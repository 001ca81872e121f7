"""The staff upload → preview → confirm flow, the API, the report CSV and who may import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Partnership
from transfers.models import ImportJob

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db

ROWS = [
    ["Ville 1", "Ville 2", "Pays", "Type"],
    ["Frankfurt am Main", "Lyon", "Allemagne", "jumelage"],
    ["Lyon", "Birmingham", "UK", "friendship"],
]
BAD = [*ROWS, ["Lyon", "Atlantis", "Atlantide", "twinning"]]


def upload(rows, name="partnerships.csv"):
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


def mapping_data(page, **changes):
    """What the mapping step posts when the user keeps its choices (and makes ``changes``)."""
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return {name: value for name, value in data.items() if value not in (False, None)}


def upload_and_map(client, rows, capture, name="partnerships.csv", kind="partnerships", **changes):
    """Upload on the staff page, then check with the mapping step's choices."""
    response = client.post(reverse("staff:import_list"), {"kind": kind, "file": upload(rows, name)})
    job = ImportJob.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:import_mapping", args=[job.pk])
    assert job.status == "mapping"
    page = client.get(response["Location"])
    assert page.status_code == 200
    with capture(execute=True):
        response = client.post(response["Location"], mapping_data(page, **changes))
    assert response.status_code == 302, response.context["form"].errors
    job.refresh_from_db()
    return job


def test_staff_preview_then_confirm(client, lyon, editor, django_capture_on_commit_callbacks):
    client.force_login(editor)
    assert client.get(reverse("staff:import_list")).status_code == 200
    job = upload_and_map(client, ROWS, django_capture_on_commit_callbacks)
    assert (job.status, job.created_count, job.rejected_count) == ("previewed", 2, 0)
    assert not Partnership.objects.exists()
    page = client.get(reverse("staff:import_detail", args=[job.pk]))
    assert "Birmingham" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("done", 2)
    assert Partnership.objects.filter(local_government=lyon).count() == 2


def test_staff_report_csv_names_the_bad_line(
    client, lyon, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    job = upload_and_map(client, BAD, django_capture_on_commit_callbacks)
    assert job.status == "rejected"
    assert not job.can_confirm
    response = client.get(reverse("staff:import_report", args=[job.pk]))
    body = b"".join(response.streaming_content).decode()
    assert "4,rejected,,Pays,Atlantide" in body


def post_import(client, path, data, *, expect):
    """POST an import or its confirmation, and check the one answer the caller expects."""
    response = client.post(path, data, format="multipart")
    assert response.status_code == expect, response.content
    assert response["Location"] == response.json()["status_url"]
    return response


def post_and_poll(client, path, data, capture):
    """POST an import inside the test's transaction: the job is queued (202) and runs once
    the transaction's callbacks are released; then read it as a client polling
    ``status_url`` would (200)."""
    with capture(execute=True):
        response = post_import(client, path, data, expect=202)
    polled = client.get(response["Location"])
    assert polled.status_code == 200, polled.content
    return polled


# Outside a test's transaction the queued job runs before the answer is sent, as it does in
# the portal with in-process tasks: the answer's status then tells what happened.
answered_after_the_job = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@answered_after_the_job
def test_api_dry_run_answers_200_then_confirm_answers_201(api_client_for, lyon):
    client = api_client_for("editor")
    response = post_import(
        client,
        "/api/v1/imports/?dry_run=true",
        {"kind": "partnerships", "file": upload(ROWS)},
        expect=200,
    )
    data = response.json()
    assert data["status"] == "previewed"
    assert data["dry_run"] is True
    assert [row["outcome"] for row in data["rows"]] == ["created", "created"]
    assert not Partnership.objects.exists()
    confirmed = post_import(client, f"/api/v1/imports/{data['id']}/confirm/", {}, expect=201)
    assert confirmed.json()["status"] == "done"
    assert confirmed.json()["created_count"] == 2
    assert Partnership.objects.count() == 2


@answered_after_the_job
def test_api_rejects_a_bad_file_with_400_and_the_report(api_client_for, lyon):
    client = api_client_for("editor")
    response = post_import(
        client, "/api/v1/imports/", {"kind": "partnerships", "file": upload(BAD)}, expect=400
    )
    assert response.json()["status"] == "rejected"
    errors = [e for row in response.json()["rows"] for e in row.get("errors", [])]
    assert errors == [
        {
            "line": 4,
            "column": "Pays",
            "value": "Atlantide",
            "reason": "Pays inconnu « Atlantide ».",
        }
    ]
    assert not Partnership.objects.exists()
    report = client.get(f"/api/v1/imports/{response.json()['id']}/report.csv")
    assert report.status_code == 200


def test_api_answers_202_while_the_job_runs_and_its_status_url_tells_the_outcome(
    api_client_for, lyon, django_capture_on_commit_callbacks
):
    # Inside the test's transaction the job is queued until the callbacks are released,
    # after the answer: a client polls the status URL, as it would for a large file.
    client = api_client_for("editor")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_import(
            client,
            "/api/v1/imports/?dry_run=true",
            {"kind": "partnerships", "file": upload(ROWS)},
            expect=202,
        )
    assert response.json()["status"] == "queued"
    polled = client.get(response["Location"])
    assert polled.status_code == 200
    assert polled.json()["status"] == "previewed"
    assert not Partnership.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "partner"])
def test_a_viewer_or_partner_cannot_import(client, api_client_for, user_for_role, role):
    response = api_client_for(role).post(
        "/api/v1/imports/", {"kind": "partnerships", "file": upload(ROWS)}, format="multipart"
    )
    assert response.status_code == 403
    client.force_login(user_for_role(role))
    assert client.get(reverse("staff:import_list")).status_code == 403
    assert (
        client.post(
            reverse("staff:import_list"), {"kind": "partnerships", "file": upload(ROWS)}
        ).status_code
        == 403
    )
    assert not ImportJob.objects.exists()


def test_only_administrators_download_the_archive(client, administrator, editor):
    client.force_login(editor)
    assert client.get(reverse("staff:archive")).status_code == 403
    client.force_login(administrator)
    assert client.get(reverse("staff:archive")).status_code == 200
    response = client.post(reverse("staff:archive_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="archive-')


def test_the_admin_lists_imports_with_a_link_to_the_upload(client, administrator):
    client.force_login(administrator)
    response = client.get("/admin/transfers/importjob/")
    assert response.status_code == 200
    assert reverse("staff:import_list") in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_the_api_answers_with_the_finished_preview(api_client_for):
    from tests.factories import LocalGovernmentFactory

    LocalGovernmentFactory(name="Ville de Lyon", is_default=True)
    response = api_client_for("editor").post(
        "/api/v1/imports/?dry_run=true",
        {"kind": "partnerships", "file": upload(ROWS)},
        format="multipart",
    )
    assert response.status_code == 200
    assert response.json()["created_count"] == 2
