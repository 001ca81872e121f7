"""Country names as files spell them, Kosovo end to end, and typos offered, never guessed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.contrib.admin.sites import site
from django.utils import translation

from partnerships.forms import PartnerCityForm
from partnerships.models import PartnerCity
from tests.factories import PartnerCityFactory
from transfers.normalise import CellError, parse_country
from transfers.services import import_records

from .conftest import csv_bytes

NAMES_FILE = Path(__file__).parent / "data" / "twin_towns_countries.txt"


def twin_town_country_names() -> list[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_every_country_name_of_the_twin_towns_file_is_read():
    names = twin_town_country_names()
    assert len(names) > 400
    unread = []
    for name in names:
        try:
            parse_country(name)
        except CellError as error:
            unread.append(f"{name}: {error.reason}")
    assert unread == []


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Republic of Ireland", "IE"),
        ("East Timor", "TL"),
        ("Bosnia and Hercegovina", "BA"),
        ("Burma", "MM"),
        ("Swaziland", "SZ"),
        ("Falkland Islands", "FK"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Macedonia", "MK"),
        ("North Macedonia", "MK"),
        ("Holland", "NL"),
        ("USA", "US"),
        ("United States of America", "US"),
        ("Great Britain", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("Vatican", "VA"),
        ("Palestine", "PS"),
        ("Cape Verde", "CV"),
        ("Kosovo", "XK"),
        ("Georgia (country)", "GE"),
        ("Irlande", "IE"),
        ("Birmanie", "MM"),
    ],
)
def test_it_reads_historic_and_alternative_spellings(value, code):
    assert parse_country(value) == code


def test_a_typo_is_not_guessed_but_the_closest_country_is_offered():
    with translation.override("fr"), pytest.raises(CellError) as error:
        parse_country("Kazakhstah")
    assert error.value.reason == "Pays inconnu « Kazakhstah » ; vouliez-vous dire Kazakhstan ?"
    with translation.override("en"), pytest.raises(CellError) as error:
        parse_country("Germny")
    assert error.value.reason == "Unknown country “Germny”; did you mean Germany?"


def test_a_name_far_from_every_country_gets_no_suggestion():
    with translation.override("en"), pytest.raises(CellError) as error:
        parse_country("Qwxzv")
    assert error.value.reason == "Unknown country “Qwxzv”."


# --- Kosovo, end to end ------------------------------------------------------------------


@pytest.mark.django_db
def test_kosovo_is_imported_and_saved(editor):
    data = csv_bytes([["Nom", "Pays"], ["Prishtina", "Kosovo"], ["Prizren", "XK"]])
    result = import_records(
        kind="partner_cities", data=data, filename="k.csv", user=editor, dry_run=False
    )
    assert result.saved, result.issues()
    assert sorted(PartnerCity.objects.filter(country="XK").values_list("name", flat=True)) == [
        "Prishtina",
        "Prizren",
    ]


@pytest.mark.django_db
def test_kosovo_goes_through_the_form_and_is_labelled_in_both_languages():
    form = PartnerCityForm(data={"name": "Peja", "country": "XK", "kind": "city"})
    assert "country" not in form.errors
    city = PartnerCityFactory(name="Peja", country="XK", region="")
    for language in ("fr", "en"):
        with translation.override(language):
            assert city.country.name == "Kosovo"


@pytest.mark.django_db
def test_kosovo_through_the_api_and_its_exports(api_client_for):
    client = api_client_for("editor")
    answer = client.post(
        "/api/v1/partner-cities/",
        {"name": "Gjakova", "country": "XK", "kind": "city"},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["country"] == "XK"
    export = client.get("/api/v1/partner-cities/export.csv", HTTP_ACCEPT_LANGUAGE="fr")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["Pays"] for row in rows if row["Nom"] == "Gjakova"] == ["Kosovo"]


def test_kosovo_is_a_choice_in_the_admin():
    admin = site._registry[PartnerCity]
    field = PartnerCity._meta.get_field("country")
    formfield = admin.formfield_for_dbfield(field, request=None)
    assert "XK" in dict(formfield.choices)
