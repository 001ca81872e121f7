"""Pair files: one row holding both cities with their coordinates (a Wikipedia-derived
twin towns list), whichever side comes first, with the choices on conflicts."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from partnerships.models import LocalGovernment, PartnerCity, Partnership
from tests.factories import PartnerCityFactory
from transfers.engine import ImportOptions
from transfers.services import import_records

from .conftest import csv_bytes
from .test_pages_and_api import upload_and_map

pytestmark = pytest.mark.django_db

HEADER = ["city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"]
LYON = ["Lyon", "France", "45.7640", "4.8357"]
FRANKFURT = ["Frankfurt am Main", "Germany", "50.1109", "8.6821"]
WINDSOR = ["Windsor", "United Kingdom", "51.4839", "-0.6044"]
BIRMINGHAM = ["Birmingham", "United Kingdom", "52.4862", "-1.8904"]
BIRMINGHAM_ELSEWHERE = ["Birmingham", "United Kingdom", "52.4800", "-1.9000"]
TWINNINGS = ImportOptions(constants={"kind": "twinning", "status": "active"})


def pair_file(*rows):
    return csv_bytes([HEADER, *rows], delimiter=",")


def run(editor, data, **options):
    base = {"constants": {"kind": "twinning", "status": "active"}}
    return import_records(
        kind="partnerships",
        data=data,
        filename="twins.csv",
        user=editor,
        dry_run=False,
        options=ImportOptions(**{**base, **options}),
    )


def test_the_home_side_is_found_on_each_row_whatever_the_order(lyon, editor):
    result = run(
        editor,
        pair_file(
            [*LYON, *FRANKFURT],
            [*FRANKFURT, *LYON],  # the same pair, listed the other way round
            [*WINDSOR, *LYON],  # partner first: Windsor stays in the United Kingdom
        ),
    )
    assert result.saved, result.issues()
    assert [row["outcome"] for row in result.rows] == ["created", "duplicate", "created"]
    assert "Les deux villes étaient indiquées dans l'ordre inverse." in result.rows[2]["notes"]
    cities = {
        city.name: (city.country.code, city.latitude, city.longitude)
        for city in PartnerCity.objects.all()
    }
    assert cities == {
        "Frankfurt am Main": ("DE", Decimal("50.11090"), Decimal("8.68210")),
        "Windsor": ("GB", Decimal("51.48390"), Decimal("-0.60440")),
    }
    assert set(
        Partnership.objects.values_list("local_government__name", "partner_city__name", "status")
    ) == {
        ("Ville de Lyon", "Frankfurt am Main", "active"),
        ("Ville de Lyon", "Windsor", "active"),
    }
    assert LocalGovernment.objects.get().latitude is None  # the home side is left as it is

    again = run(editor, pair_file([*FRANKFURT, *LYON], [*LYON, *WINDSOR]))
    assert again.counts["unchanged"] == 2


def test_a_known_partner_city_without_coordinates_gets_the_files(lyon, editor):
    PartnerCityFactory(name="Frankfurt am Main", country="DE", latitude=None, longitude=None)
    result = run(editor, pair_file([*FRANKFURT, *LYON]))
    assert result.saved, result.issues()
    assert "Ville partenaire" not in str(result.rows[0].get("notes"))
    city = PartnerCity.objects.get()
    assert (city.latitude, city.longitude) == (Decimal("50.11090"), Decimal("8.68210"))


@pytest.mark.parametrize(
    ("choice", "latitude"),
    [("first", Decimal("52.48620")), ("last", Decimal("52.48000"))],
)
def test_two_coordinate_pairs_for_one_city_keep_the_first_or_the_last(
    lyon, editor, choice, latitude
):
    result = run(
        editor,
        pair_file([*LYON, *BIRMINGHAM], [*BIRMINGHAM_ELSEWHERE, *LYON]),
        coordinates=choice,
    )
    assert result.saved, result.issues()
    assert PartnerCity.objects.get().latitude == latitude
    assert Partnership.objects.count() == 1


def test_two_coordinate_pairs_for_one_city_stop_by_default_naming_the_column(lyon, editor):
    result = run(editor, pair_file([*LYON, *BIRMINGHAM], [*BIRMINGHAM_ELSEWHERE, *LYON]))
    assert not result.saved
    assert result.issues() == [
        {
            "line": 3,
            "column": "lat1",
            "value": "52.48000, -1.90000",
            "reason": (
                "La ligne 2 donne d'autres coordonnées à ce lieu (52.48620, -1.89040) : "
                "corrigez le fichier, ou choisissez de garder la première ou la dernière paire."
            ),
        }
    ]
    assert not PartnerCity.objects.exists()


def test_home_local_governments_are_created_from_the_file_when_asked(editor):
    villeurbanne = ["Villeurbanne", "France", "45.7719", "4.8902"]
    rows = pair_file([*FRANKFURT, *villeurbanne], [*villeurbanne, *WINDSOR])
    refused = run(editor, rows)
    assert not refused.saved
    assert "n'est une collectivité du portail" in refused.issues()[0]["reason"]

    result = run(editor, rows, create_local_governments=True)
    assert result.saved, result.issues()
    home = LocalGovernment.objects.get()
    assert (home.name, home.country.code, home.latitude) == (
        "Villeurbanne",
        "FR",
        Decimal("45.77190"),
    )
    assert sorted(Partnership.objects.values_list("partner_city__name", flat=True)) == [
        "Frankfurt am Main",
        "Windsor",
    ]
    assert not PartnerCity.objects.filter(name="Villeurbanne").exists()


def test_a_pair_file_through_the_staff_mapping_step_and_the_command(
    client, lyon, editor, administrator, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    rows = [HEADER, [*LYON, *BIRMINGHAM], [*BIRMINGHAM_ELSEWHERE, *LYON]]
    job = upload_and_map(
        client,
        rows,
        django_capture_on_commit_callbacks,
        value_kind="twinning",
        value_status="ended",
        coordinates="last",
    )
    assert (job.status, job.created_count, job.duplicate_count) == ("previewed", 1, 1)

    path = tmp_path / "twins.csv"
    path.write_bytes(csv_bytes(rows, delimiter=","))
    call_command(
        "import_data",
        "--kind",
        "partnerships",
        "--file",
        str(path),
        "--set",
        "kind=twinning",
        "--coordinates",
        "first",
        stdout=io.StringIO(),
    )
    assert PartnerCity.objects.get().latitude == Decimal("52.48620")
