"""The returns page, the downloads and the API: who gets in, and what they get."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.returns.conftest import line

PAGE = "staff:returns_report"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("partner", 403), ("viewer", 200), ("editor", 200)],
)
def test_the_page_is_for_office_staff(client, user_for_role, role, status):
    user = user_for_role(role)
    if user:
        client.force_login(user)
    assert client.get(reverse(PAGE)).status_code == status


def test_the_page_shows_the_totals_and_what_to_check(client, editor, year_2025):
    client.force_login(editor)
    response = client.get(
        reverse(PAGE),
        {"year": 2025, "local_government": year_2025.lyon.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "e-APD declaration of 2025" in page
    assert "21,500.00" in page
    assert "4 things to check before declaring" in page
    assert "Germany is not on the DAC List of ODA Recipients for 2025" in page
    assert "Semaine de la solidarité" in page
    assert reverse("staff:iati_download") in page


def test_the_page_in_french(client, editor, year_2025):
    client.force_login(editor)
    page = client.get(reverse(PAGE), {"year": 2025}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Déclaration e-APD de 2025" in page


def test_a_year_without_a_dac_list_is_said_on_the_page(client, editor, year_2025):
    client.force_login(editor)
    response = client.get(reverse(PAGE), {"year": 2019}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "No DAC List of ODA Recipients shipped with the portal covers 2019" in (
        response.content.decode()
    )


def test_the_page_costs_the_same_with_more_projects(client, editor, year_2025):
    client.force_login(editor)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(PAGE), {"year": 2025}).status_code == 200
        return len(context.captured_queries)

    few = count()
    for _ in range(10):
        project = f.CooperationProjectFactory(local_government=year_2025.lyon)
        line(project, "", "10", "10")
        line(project, "cooperation", "10", "10")
    assert count() == few


def test_the_year_and_local_government_asked_are_the_ones_shown_as_chosen(
    client, editor, year_2025
):
    lille = f.LocalGovernmentFactory(name="Ville de Lille", is_default=False)
    client.force_login(editor)
    page = client.get(
        reverse(PAGE), {"year": 2024, "local_government": lille.pk}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<option value="2024" selected>2024</option>' in page
    assert f'<option value="{lille.pk}" selected>Ville de Lille</option>' in page
    assert '<option value="">All local governments of the portal</option>' in page
    # No year asked: the year to declare this spring is the one chosen.
    page = client.get(reverse(PAGE), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    year = client.get(reverse(PAGE)).context["year"]
    assert f'<option value="{year}" selected>' in page


def test_among_thousands_the_local_government_is_found_by_typing(
    client, editor, year_2025, monkeypatch
):
    # A national network has thousands of local governments: past SEARCH_OVER the page
    # offers a search box and the one chosen, not a select box of every one.
    monkeypatch.setattr("intl_relations.widgets.SEARCH_OVER", 2)
    for name in ("Ville de Lille", "Ville de Nantes"):
        f.LocalGovernmentFactory(name=name, is_default=False)
    client.force_login(editor)
    response = client.get(reverse(PAGE), {"year": 2025, "local_government": year_2025.lyon.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="local_government"' in page
    assert '<select name="local_government"' not in page
    assert "Ville de Nantes" not in page
    assert (
        f'<input type="checkbox" name="local_government" value="{year_2025.lyon.pk}" checked>'
        " Ville de Lyon"
    ) in page
    assert 'data-url="/api/v1/local-governments/"' in page


def test_the_staff_downloads(client, editor, year_2025, settings):
    settings.IATI_REPORTING_ORG_REF = "XI-IATI-LYON"
    client.force_login(editor)
    csv = client.get(reverse("staff:eapd_download"), {"year": 2025})
    assert csv["Content-Type"].startswith("text/csv")
    xlsx = client.get(reverse("staff:eapd_download"), {"year": 2025, "format": "xlsx"})
    assert xlsx["Content-Disposition"] == 'attachment; filename="e-apd-2025.xlsx"'
    iati = client.get(reverse("staff:iati_download"), {"year": 2025})
    assert iati["Content-Type"].startswith("application/xml")
    assert b"<iati-activities" in iati.content
    atlas = client.get(reverse("staff:atlas_download"), {"format": "xlsx"})
    assert atlas.status_code == 200
    bad = client.get(reverse("staff:eapd_download"), {"year": "soon"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert "Enter the year declared" in bad.content.decode()


def test_the_api_gives_the_worksheet(api_client_for, year_2025):
    client = api_client_for("viewer")
    response = client.get(
        "/api/v1/returns/e-apd/", {"year": 2025, "local_government": year_2025.lyon.pk}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == 2025
    assert data["dac_list"] == "2024-2025"
    assert data["local_government"] == year_2025.lyon.pk
    assert data["declared"] == "21500.00"
    assert data["held_back"] == "3500.00"
    assert {w["kind"] for w in data["warnings"]} == {
        "no_heading",
        "no_country",
        "not_eligible",
        "no_apd_amount",
    }
    everything = client.get("/api/v1/returns/e-apd/", {"year": 2025}).json()
    assert everything["local_government"] is None
    assert everything["declared"] == "71500.00"


def test_the_api_downloads(api_client_for, year_2025, settings):
    settings.IATI_REPORTING_ORG_REF = "XI-IATI-LYON"
    client = api_client_for("editor")
    assert client.get("/api/v1/returns/e-apd.csv?year=2025").status_code == 200
    assert client.get("/api/v1/returns/e-apd.xlsx?year=2025").status_code == 200
    iati = client.get("/api/v1/returns/iati.xml?year=2025")
    assert iati.status_code == 200
    assert b'version="2.03"' in iati.content
    assert client.get("/api/v1/returns/atlas.csv").status_code == 200
    assert client.get("/api/v1/returns/atlas.xlsx?country=SN").status_code == 200


def test_the_api_refuses_bad_input_with_the_one_error_shape(api_client_for, year_2025):
    client = api_client_for("editor")
    response = client.get("/api/v1/returns/e-apd/?year=2030", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "2030" in response.json()["error"]["fields"]["year"][0]
    missing = client.get("/api/v1/returns/iati.xml?year=2025", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 400
    assert "IATI_REPORTING_ORG_REF" in missing.json()["error"]["fields"]["non_field_errors"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("partner", 403)])
def test_the_api_is_for_office_staff(api_client, user_for_role, role, status):
    user = user_for_role(role)
    if user:
        api_client.force_authenticate(user)
    assert api_client.get("/api/v1/returns/e-apd/").status_code == status
    assert api_client.get("/api/v1/returns/iati.xml").status_code == status


def test_the_worksheet_answer_matches_the_openapi_schema(api_client_for, year_2025):
    import copy

    import jsonschema
    from drf_spectacular.generators import SchemaGenerator

    from tests.api.test_schema import _json_schema

    openapi = SchemaGenerator().get_schema(request=None, public=True)
    operation = openapi["paths"]["/api/v1/returns/e-apd/"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    document = _json_schema({"components": copy.deepcopy(openapi["components"]), **schema})
    body = api_client_for("viewer").get("/api/v1/returns/e-apd/", {"year": 2025}).json()
    jsonschema.validate(body, document, cls=jsonschema.Draft202012Validator)


def test_a_large_year_shows_the_largest_projects_and_points_to_the_worksheet(
    client, editor, year_2025
):
    from returns.views import PAGE_ROWS

    for i in range(PAGE_ROWS):
        project = f.CooperationProjectFactory(title=f"Petit projet {i}", partner_city=None)
        line(project, "", "1", "1")
    client.force_login(editor)
    page = client.get(reverse(PAGE), {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Coopération Villeurbanne" in page  # the largest amount comes first
    assert "6 more projects are in the worksheet" in page  # 56 projects, 50 shown
    assert "And 4 more in the worksheet" in page  # 54 warnings, 50 shown
