"""Downloads of big lists: prepared by a worker, offered on their own page, kept a few
days, and holding exactly what the list's own download would.

Tasks run in the test's process here (``tests/conftest.py``); a real worker on Redis
builds one in ``test_worker.py``.
"""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.choices import Role
from downloads.models import Download, DownloadStatus
from downloads.services import delete_expired, download_build
from tests import factories as f
from tests.downloads.conftest import body

LIST = reverse("staff:partnership_list")


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _recorded(user, *, fmt="csv", **fields):
    """A download as a click records it, before its build."""
    return f.DownloadFactory(requested_by=user, **{"path": LIST, "format": fmt, **fields})


def _ask(client, query, capture):
    with capture(execute=True):
        return client.get(LIST + query)


@pytest.mark.django_db
def test_a_big_list_is_prepared_in_the_background_and_holds_what_the_list_would(
    client_for, small_limits, settings, django_capture_on_commit_callbacks
):
    client = client_for("editor")
    for name in ("Aachen", "Bremen", "Celle", "Dresden", "Essen"):
        f.PartnershipFactory(status="active", partner_city=f.PartnerCityFactory(name=name))
    f.PartnershipFactory(status="dormant", partner_city=f.PartnerCityFactory(name="Sleepy"))

    response = _ask(
        client, "?status=active&sort=-partner_city&export=csv", django_capture_on_commit_callbacks
    )

    download = Download.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:download_detail", args=[download.pk])
    assert download.status == DownloadStatus.DONE, download.error
    assert download.rows == 5
    assert download.title == "Partenariats"
    page = client.get(response["Location"]).content.decode()
    assert "Prêt" in page
    assert reverse("staff:download_file", args=[download.pk]) in page
    assert 'href="/staff/partnerships/?status=active&amp;sort=-partner_city"' in page

    file = client.get(reverse("staff:download_file", args=[download.pk]))
    assert file.status_code == 200
    assert file["Content-Disposition"].startswith('attachment; filename="partenariats')
    built = body(file)

    # The same list downloaded at once (the limit raised) gives the same bytes: the
    # filters and the order asked for, in the requester's language.
    settings.DOWNLOAD_INLINE_ROWS = {"csv": 1000, "xlsx": 1000}
    at_once = client.get(LIST + "?status=active&sort=-partner_city&export=csv")
    assert at_once.status_code == 200
    assert built == body(at_once)
    cities = [row[0] for row in _csv_rows(built)[1:]]
    assert [c for c in cities if c in {"Aachen", "Essen", "Sleepy"}] == ["Essen", "Aachen"]


@pytest.mark.django_db
def test_a_list_within_the_limit_downloads_at_once(
    client_for, small_limits, django_capture_on_commit_callbacks
):
    client = client_for("viewer")
    f.PartnershipFactory.create_batch(3)
    response = _ask(client, "?export=xlsx", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 4
    assert not Download.objects.exists()


@pytest.mark.django_db
def test_a_background_spreadsheet_opens_with_every_row(
    client_for, small_limits, django_capture_on_commit_callbacks
):
    client = client_for("viewer")
    f.PartnershipFactory.create_batch(7)
    _ask(client, "?export=xlsx", django_capture_on_commit_callbacks)
    download = Download.objects.get()
    assert download.format == "xlsx"
    assert download.size == Path(download.file.path).stat().st_size > 0
    file = client.get(reverse("staff:download_file", args=[download.pk]))
    sheet = load_workbook(io.BytesIO(body(file))).active
    assert sheet.max_row == 8  # the header and the 7 partnerships


@pytest.mark.django_db
def test_bad_filters_are_refused_at_once_and_nothing_is_queued(
    client_for, small_limits, django_capture_on_commit_callbacks
):
    client = client_for("editor")
    f.PartnershipFactory.create_batch(5)
    response = _ask(
        client, "?signed_after=not-a-date&export=csv", django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    assert "signed_after" in response.content.decode()
    assert not Download.objects.exists()


@pytest.mark.django_db
def test_insight_lists_and_the_atlas_sheet_go_to_the_background_too(
    client_for, small_limits, django_capture_on_commit_callbacks
):
    client = client_for("editor")
    f.PartnershipFactory.create_batch(5, status="active")
    with django_capture_on_commit_callbacks(execute=True):
        health = client.get(reverse("staff:partnershiphealth_list") + "?export=csv")
        atlas = client.get(reverse("staff:atlas_download") + "?format=xlsx")
    assert health.status_code == atlas.status_code == 302
    by_title = {d.title: d for d in Download.objects.all()}
    assert set(by_title) == {"Partenariats en perte de vitesse", "Fiche atlas des partenariats"}
    for download in by_title.values():
        assert download.status == DownloadStatus.DONE, download.error
        assert download.rows == 5
    health_rows = _csv_rows(
        Path(by_title["Partenariats en perte de vitesse"].file.path).read_bytes()
    )
    assert len(health_rows) == 6
    atlas_sheet = load_workbook(by_title["Fiche atlas des partenariats"].file.path).active
    assert atlas_sheet.max_row == 6


@pytest.mark.django_db
def test_only_the_requester_sees_a_download(
    client_for, editor, administrator, viewer, small_limits, django_capture_on_commit_callbacks
):
    f.PartnershipFactory.create_batch(5)
    _ask(client_for("editor"), "?export=csv", django_capture_on_commit_callbacks)
    download = Download.objects.get()
    pages = [
        reverse("staff:download_detail", args=[download.pk]),
        reverse("staff:download_file", args=[download.pk]),
    ]
    for role in ("viewer", "administrator"):
        client = client_for(role)
        for page in pages:
            assert client.get(page).status_code == 404
        assert pages[0] not in client.get(reverse("staff:download_list")).content.decode()
    assert client_for("partner").get(pages[0]).status_code == 403
    assert client_for("anonymous").get(pages[1]).status_code == 302
    mine = client_for("editor").get(reverse("staff:download_list")).content.decode()
    assert pages[0] in mine
    # The administration shows each person their own, as the staff pages do.
    admin = client_for("administrator").get(reverse("admin:downloads_download_changelist"))
    assert admin.status_code == 200
    assert admin.context["cl"].result_count == 0


@pytest.mark.django_db
def test_a_requester_who_lost_access_gets_no_file(editor, small_limits):
    f.PartnershipFactory.create_batch(5)
    download = _recorded(editor)
    editor.role = Role.PARTNER
    editor.save()
    built = download_build(download_id=download.pk)
    assert built.status == DownloadStatus.FAILED
    assert built.error == "Vous ne pouvez plus voir cette liste."
    assert not built.file


@pytest.mark.django_db
def test_a_filter_that_no_longer_applies_fails_with_its_reason(editor, small_limits):
    city = f.PartnerCityFactory()
    download = _recorded(editor, query=f"partner_city={city.pk + 1000}&export=csv")
    built = download_build(download_id=download.pk)
    assert built.status == DownloadStatus.FAILED
    assert built.error.startswith("La liste ne peut plus être filtrée ainsi : partner_city")


@pytest.mark.django_db
def test_the_page_updates_itself_while_the_file_is_prepared(client_for, editor):
    download = _recorded(
        editor,
        title="Délégations",
        path=reverse("staff:delegation_list"),
        query="export=xlsx",
        fmt="xlsx",
        rows=50_000,
    )
    client = client_for("editor")
    url = reverse("staff:download_detail", args=[download.pk])
    page = client.get(url).content.decode()
    assert f'hx-get="{url}"' in page
    assert "50\xa0000 lignes : le fichier est préparé en arrière-plan" in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="download-status"')
    assert "<html" not in fragment
    Download.objects.filter(pk=download.pk).update(status=DownloadStatus.FAILED, error="Boom")
    page = client.get(url).content.decode()
    assert "hx-get" not in page
    assert "Boom" in page


@pytest.mark.django_db
def test_old_downloads_and_their_files_are_deleted(
    client_for, small_limits, settings, django_capture_on_commit_callbacks
):
    settings.DOWNLOADS_KEEP_DAYS = 7
    f.PartnershipFactory.create_batch(5)
    client = client_for("editor")
    _ask(client, "?export=csv", django_capture_on_commit_callbacks)
    _ask(client, "?export=xlsx", django_capture_on_commit_callbacks)
    old, recent = Download.objects.order_by("pk")
    Download.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    old_file, recent_file = Path(old.file.path), Path(recent.file.path)
    assert old_file.exists()
    assert recent_file.exists()

    assert delete_expired() == 1
    assert list(Download.objects.all()) == [recent]
    assert not old_file.exists()
    assert recent_file.exists()


@pytest.mark.django_db
def test_my_downloads_cost_the_same_queries_with_2_or_30(client_for, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("editor")

    def add(n):
        f.DownloadFactory.create_batch(
            n, requested_by=editor, title="Villes jumelles", status=DownloadStatus.DONE
        )

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("staff:download_list"))
        assert response.status_code == 200
        return len(context.captured_queries), response.content.decode()

    add(2)
    few, _ = queries()
    add(28)
    many, page = queries()
    assert few == many
    assert page.count(">Villes jumelles</a>") == 25  # a page of 25, newest first
    assert "Page 1 sur 2" in page


@pytest.mark.django_db
def test_an_unreachable_queue_fails_the_download_with_its_reason(
    client_for, editor, settings, monkeypatch
):
    from celery import Celery

    from downloads.services import _finish
    from intl_relations.jobs import enqueue

    # A Celery app of its own (the portal's keeps its connections), sending for real to a
    # broker nobody listens to: port 9 of this machine.
    # (Celery takes CELERY_BROKER_URL from the environment before its own setting.)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    nowhere = Celery("nowhere", broker="redis://127.0.0.1:9/0", set_as_current=False)
    nowhere.conf.broker_connection_retry = False

    @nowhere.task(name="downloads.build_download")
    def build(download_id):
        """Never runs: the message cannot be sent."""

    settings.CELERY_TASK_ALWAYS_EAGER = False
    download = _recorded(editor)

    enqueue(
        build,
        download.pk,
        unreachable=lambda error: _finish(download.pk, status=DownloadStatus.FAILED, error=error),
    )

    download.refresh_from_db()
    assert download.status == DownloadStatus.FAILED
    assert download.error.startswith("Impossible de joindre la file des tâches")
    page = client_for("editor").get(reverse("staff:download_detail", args=[download.pk]))
    assert "Impossible de joindre la file des tâches" in page.content.decode()
