"""Big exports through the API: 202 at once, the file prepared by a worker, fetched from
``/api/v1/downloads/``, the same rule and the same file as the staff pages' downloads.

Tasks run in the test's process here; ``test_worker.py`` has a real worker build one.
"""

import csv
import io

import pytest
from django.urls import reverse
from knox.models import AuthToken
from openpyxl import load_workbook
from rest_framework.test import APIClient

from downloads.models import Download, DownloadStatus
from tests import factories as f
from tests.downloads.conftest import body

EXPORT = reverse("api:partnership-export-csv")
HEADER = "Ville partenaire – nom"


@pytest.fixture
def token_client(editor):
    """An integration: the editor's API token in the Authorization header."""
    _row, key = AuthToken.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def _cities(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    column = rows[0].index(HEADER)
    return sorted(row[column] for row in rows[1:])


def _active_partnerships():
    for name in ("Aachen", "Bremen", "Celle", "Dresden", "Essen"):
        f.PartnershipFactory(status="active", partner_city=f.PartnerCityFactory(name=name))
    f.PartnershipFactory(status="dormant", partner_city=f.PartnerCityFactory(name="Sleepy"))


@pytest.mark.django_db
def test_a_big_export_answers_202_and_its_file_holds_what_the_export_would(
    token_client, settings, small_limits, django_capture_on_commit_callbacks
):
    _active_partnerships()

    with django_capture_on_commit_callbacks(execute=True):
        accepted = token_client.get(EXPORT + "?status=active")

    assert accepted.status_code == 202
    download = Download.objects.get()
    status_url = accepted.json()["status_url"]
    assert accepted["Location"] == status_url
    assert status_url.endswith(reverse("api:download-detail", args=[download.pk]))
    assert accepted.json()["rows"] == 5
    assert accepted.json()["list"] == "Partenariats"
    # Built once the click's transaction committed (here: when the block above ended).
    ready = token_client.get(status_url)
    assert ready.json()["status"] == "done"
    assert "Retry-After" not in ready  # nothing to wait for: the file is written

    file = token_client.get(ready.json()["file_url"])
    assert file.status_code == 200
    assert file["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="partnerships' in file["Content-Disposition"]
    built = body(file)

    # The same file the export writes at once when the list is small enough.
    settings.DOWNLOAD_INLINE_ROWS = {"csv": 100, "xlsx": 100}
    at_once = token_client.get(EXPORT + "?status=active")
    assert at_once.status_code == 200
    assert built == body(at_once)
    assert _cities(built) == ["Aachen", "Bremen", "Celle", "Dresden", "Essen"]


@pytest.mark.django_db
def test_while_it_is_prepared_the_client_is_told_when_to_ask_again(token_client, small_limits):
    f.PartnershipFactory.create_batch(5)

    # The worker has not run yet: nothing is committed to it in this test's transaction.
    accepted = token_client.get(reverse("api:partnership-export-xlsx"))

    assert accepted.status_code == 202
    assert accepted.json()["status"] == "queued"
    assert accepted.json()["file_url"] is None
    assert accepted.json()["format"] == "xlsx"
    assert accepted["Retry-After"] == "2"
    again = token_client.get(accepted["Location"])
    assert again.status_code == 200
    assert again["Retry-After"] == "2"
    download = Download.objects.get()
    assert token_client.get(reverse("api:download-file", args=[download.pk])).status_code == 404


@pytest.mark.django_db
def test_a_big_spreadsheet_of_the_atlas_and_of_the_insight_lists_too(
    api_client_for, small_limits, django_capture_on_commit_callbacks
):
    client = api_client_for("editor")
    f.PartnershipFactory.create_batch(5, status="active")

    with django_capture_on_commit_callbacks(execute=True):
        atlas = client.get(reverse("api:returns-atlas-xlsx"))
        health = client.get(reverse("api:partnership-health-export-xlsx"))
        cities = client.get(reverse("api:partner-city-reciprocity-export-csv"))

    assert atlas.status_code == health.status_code == cities.status_code == 202
    titles = {d.title: d for d in Download.objects.all()}
    assert set(titles) == {
        "Fiche atlas des partenariats",
        "Partenariats en perte de vitesse",
        "Réciprocité avec les villes partenaires",
    }
    for download in titles.values():
        assert download.status == DownloadStatus.DONE, download.error
    ready = client.get(atlas["Location"]).json()
    sheet = load_workbook(io.BytesIO(body(client.get(ready["file_url"])))).active
    assert sheet.max_row == 6  # the header and the 5 partnerships


@pytest.mark.django_db
def test_a_small_export_still_comes_at_once(api_client_for, small_limits):
    f.PartnershipFactory.create_batch(3)
    response = api_client_for("editor").get(reverse("api:partnership-export-xlsx"))
    assert response.status_code == 200
    assert not Download.objects.exists()


@pytest.mark.django_db
def test_callers_who_keep_no_downloads_get_the_file_at_once(api_client_for, small_limits):
    """Partner members and anonymous readers read the published rows only."""
    f.PartnershipFactory.create_batch(5, published=True)  # their cities are public
    for role in ("partner", "anonymous"):
        response = api_client_for(role).get(reverse("api:partner-city-export-csv"))
        assert response.status_code == 200, role
        assert len(body(response).decode("utf-8-sig").splitlines()) == 6
    assert not Download.objects.exists()


@pytest.mark.django_db
def test_only_the_requester_sees_a_download_through_the_api(
    token_client, api_client_for, small_limits, django_capture_on_commit_callbacks
):
    f.PartnershipFactory.create_batch(5)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = token_client.get(EXPORT)
    download = token_client.get(accepted["Location"]).json()
    assert [d["id"] for d in token_client.get(reverse("api:download-list")).json()["results"]] == [
        download["id"]
    ]
    for role in ("viewer", "administrator"):
        client = api_client_for(role)
        assert client.get(download["status_url"]).status_code == 404
        assert client.get(download["file_url"]).status_code == 404
        assert client.get(reverse("api:download-list")).json()["results"] == []
    assert api_client_for("anonymous").get(download["status_url"]).status_code == 401


@pytest.mark.django_db
def test_bad_filters_are_refused_at_once_and_nothing_is_queued(token_client, small_limits):
    f.PartnershipFactory.create_batch(5)
    response = token_client.get(EXPORT + "?status=nonsense")
    assert response.status_code == 400
    assert "status" in response.json()["error"]["fields"]
    assert not Download.objects.exists()


@pytest.mark.django_db
def test_the_staff_page_of_an_api_download_names_its_list_without_a_link_back(
    token_client, client_for, small_limits, django_capture_on_commit_callbacks
):
    f.PartnershipFactory.create_batch(5)
    with django_capture_on_commit_callbacks(execute=True):
        token_client.get(EXPORT)
    download = Download.objects.get()
    page = client_for("editor").get(reverse("staff:download_detail", args=[download.pk]))
    text = page.content.decode()
    assert "Partenariats (demandé par l’API)" in text
    assert f'href="{EXPORT}' not in text
    assert reverse("staff:download_file", args=[download.pk]) in text


@pytest.mark.django_db
def test_the_list_of_my_downloads_costs_the_same_queries_with_2_or_80(token_client, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        f.DownloadFactory.create_batch(
            n, requested_by=editor, path=EXPORT, query="", status=DownloadStatus.DONE
        )

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = token_client.get(reverse("api:download-list"))
        assert response.status_code == 200
        return len(context.captured_queries), response.json()

    add(2)
    few, _ = queries()
    add(78)
    many, page = queries()
    assert few == many
    assert page["count"] == 80
    assert len(page["results"]) == 50
    newest = Download.objects.order_by("-created_at", "-id").first()
    assert page["results"][0]["id"] == newest.pk
    assert page["results"][0]["file_url"].endswith(f"/api/v1/downloads/{newest.pk}/file/")
