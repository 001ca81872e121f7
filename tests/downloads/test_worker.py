"""A big list's download built by a real Celery worker on Redis (PostgreSQL only: the
worker shares the test database)."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from downloads.models import Download, DownloadStatus
from tests import factories as f
from tests.workers import wait_for

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_real_worker_prepares_a_big_list_s_download(
    editor, settings, through_redis, start_worker
):
    settings.DOWNLOAD_INLINE_ROWS = {"csv": 3, "xlsx": 3}
    for name in ("Aachen", "Bremen", "Celle", "Dresden"):
        f.PartnershipFactory(status="active", partner_city=f.PartnerCityFactory(name=name))
    f.PartnershipFactory(status="ended", partner_city=f.PartnerCityFactory(name="Gone"))
    start_worker()
    client = Client()
    client.force_login(editor)

    response = client.get(reverse("staff:partnership_list") + "?status=active&export=csv")

    assert response.status_code == 302
    download = Download.objects.get()
    assert download.status in (DownloadStatus.QUEUED, DownloadStatus.RUNNING)
    done = wait_for(
        lambda: (
            (d := Download.objects.get(pk=download.pk)).status
            in (DownloadStatus.DONE, DownloadStatus.FAILED)
            and d
        ),
        timeout=120,
        what="the worker to prepare the download",
    )
    assert done.status == DownloadStatus.DONE, done.error
    file = client.get(reverse("staff:download_file", args=[done.pk]))
    text = b"".join(file.streaming_content).decode("utf-8-sig")
    cities = sorted(row[0] for row in list(csv.reader(io.StringIO(text)))[1:])
    assert cities == ["Aachen", "Bremen", "Celle", "Dresden"]
    # Prepared by the worker in the requester's language, as the list speaks it.
    assert text.splitlines()[0].startswith("Ville partenaire")


def test_a_real_worker_prepares_a_big_api_export(editor, settings, through_redis, start_worker):
    """An integration's call: 202 at once, then the file once the worker wrote it."""
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    settings.DOWNLOAD_INLINE_ROWS = {"csv": 3, "xlsx": 3}
    for name in ("Aachen", "Bremen", "Celle", "Dresden"):
        f.PartnershipFactory(status="active", partner_city=f.PartnerCityFactory(name=name))
    start_worker()
    _row, key = AuthToken.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    accepted = client.get(reverse("api:partnership-export-csv") + "?status=active")

    assert accepted.status_code == 202
    assert accepted.json()["status"] in ("queued", "running")
    assert accepted["Retry-After"] == "2"
    ready = wait_for(
        lambda: (
            (d := client.get(accepted["Location"]).json())["status"] in ("done", "failed") and d
        ),
        timeout=120,
        what="the worker to prepare the API export",
    )
    assert ready["status"] == "done", ready["error"]
    file = client.get(ready["file_url"])
    assert file.status_code == 200
    text = b"".join(file.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    column = rows[0].index("Ville partenaire – nom")
    assert sorted(row[column] for row in rows[1:]) == ["Aachen", "Bremen", "Celle", "Dresden"]
