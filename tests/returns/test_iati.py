"""The IATI activity file validates against the vendored 2.03 schema and says what we hold."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from returns.iati import iati_activities_xml

SCHEMA = (
    Path(__file__).resolve().parents[2]
    / "returns"
    / "schemas"
    / "iati-2.03"
    / "iati-activities-schema.xsd"
)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture
def reporting_ref(settings):
    settings.IATI_REPORTING_ORG_REF = "XI-IATI-LYON"
    return settings.IATI_REPORTING_ORG_REF


def build(user, **kwargs):
    return etree.fromstring(iati_activities_xml(user=user, year=2025, **kwargs))


def test_the_file_validates_against_the_official_schema(year_2025, editor, reporting_ref, schema):
    document = build(editor)
    schema.assertValid(document)
    assert document.get("version") == "2.03"
    # Every project with 2025 spending, across the portal's local governments.
    assert len(document.findall("iati-activity")) == 6


def test_an_activity_carries_the_project_in_both_languages(year_2025, editor, reporting_ref):
    document = build(editor, local_government=year_2025.lyon.pk)
    activity = document.xpath(
        "iati-activity[iati-identifier=$id]", id=f"XI-IATI-LYON-{year_2025.water.pk}"
    )[0]
    assert activity.find("reporting-org").get("ref") == "XI-IATI-LYON"
    assert activity.find("reporting-org").get("type") == "11"
    titles = {n.get(XML_LANG): n.text for n in activity.find("title")}
    assert titles == {"fr": "Eau potable à Saint-Louis", "en": "Drinking water in Saint-Louis"}
    descriptions = {n.get(XML_LANG): n.text for n in activity.find("description")}
    assert descriptions["en"] == "Boreholes and training of the water service's staff."
    roles = [
        (org.get("role"), org.find("narrative").text)
        for org in activity.findall("participating-org")
    ]
    assert roles == [("1", "Ville de Lyon"), ("4", "Saint-Louis"), ("4", "Eau Vive Lyon")]
    assert activity.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")] == [
        ("2", "2024-03-01"),
        ("3", "2026-12-31"),
    ]
    assert activity.find("recipient-country").get("code") == "SN"
    sectors = [(s.get("code"), s.get("percentage")) for s in activity.findall("sector")]
    assert sectors == [("14010", "100.00")]


def test_the_year_budget_and_each_spending_line_are_in_the_file(year_2025, editor, reporting_ref):
    document = build(editor, local_government=year_2025.lyon.pk)
    activity = document.xpath(
        "iati-activity[iati-identifier=$id]", id=f"XI-IATI-LYON-{year_2025.water.pk}"
    )[0]
    budget = activity.find("budget")
    assert budget.find("period-start").get("iso-date") == "2025-01-01"
    assert budget.find("period-end").get("iso-date") == "2025-12-31"
    assert budget.find("value").text == "23700.00"  # 15 000 + 5 000 + 3 000 + 700 planned
    transactions = activity.findall("transaction")
    assert sorted(t.find("value").text for t in transactions) == [
        "12000.00",
        "3000.00",
        "5000.00",
        "700.00",
    ]
    assert {t.find("transaction-type").get("code") for t in transactions} == {"4"}
    assert {t.find("transaction-date").get("iso-date") for t in transactions} == {"2025-12-31"}


def test_a_project_without_theme_takes_its_sector_from_its_headings(
    year_2025, editor, reporting_ref
):
    document = build(editor, local_government=year_2025.lyon.pk)
    health = document.xpath(
        "iati-activity[iati-identifier=$id]", id=f"XI-IATI-LYON-{year_2025.health.pk}"
    )[0]
    # NGO grant (no purpose of its own) and follow-up staff costs (91010).
    assert [s.get("code") for s in health.findall("sector")] == ["91010"]
    no_country = document.xpath(
        "iati-activity[iati-identifier=$id]", id=f"XI-IATI-LYON-{year_2025.awareness.pk}"
    )[0]
    assert no_country.find("recipient-country") is None


def test_without_the_publisher_identifier_the_file_is_refused(year_2025, editor, settings):
    settings.IATI_REPORTING_ORG_REF = ""
    with pytest.raises(ValidationError) as caught:
        iati_activities_xml(user=editor, year=2025)
    assert "IATI_REPORTING_ORG_REF" in caught.value.messages[0]


def test_a_year_without_any_project_is_refused(db, editor, reporting_ref):
    with pytest.raises(ValidationError) as caught:
        iati_activities_xml(user=editor, year=2025)
    assert "2025" in caught.value.message_dict["year"][0]


def test_the_file_costs_the_same_queries_with_more_projects(
    year_2025, editor, reporting_ref, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories as f
    from tests.returns.conftest import line

    with CaptureQueriesContext(connection) as few:
        iati_activities_xml(user=editor, year=2025)
    for _ in range(10):
        project = f.CooperationProjectFactory(local_government=year_2025.lyon)
        project.themes.add(f.theme("culture"))
        line(project, "cooperation", "100", "100")
    with CaptureQueriesContext(connection) as many:
        iati_activities_xml(user=editor, year=2025)
    assert len(many.captured_queries) == len(few.captured_queries)
