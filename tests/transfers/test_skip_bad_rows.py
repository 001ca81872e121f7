"""Skipping bad rows: the good rows saved, the rejected ones given back as a file to fix."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import PartnerCity, Partnership
from transfers.engine import ImportOptions
from transfers.models import ImportJob
from transfers.services import import_records, rejected_rows_file

from .conftest import csv_bytes
from .test_pages_and_api import post_and_poll, upload, upload_and_map

pytestmark = pytest.mark.django_db

HEADER = ["Ville partenaire", "Pays", "Type", "Date de signature"]
ROWS = [
    HEADER,
    ["Frankfurt am Main", "Allemagne", "jumelage", "12/05/1960"],
    ["Atlantis", "Atlantide", "twinning", ""],
    ["Birmingham", "UK", "friendship", "31/02/2024"],
    ["Kraków", "Pologne", "twinning", ""],
]


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_without_the_option_one_bad_row_still_saves_nothing(lyon, editor):
    result = import_records(
        kind="partnerships", data=csv_bytes(ROWS), filename="p.csv", user=editor, dry_run=False
    )
    assert not result.saved
    assert not Partnership.objects.exists()


def test_skipping_saves_the_good_rows_and_gives_back_the_bad_ones_to_fix(lyon, editor):
    result = import_records(
        kind="partnerships",
        data=csv_bytes(ROWS),
        filename="p.csv",
        user=editor,
        dry_run=False,
        options=ImportOptions(skip_bad_rows=True),
    )
    assert result.saved
    assert [row["outcome"] for row in result.rows] == ["created", "rejected", "rejected", "created"]
    assert sorted(Partnership.objects.values_list("partner_city__name", flat=True)) == [
        "Frankfurt am Main",
        "Kraków",
    ]
    assert not PartnerCity.objects.filter(name__in=["Atlantis", "Birmingham"]).exists()

    rejected = rejected_rows_file(data=csv_bytes(ROWS), filename="p.csv", rows=result.rows)
    assert read_csv(rejected) == [
        [*HEADER, "Erreur d'import"],
        ["Atlantis", "Atlantide", "twinning", "", "Pays: Pays inconnu « Atlantide »."],
        [
            "Birmingham",
            "UK",
            "friendship",
            "31/02/2024",
            (
                "Date de signature: « 31/02/2024 » n'est pas une date "
                "(format attendu : JJ/MM/AAAA ou AAAA-MM-JJ)."
            ),
        ],
    ]

    # Fixed, the file of rejected rows imports as it is (its error column is ignored).
    fixed = rejected.decode("utf-8-sig").replace("Atlantide", "Grèce").replace("31/02", "28/02")
    again = import_records(
        kind="partnerships",
        data=fixed.encode("utf-8"),
        filename="fixed.csv",
        user=editor,
        dry_run=False,
    )
    assert again.saved, again.issues()
    assert again.counts["created"] == 2
    assert Partnership.objects.count() == 4


def test_a_row_leaning_on_a_rejected_row_is_rejected_too(lyon, editor):
    # Line 2 creates Windsor (Canada) but is rejected (ended before it was signed); line 3
    # names Windsor without a country, which only line 2's new city answered.
    rows = [
        [*HEADER, "Date de fin"],
        ["Windsor", "Canada", "twinning", "12/05/2000", "01/01/1990"],
        ["Windsor", "", "friendship", "", ""],
        ["Kraków", "Pologne", "twinning", "", ""],
    ]
    result = import_records(
        kind="partnerships",
        data=csv_bytes(rows),
        filename="p.csv",
        user=editor,
        dry_run=False,
        options=ImportOptions(skip_bad_rows=True),
    )
    assert [row["outcome"] for row in result.rows] == ["rejected", "rejected", "created"]
    assert "indiquez son pays pour la créer" in result.rows[1]["errors"][0]["reason"]
    assert list(Partnership.objects.values_list("partner_city__name", flat=True)) == ["Kraków"]
    assert not PartnerCity.objects.filter(name="Windsor").exists()


def test_staff_pages_skip_bad_rows_and_offer_them_for_download(
    client, lyon, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    job = upload_and_map(client, ROWS, django_capture_on_commit_callbacks, skip_bad_rows="on")
    assert (job.status, job.created_count, job.rejected_count) == ("previewed", 2, 2)
    assert job.can_confirm
    page = client.get(reverse("staff:import_detail", args=[job.pk])).content.decode()
    assert "Lignes rejetées : écartées, les autres lignes sont enregistrées" in page
    assert reverse("staff:import_rejected_rows", args=[job.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done"
    assert Partnership.objects.count() == 2
    response = client.get(reverse("staff:import_rejected_rows", args=[job.pk]))
    assert response.status_code == 200
    assert [row[0] for row in read_csv(response.content)] == [
        "Ville partenaire",
        "Atlantis",
        "Birmingham",
    ]


def test_the_api_and_the_command_skip_bad_rows(
    api_client_for, lyon, administrator, tmp_path, django_capture_on_commit_callbacks
):
    client = api_client_for("editor")
    response = post_and_poll(
        client,
        "/api/v1/imports/",
        {"kind": "partnerships", "file": upload(ROWS), "skip_bad_rows": "true"},
        django_capture_on_commit_callbacks,
    )
    data = response.json()
    assert (data["status"], data["created_count"], data["rejected_count"]) == ("done", 2, 2)
    rejected = client.get(data["rejected_csv_url"])
    assert rejected.status_code == 200
    assert len(read_csv(rejected.content)) == 3

    Partnership.objects.all().delete()
    source, out = tmp_path / "p.csv", tmp_path / "rejected.csv"
    source.write_bytes(csv_bytes(ROWS))
    call_command(
        "import_data",
        "--kind",
        "partnerships",
        "--file",
        str(source),
        "--skip-bad-rows",
        "--rejected",
        str(out),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Partnership.objects.count() == 2
    assert [row[0] for row in read_csv(out.read_bytes())] == [
        "Ville partenaire",
        "Atlantis",
        "Birmingham",
    ]
    assert ImportJob.objects.count() == 1
