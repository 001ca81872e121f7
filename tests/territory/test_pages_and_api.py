"""The territory page, its exports and its API endpoint, as staff and others meet them."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories as f

PAGE = reverse("staff:territory")
API = reverse("api:territory-list")


def table_rows(response) -> list[str]:
    html = response.content.decode()
    body = html.split('id="territory-table"', 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr")[2:]  # after the header row


def map_block(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="territory-data" type="application/json">')
    text = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(text)


@pytest.mark.django_db
def test_the_page_shows_a_row_per_country_with_its_gaps(client, viewer, territory):
    client.force_login(viewer)
    response = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    rows = table_rows(response)
    assert len(rows) == 6
    germany = next(row for row in rows if "Germany" in row)
    assert "1 partnership with no delegation, exchange or project in 3 years." in germany
    assert "A consulate, but no diaspora group recorded for the country." in germany
    portugal = next(row for row in rows if "Portugal" in row)
    assert "but no partnership with the country" in portugal
    assert "6 countries · 3 with a gap" in response.content.decode()


@pytest.mark.django_db
def test_the_page_reads_in_french_by_default(client, viewer, territory):
    client.force_login(viewer)
    response = client.get(PAGE)
    content = response.content.decode()
    assert "Diagnostic du territoire" in content
    assert "Allemagne" in content
    assert "Maroc" in content


@pytest.mark.django_db
def test_the_map_is_coloured_by_the_measure_chosen(client, viewer, territory):
    client.force_login(viewer)
    by_size = map_block(client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en"))
    assert by_size["measure"] == "Diaspora size (known estimates)"
    colours = {c["code"]: c["colour"] for c in by_size["countries"]}
    assert colours["MA"] == "#08519c"  # the largest diaspora: the darkest class
    assert colours["DE"] == by_size["nothing"]  # no diaspora recorded
    assert {c["code"]: c["id"] for c in by_size["countries"]}["MA"] == "504"

    response = client.get(PAGE, {"measure": "partnerships"}, HTTP_ACCEPT_LANGUAGE="en")
    by_partnerships = map_block(response)
    colours = {c["code"]: c["colour"] for c in by_partnerships["countries"]}
    assert colours["DE"] == "#08519c"  # two partnerships, the most
    assert colours["MA"] == by_partnerships["nothing"]
    assert "Legend: Partnerships" in response.content.decode()


@pytest.mark.django_db
def test_the_gap_filter_keeps_only_those_countries(client, viewer, territory):
    client.force_login(viewer)
    response = client.get(PAGE, {"gap": "diaspora_without_consulate"}, HTTP_ACCEPT_LANGUAGE="en")
    rows = table_rows(response)
    assert len(rows) == 1
    assert "Morocco" in rows[0]
    assert len(table_rows(client.get(PAGE, {"gap": "any"}))) == 3


@pytest.mark.django_db
def test_a_bad_filter_answers_400_named_and_the_rest_still_shown(client, viewer, territory):
    client.force_login(viewer)
    response = client.get(PAGE, {"gap": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert len(table_rows(response)) == 6


@pytest.mark.django_db
def test_an_export_with_a_bad_filter_answers_400_naming_it_rather_than_every_row(
    client, viewer, territory
):
    client.force_login(viewer)
    huge = "830122015627130185973760"
    response = client.get(
        PAGE, {"local_government": huge, "export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.content.decode().startswith("local_government: Select a valid choice.")


@pytest.mark.django_db
def test_the_table_sorts_by_a_column(client, viewer, territory):
    client.force_login(viewer)
    response = client.get(PAGE, {"sort": "-diaspora_size"}, HTTP_ACCEPT_LANGUAGE="en")
    first = table_rows(response)[0]
    assert "Morocco" in first
    assert 'aria-sort="descending"' in response.content.decode()


@pytest.mark.django_db
def test_the_csv_export_holds_the_figures_of_the_filtered_rows(client, viewer, territory):
    client.force_login(viewer)
    response = client.get(PAGE, {"export": "csv", "gap": "any"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["ISO code"] for row in rows] == ["DE", "MA", "PT"]
    germany = rows[0]
    assert germany["Honorary consulates"] == "1"
    assert germany["Idle partnerships"] == "1"
    assert germany["Delegations received"] == "2"
    assert "no diaspora group recorded" in germany["Gaps"]
    assert rows[2]["Diaspora size (known estimates)"] == "11800"


@pytest.mark.django_db
def test_the_xlsx_export_opens_with_the_same_figures(client, viewer, territory):
    client.force_login(viewer)
    response = client.get(PAGE, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    header, body = values[0], values[1:]
    assert len(body) == 6
    morocco = dict(zip(header, next(row for row in body if row[1] == "MA"), strict=True))
    assert morocco["Diaspora size (known estimates)"] == 14600
    assert morocco["Partnerships"] == 0


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_with_few_and_many_countries(client, viewer, territory):
    client.force_login(viewer)
    client.get(PAGE)  # the session and the user, read once

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        return len(queries)

    few = count()
    lyon = territory.lyon
    for i, code in enumerate(["BR", "SN", "US", "ES", "CA", "MX", "AR", "CL"]):
        city = f.PartnerCityFactory(name=f"Ville {i}", country=code)
        f.PartnershipFactory(local_government=lyon, partner_city=city)
        f.DelegationFactory(local_government=lyon, partner_city=city)
        f.ConsulateFactory(country=code, city=f"Town {i}")
    assert count() == few


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("partner", 403), ("viewer", 200), ("editor", 200)],
)
def test_only_office_staff_open_the_page(client, user_for_role, role, status):
    user = user_for_role(role)
    if user is not None:
        client.force_login(user)
    response = client.get(PAGE)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith("/staff/sign-in/")


@pytest.mark.django_db
def test_the_api_gives_the_figures_and_gaps_in_both_languages(api_client_for, territory):
    response = api_client_for("viewer").get(API, {"gap": "any", "ordering": "-diaspora_size"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert body["thresholds"]["large_diaspora"] == 5000
    assert [row["country"] for row in body["results"]] == ["MA", "PT", "DE"]
    morocco = body["results"][0]
    assert morocco["name_fr"] == "Maroc"
    assert morocco["name_en"] == "Morocco"
    assert morocco["gaps"] == ["diaspora_without_partnership", "diaspora_without_consulate"]
    germany = body["results"][2]
    assert germany["diaspora_size"] is None
    assert (germany["partnerships"], germany["idle_partnerships"]) == (2, 1)


@pytest.mark.django_db
def test_the_api_refuses_a_bad_filter_naming_it(api_client_for, territory):
    response = api_client_for("viewer").get(API, {"gap": "nonsense"})
    assert response.status_code == 400
    assert "gap" in response.json()["error"]["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("partner", 403)])
def test_the_api_is_for_office_staff_only(api_client, user_for_role, role, status):
    from knox.models import AuthToken

    user = user_for_role(role)
    if user is not None:
        _, token = AuthToken.objects.create(user=user)
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api_client.get(API).status_code == status


@pytest.mark.django_db
def test_the_api_answer_matches_its_schema(api_client_for, territory):
    import jsonschema
    from drf_spectacular.generators import SchemaGenerator

    from tests.api.test_schema import _json_schema

    openapi = SchemaGenerator().get_schema(request=None, public=True)
    operation = openapi["paths"]["/api/v1/territory/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"gap", "q", "ordering"}
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    document = _json_schema({"components": openapi["components"], **schema})
    body = api_client_for("viewer").get(API).json()
    jsonschema.validate(body, document, cls=jsonschema.Draft202012Validator)


@pytest.mark.django_db
def test_the_api_costs_the_same_queries_with_few_and_many_countries(api_client_for, territory):
    client = api_client_for("viewer")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(API).status_code == 200
        return len(queries)

    few = count()
    for i, code in enumerate(["BR", "SN", "US", "ES"]):
        city = f.PartnerCityFactory(name=f"Ville {i}", country=code)
        f.PartnershipFactory(local_government=territory.lyon, partner_city=city)
        f.ExchangeProgramFactory(local_government=territory.lyon, partner_city=city)
    assert count() == few
