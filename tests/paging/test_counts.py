"""Lists count their rows up to ``LIST_EXACT_COUNT_LIMIT``; above it they say "more than
N (about M)", PostgreSQL's estimate, and every page is still found from its own rows:
walking the ``next`` links reads each row once, and no page is invented or lost."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from intl_relations.paging import count_rows
from partnerships.models import PartnerCity
from tests import factories as f

ESTIMATES = connection.vendor == "postgresql"  # SQLite's planner gives no estimate
LIMIT = 3


@pytest.fixture
def cities(db):
    """Seven partner cities, planner statistics up to date (as after autovacuum)."""
    made = [f.PartnerCityFactory(name=f"Ville {n}", country="IT") for n in range(7)]
    if ESTIMATES:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE partnerships_partnercity")
    return made


def test_a_list_within_the_limit_is_counted_exactly(cities):
    counted = count_rows(PartnerCity.objects.all())
    assert (counted.rows, counted.exact) == (7, True)


@override_settings(LIST_EXACT_COUNT_LIMIT=LIMIT)
def test_a_longer_list_reads_only_the_limit_and_estimates_the_rest(cities):
    with CaptureQueriesContext(connection) as queries:
        counted = count_rows(PartnerCity.objects.filter(country="IT"))
    if not ESTIMATES:
        assert (counted.rows, counted.exact) == (7, True)
        return
    assert not counted.exact
    assert counted.rows > LIMIT  # never below what was seen
    sql = queries.captured_queries[0]["sql"]
    assert f"LIMIT {LIMIT + 1}" in sql, sql
    assert queries.captured_queries[1]["sql"].startswith("EXPLAIN")
    assert count_rows(PartnerCity.objects.filter(country="IT"), exact=True).rows == 7


@override_settings(LIST_EXACT_COUNT_LIMIT=0)
def test_a_limit_of_zero_counts_every_row(cities):
    assert count_rows(PartnerCity.objects.all()) == count_rows(
        PartnerCity.objects.all(), exact=True
    )


@override_settings(LIST_EXACT_COUNT_LIMIT=LIMIT)
def test_the_api_says_its_count_is_an_estimate_and_its_pages_hold_every_row(cities, api_client_for):
    client = api_client_for("viewer")
    url = "/api/v1/partner-cities/?country=IT&page_size=2"
    first = client.get(url).json()
    assert first["count_is_exact"] is (not ESTIMATES)
    assert first["count"] == 7 if not ESTIMATES else first["count"] > LIMIT
    seen, answer, pages = [], first, 1
    while answer["next"]:
        seen += [row["id"] for row in answer["results"]]
        answer = client.get(answer["next"]).json()
        pages += 1
    seen += [row["id"] for row in answer["results"]]
    assert sorted(seen) == sorted(city.pk for city in cities)  # each row once
    assert pages == 4
    assert len(answer["results"]) == 1
    assert client.get(url + "&page=5").status_code == 404

    refused = client.get(url + "&count=all")
    assert refused.status_code == 400
    assert "exact" in refused.json()["error"]["fields"]["count"][0]
    exact = client.get(url + "&count=exact").json()
    assert (exact["count"], exact["count_is_exact"]) == (7, True)
    last = client.get(url + "&page=last").json()
    assert (last["count"], last["count_is_exact"], last["next"]) == (7, True, None)
    assert len(last["results"]) == 1


@override_settings(LIST_EXACT_COUNT_LIMIT=LIMIT)
def test_a_staff_list_shows_the_bound_and_the_estimate_and_pages_to_its_end(db, client_for):
    made = [f.PartnerCityFactory(name=f"Ville {n:02}", country="PT") for n in range(27)]
    if ESTIMATES:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE partnerships_partnercity")
    client = client_for("viewer")
    url = reverse("staff:partnercity_list") + "?country=PT"
    first = client.get(url).content.decode()
    second = client.get(url + "&page=2").content.decode()
    if ESTIMATES:
        assert "Plus de 3 enregistrements (environ" in first
        assert "Page 1 sur environ" in first
    else:
        assert "27 enregistrements" in first
        assert "Page 1 sur 2" in first
    assert 'rel="next"' in first
    assert 'rel="next"' not in second  # the last page, found from its rows
    shown = [city.name for city in made if city.name in first or city.name in second]
    assert len(shown) == 27


@override_settings(LIST_EXACT_COUNT_LIMIT=LIMIT)
def test_an_estimated_list_runs_the_same_queries_for_few_rows_and_many(
    cities, api_client_for, client_for
):
    api, staff = api_client_for("viewer"), client_for("viewer")

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as on_api:
            assert api.get("/api/v1/partner-cities/?country=IT").status_code == 200
        with CaptureQueriesContext(connection) as on_page:
            assert staff.get(reverse("staff:partnercity_list") + "?country=IT").status_code == 200
        return len(on_api), len(on_page)

    few = queries()
    for n in range(60):
        f.PartnerCityFactory(name=f"Autre {n}", country="IT")
    assert queries() == few


@override_settings(LIST_EXACT_COUNT_LIMIT=LIMIT)
def test_grouped_rows_are_counted_as_groups(cities):
    f.PartnerCityFactory(name="Lisboa", country="PT")
    by_country = PartnerCity.objects.values("country").annotate(n=Count("pk"))
    assert count_rows(by_country).rows == 2  # Italy and Portugal: within the limit


def test_a_staff_list_counts_its_rows_once(cities, client_for):
    """The table is paginated once, by the list's own paginator (given the request at
    construction, django-tables2 would paginate and count it a first time)."""
    client = client_for("viewer")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("staff:partnercity_list")).status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    counts = [sql for sql in counts if "partnerships_partnercity" in sql.split("FROM", 1)[1][:60]]
    assert len(counts) == 1, counts
