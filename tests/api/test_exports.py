"""CSV, XLSX, GeoJSON and iCalendar downloads hold the filtered rows."""

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from intl_relations.exports import ics_fold
from tests import factories as f


@pytest.fixture
def two_countries(db):
    german = f.PartnershipFactory(partner_city=f.PartnerCityFactory(name="Frankfurt"))
    italian = f.PartnershipFactory(
        partner_city=f.PartnerCityFactory(name="Torino", country="IT", region="Piemonte")
    )
    return german, italian


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_csv_export_holds_the_filtered_rows_with_human_headers(api_client_for, two_countries):
    answer = api_client_for("viewer").get(
        "/api/v1/partnerships/export.csv?country=IT", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body(answer).decode("utf-8-sig"))))
    assert "Status" in rows[0]
    assert len(rows) == 2
    assert "Torino" in rows[1]


@pytest.mark.django_db
def test_xlsx_export_holds_the_filtered_rows(api_client_for, two_countries):
    answer = api_client_for("viewer").get("/api/v1/partnerships/export.xlsx?country=DE")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(body(answer))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 2
    assert "Frankfurt" in values[1]


@pytest.mark.django_db
def test_geojson_of_partner_cities_and_partnerships(api_client, two_countries):
    cities = json.loads(api_client.get("/api/v1/partner-cities/geojson/?country=IT").content)
    assert cities["type"] == "FeatureCollection"
    assert [feat["properties"]["name"] for feat in cities["features"]] == ["Torino"]
    assert cities["features"][0]["geometry"]["coordinates"] == [8.68213, 50.11092]
    partnerships = json.loads(api_client.get("/api/v1/partnerships/geojson/").content)
    assert len(partnerships["features"]) == 2


@pytest.mark.django_db
def test_geojson_features_carry_what_a_map_shows_in_the_reader_s_language(api_client):
    """The database writes each feature: names translated, themes in order, a place with
    no coordinates kept with a null geometry, the partnerships counted."""
    koeln = f.PartnerCityFactory(name="Köln", latitude=50.9375, longitude=6.9603)
    nowhere = f.PartnerCityFactory(name="Nowhere", latitude=None, longitude=None)
    twinning = f.PartnershipFactory(partner_city=koeln, signed_on=dt.date(1958, 3, 1))
    twinning.themes.set([f.theme("youth"), f.theme("culture")])
    f.PartnershipFactory(partner_city=koeln, kind="agreement")
    f.PartnershipFactory(partner_city=nowhere)

    answer = api_client.get("/api/v1/partner-cities/geojson/", HTTP_ACCEPT_LANGUAGE="fr")
    assert answer["Content-Type"] == "application/geo+json"
    assert answer["Content-Disposition"] == 'inline; filename="partner-cities.geojson"'
    features = {feat["properties"]["name"]: feat for feat in json.loads(answer.content)["features"]}
    assert features["Köln"]["id"] == koeln.pk
    assert features["Köln"]["geometry"] == {"type": "Point", "coordinates": [6.9603, 50.9375]}
    assert features["Köln"]["properties"]["country_name"] == "Allemagne"
    assert features["Köln"]["properties"]["partnerships_count"] == 2
    assert features["Nowhere"]["geometry"] is None

    answer = api_client.get(
        "/api/v1/partnerships/geojson/", {"partner_city": koeln.pk}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    by_kind = {
        feat["properties"]["kind"]: feat["properties"]
        for feat in json.loads(answer.content)["features"]
    }
    assert by_kind["twinning"]["kind_name"] == "Jumelage"
    assert by_kind["twinning"]["themes"] == ["culture", "youth"]
    assert by_kind["twinning"]["signed_on"] == "1958-03-01"
    assert by_kind["twinning"]["partner_city"] == "Köln"
    assert by_kind["agreement"]["themes"] == []


@pytest.mark.django_db
def test_icalendar_feed_of_delegations(api_client):
    f.DelegationFactory(title="Visite, de; Hangzhou", purpose="Médecine " * 30)
    f.DelegationFactory(title="Hidden", published=False)
    answer = api_client.get("/api/v1/delegations/calendar.ics")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/calendar")
    text = answer.content.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Visite\\, de\\; Hangzhou" in text
    assert "DTSTART;VALUE=DATE:20250610\r\n" in text
    assert "DTEND;VALUE=DATE:20250613\r\n" in text  # exclusive end
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\n" not in text.replace("\r\n", "")


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = ics_fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))


@pytest.mark.django_db
def test_xlsx_export_drops_control_characters_a_worksheet_cannot_hold(api_client_for):
    f.PartnerCityFactory(name="Bahreïn\x01\x0b (Manama)")
    answer = api_client_for("viewer").get("/api/v1/partner-cities/export.xlsx")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(body(answer))).active
    assert "Bahreïn (Manama)" in [cell.value for cell in next(sheet.iter_rows(min_row=2))]
