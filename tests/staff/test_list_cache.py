"""A list page's results and filters are cached for staff of a role until their data change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.usefixtures("empty_cache")


def queries_for(client, url, **params) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries]


def results(html: str) -> str:
    """The list's results (the rest of the page holds a CSRF token masked anew each time)."""
    start = html.index('<div id="list-results"')
    return html[start : html.index("</section>", start)]


def reads_cities(sql: list[str]) -> bool:
    return any('FROM "partnerships_partnercity"' in q for q in sql)


@pytest.mark.django_db
def test_the_second_view_of_a_list_reads_no_rows_and_shows_the_same(client_for):
    f.PartnerCityFactory(name="Leipzig")
    client = client_for("viewer")
    url = reverse("staff:partnercity_list")
    first, sql = queries_for(client, url)
    assert "Leipzig" in first
    assert reads_cities(sql)
    again, sql = queries_for(client, url)
    assert results(again) == results(first)
    assert "Leipzig" in results(again)
    assert not reads_cities(sql)


@pytest.mark.django_db
def test_a_new_or_changed_record_shows_at_once(client_for):
    client = client_for("viewer")
    url = reverse("staff:partnercity_list")
    empty, _ = queries_for(client, url)
    assert "Leipzig" not in empty
    city = f.PartnerCityFactory(name="Leipzig")
    assert "Leipzig" in queries_for(client, url)[0]
    city.name = "Dresden"
    city.save()
    page, _ = queries_for(client, url)
    assert "Dresden" in page
    assert "Leipzig" not in page


@pytest.mark.django_db
def test_each_query_language_and_role_has_its_own_fragment(client_for):
    f.PartnerCityFactory(name="Leipzig", country="DE")
    f.PartnerCityFactory(name="Turin", country="IT")
    url = reverse("staff:partnercity_list")
    viewer = client_for("viewer")
    german = viewer.get(url, {"country": "DE"}).content.decode()
    assert "Leipzig" in german
    assert "Turin" not in german
    italian = viewer.get(url, {"country": "IT"}).content.decode()
    assert "Turin" in italian
    assert "Leipzig" not in italian
    french = viewer.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = viewer.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Allemagne" in french
    assert "Germany" in english
    assert "Germany" not in french


@pytest.mark.django_db
def test_the_htmx_answer_is_the_cached_results_fragment(client_for):
    f.PartnerCityFactory(name="Leipzig")
    client = client_for("viewer")
    url = reverse("staff:partnercity_list")
    page = client.get(url).content.decode()
    fragment = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="list-results")
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="list-results"')
    assert body.strip() in page


@pytest.mark.django_db
def test_the_cached_dashboard_shows_a_new_delegation_and_change_at_once(client_for):
    import datetime as dt

    from django.utils import timezone

    client = client_for("viewer")
    url = reverse("staff:dashboard")
    first = client.get(url).content.decode()
    assert "Trade mission to Montreal" not in first
    today = timezone.localdate()
    f.DelegationFactory(
        title="Trade mission to Montreal",
        status="planned",
        starts_on=today + dt.timedelta(days=5),
        ends_on=today + dt.timedelta(days=7),
    )
    page = client.get(url).content.decode()
    assert page.count("Trade mission to Montreal") >= 2  # upcoming, and the recent changes
    # Seen again without change: the figures and lists come from the cache.
    _, sql = queries_for(client, url)
    assert not any('FROM "delegations_delegation"' in q for q in sql)
