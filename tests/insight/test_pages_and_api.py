"""The insight pages, exports and endpoints: who gets in, the rows, filters, sorting."""

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories as f

from .conftest import ago

pytestmark = pytest.mark.django_db

HEALTH = reverse("staff:partnershiphealth_list")
RECIPROCITY = reverse("staff:partnercityreciprocity_list")
HEALTH_API = reverse("api:partnership-health-list")
RECIPROCITY_API = reverse("api:partner-city-reciprocity-list")


def rows_of_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


# --- who gets in -----------------------------------------------------------------------


@pytest.mark.parametrize("url", [HEALTH, RECIPROCITY])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("partner", 403),
        ("viewer", 200),
        ("editor", 200),
        ("administrator", 200),
    ],
)
def test_the_pages_are_for_office_staff(client_for, url, role, status):
    response = client_for(role).get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/staff/sign-in/")


@pytest.mark.parametrize("url", [HEALTH_API, RECIPROCITY_API])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("partner", 403),
        ("viewer", 200),
        ("editor", 200),
        ("administrator", 200),
    ],
)
def test_the_endpoints_are_for_office_staff(api_client_for, url, role, status):
    assert api_client_for(role).get(url).status_code == status


def test_the_endpoints_are_read_only(api_client_for):
    client = api_client_for("administrator")
    assert client.post(HEALTH_API, {}).status_code == 405
    assert client.post(RECIPROCITY_API, {}).status_code == 405


# --- partnerships going quiet ------------------------------------------------------------


def test_the_health_page_lists_the_quietest_first_with_reasons_and_actions(client_for, quiet_world):
    html = client_for("viewer").get(HEALTH).content.decode()
    assert "Partnerships going quiet" in html
    assert html.index("Yokohama") < html.index("Milan") < html.index("Leipzig")
    assert f"no delegation received since {ago(3).year}" in html
    assert "Move to dormant" in html
    assert "Plan a visit" in html
    assert "3 records" in html


def test_the_health_page_filters_by_verdict_country_and_status(client_for, quiet_world):
    client = client_for("viewer")
    html = client.get(HEALTH, {"verdict": "dormant"}).content.decode()
    assert "Yokohama" in html
    assert "Milan" not in html
    assert "Leipzig" not in html
    html = client.get(HEALTH, {"country": "IT"}).content.decode()
    assert "Milan" in html
    assert "Yokohama" not in html
    html = client.get(HEALTH, {"status": "dormant"}).content.decode()
    assert "1 record" not in html
    assert "0 records" in html


def test_the_health_page_sorts_by_a_column(client_for, quiet_world):
    html = client_for("viewer").get(HEALTH, {"sort": "-last_activity"}).content.decode()
    assert html.index("Leipzig") < html.index("Milan") < html.index("Yokohama")


def test_a_bad_filter_is_named_on_the_page(client_for, quiet_world):
    response = client_for("viewer").get(HEALTH, {"verdict": "asleep"})
    assert response.status_code == 400
    assert "<code>verdict</code>" in response.content.decode()
    assert "Select a valid choice" in response.content.decode()


def test_the_health_export_holds_the_filtered_rows_with_reasons(client_for, quiet_world):
    response = client_for("viewer").get(
        HEALTH, {"export": "csv", "verdict": ["slowing", "dormant"]}
    )
    rows = rows_of_csv(response)
    header, body = rows[0], rows[1:]
    assert "Verdict" in header
    assert "Reasons" in header
    assert "Suggested action" in header
    by_city = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_city) == {"Milan", "Yokohama"}
    assert by_city["Yokohama"]["Verdict"] == "Dormant"
    assert by_city["Yokohama"]["Last delegation sent"] == ago(7).isoformat()
    assert by_city["Yokohama"]["Suggested action"] == "Move to dormant"
    assert f"no exchange since {ago(4).year}" in by_city["Milan"]["Reasons"]

    workbook = load_workbook(
        io.BytesIO(client_for("viewer").get(HEALTH, {"export": "xlsx"}).content)
    )
    sheet = workbook.active
    assert sheet.max_row == 4  # header and three partnerships


def test_the_health_api_answers_the_same_rows_and_filters(api_client_for, quiet_world):
    client = api_client_for("viewer")
    data = client.get(HEALTH_API).json()
    assert [r["partner_city"]["name"] for r in data["results"]] == ["Yokohama", "Milan", "Leipzig"]
    yokohama = data["results"][0]
    assert yokohama["verdict"] == "dormant"
    assert yokohama["last_delegation_out"] == ago(7).isoformat()
    assert yokohama["activity_5y"] == 0
    assert yokohama["suggested_action"]["label"] == "Move to dormant"
    assert f"no delegation sent since {ago(7).year}" in yokohama["reasons"]
    only = client.get(HEALTH_API, {"verdict": "lively"}).json()["results"]
    assert [r["partner_city"]["name"] for r in only] == ["Leipzig"]
    assert client.get(HEALTH_API, {"verdict": "asleep"}).status_code == 400
    ordered = client.get(HEALTH_API, {"ordering": "-last_activity"}).json()["results"]
    assert ordered[0]["partner_city"]["name"] == "Leipzig"
    export = client.get(reverse("api:partnership-health-export-csv"), {"verdict": "dormant"})
    assert [row[0] for row in rows_of_csv(export)[1:]] == ["Yokohama"]


def test_the_partnership_page_shows_its_health(client_for, quiet_world):
    p = quiet_world["Milan"]
    html = (
        client_for("viewer").get(reverse("staff:partnership_detail", args=[p.pk])).content.decode()
    )
    assert "Health" in html
    assert "Slowing" in html
    assert f"no delegation received since {ago(3).year}" in html
    assert "Plan a visit" in html


# --- reciprocity --------------------------------------------------------------------


@pytest.fixture
def visited(db):
    """Rabat visits twice and is never visited; Turin is visited once, never comes."""
    home = f.LocalGovernmentFactory()
    rabat = f.PartnerCityFactory(name="Rabat", country="MA")
    turin = f.PartnerCityFactory(name="Turin", country="IT")
    quiet = f.PartnerCityFactory(name="Quietville", country="DE")
    for day in (dt.date(2024, 3, 1), dt.date(2025, 3, 1)):
        f.DelegationFactory(
            local_government=home,
            partner_city=rabat,
            direction="incoming",
            starts_on=day,
            ends_on=day,
        )
    f.DelegationFactory(
        local_government=home,
        partner_city=turin,
        direction="outgoing",
        starts_on=dt.date(2025, 5, 1),
        ends_on=dt.date(2025, 5, 2),
    )
    return rabat, turin, quiet


def test_the_reciprocity_table_puts_who_visits_and_is_never_visited_first(client_for, visited):
    html = client_for("viewer").get(RECIPROCITY).content.decode()
    assert "Reciprocity with the partner cities" in html
    assert html.index("Rabat") < html.index("Quietville") < html.index("Turin")
    assert "+2" in html


def test_the_reciprocity_table_sorts_and_counts_a_period(client_for, visited):
    client = client_for("viewer")
    html = client.get(RECIPROCITY, {"sort": "delegation_balance"}).content.decode()
    assert html.index("Turin") < html.index("Rabat")
    rows = rows_of_csv(
        client.get(
            RECIPROCITY, {"export": "csv", "date_from": "2025-01-01", "date_to": "2025-12-31"}
        )
    )
    header = rows[0]
    by_city = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_city["Rabat"]["Delegations received"] == "1"
    assert by_city["Turin"]["Delegations sent"] == "1"
    assert by_city["Turin"]["Delegation balance (received − sent)"] == "-1"


def test_a_period_that_ends_before_it_starts_is_refused(client_for, api_client_for, visited):
    params = {"date_from": "2025-01-01", "date_to": "2024-01-01"}
    html = client_for("viewer").get(RECIPROCITY, params).content.decode()
    assert "The end of the period comes before its start." in html
    response = api_client_for("viewer").get(RECIPROCITY_API, params)
    assert response.status_code == 400
    assert "date_to" in response.json()["error"]["fields"]


def test_the_reciprocity_api_filters_sorts_and_counts_a_period(api_client_for, visited):
    client = api_client_for("viewer")
    rows = client.get(RECIPROCITY_API, {"ordering": "-delegation_balance"}).json()["results"]
    assert [(r["name"], r["delegation_balance"]) for r in rows] == [
        ("Rabat", 2),
        ("Quietville", 0),
        ("Turin", -1),
    ]
    rows = client.get(RECIPROCITY_API, {"country": "MA", "date_from": "2025-01-01"}).json()
    assert [(r["name"], r["delegations_received"]) for r in rows["results"]] == [("Rabat", 1)]


def test_the_partner_city_page_shows_its_balance_for_a_period(client_for, visited):
    rabat = visited[0]
    url = reverse("staff:partnercity_detail", args=[rabat.pk])
    html = client_for("viewer").get(url).content.decode()
    assert "Reciprocity" in html
    assert "+2" in html
    html = client_for("viewer").get(url, {"date_from": "2025-01-01"}).content.decode()
    assert "+1" in html
    assert "+2" not in html


# --- one query per page, whatever the rows ------------------------------------------------


def count_queries(client, url, **params) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def _activity(n: int) -> None:
    home = f.LocalGovernmentFactory()
    for _ in range(n):
        p = f.PartnershipFactory(local_government=home)
        d = f.DelegationFactory(local_government=home, partner_city=p.partner_city, partnership=p)
        f.DelegationMemberFactory(delegation=d)
        f.DelegationCostFactory(delegation=d)
        f.FollowUpActionFactory(delegation=d, status="done")
        program = f.ExchangeProgramFactory(
            local_government=home, partner_city=p.partner_city, partnership=p
        )
        f.ParticipantFactory(program=program)
        f.ContactFactory(partner_city=p.partner_city, organisation=None)


@pytest.mark.parametrize("url", [HEALTH, RECIPROCITY])
def test_a_page_costs_the_same_with_2_and_30_partners(client_for, url):
    client = client_for("editor")
    _activity(2)
    few = count_queries(client, url)
    _activity(28)
    assert count_queries(client, url) == few


@pytest.mark.parametrize("url", [HEALTH_API, RECIPROCITY_API])
def test_an_endpoint_costs_the_same_with_2_and_30_partners(api_client_for, url):
    client = api_client_for("editor")
    _activity(2)
    few = count_queries(client, url, page_size=200)
    _activity(28)
    assert count_queries(client, url, page_size=200) == few


@pytest.mark.parametrize(
    ("url", "table"),
    [
        (HEALTH, "exchanges_participant"),
        (HEALTH, "delegations_delegation"),
        (RECIPROCITY, "delegations_delegationmember"),
    ],
)
def test_a_page_reads_each_kind_of_record_once_whatever_the_page(client_for, url, table):
    """The figures are grouped by partner once per kind of record and joined to the rows
    (common table expressions): page 2 reads the participants (or the delegation
    members) once, never once per partner shown or skipped. The delegations received
    and sent are one read too, their last days told apart in it."""
    client = client_for("editor")
    _activity(30)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page": 2})
    assert response.status_code == 200
    (page,) = [q["sql"] for q in queries if "OFFSET 25" in q["sql"]]
    assert page.count(f'FROM "{table}"') == 1
    assert " IN (SELECT " not in page


def test_a_detail_page_costs_the_same_with_little_and_much_activity(client_for):
    client = client_for("editor")
    _activity(1)
    from partnerships.models import Partnership

    p = Partnership.objects.get()
    url = reverse("staff:partnership_detail", args=[p.pk])
    few = count_queries(client, url)
    for _ in range(10):
        d = f.DelegationFactory(
            local_government=p.local_government, partnership=p, partner_city=p.partner_city
        )
        f.DelegationMemberFactory(delegation=d)
    assert count_queries(client, url) == few


def test_the_pages_speak_french_first(client, viewer, quiet_world):
    client.force_login(viewer)
    html = client.get(HEALTH, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Partenariats en perte de vitesse" in html
    assert f"aucune délégation reçue depuis {ago(3).year}" in html
    assert "Passer en sommeil" in html
