"""Every list endpoint runs the same number of SQL queries for 5 rows and for 200."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .endpoints import ENDPOINTS, walked_basenames

LISTS = [basename for basename in walked_basenames() if basename != "theme"]


def count_queries(client, url):
    """The queries of one uncached answer (cached counts would hide growth)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200
    return len(queries), response.json()["count"]


def row_maker(basename):
    """A function that adds one row to the ``basename`` list."""
    make = ENDPOINTS[basename].factory
    if basename == "user":
        from tests.factories import UserFactory

        make = UserFactory
    elif basename == "local-government":
        from tests.factories import LocalGovernmentFactory

        counter = iter(range(1000))
        make = lambda: LocalGovernmentFactory(name=f"Commune {next(counter)}", is_default=False)  # noqa: E731
    elif basename == "diaspora-group":
        from tests.factories import DiasporaGroupFactory, LocalGovernmentFactory

        counter = iter(range(1000))
        # One group per origin country and local government.
        make = lambda: DiasporaGroupFactory(  # noqa: E731
            local_government=LocalGovernmentFactory(name=f"LG {next(counter)}", is_default=False)
        )
    return make


@pytest.mark.django_db
@pytest.mark.parametrize("basename", LISTS)
def test_list_runs_a_constant_number_of_queries(basename, api_client_for):
    client = api_client_for("administrator")
    url = reverse(f"api:{basename}-list")
    make = row_maker(basename)
    for _ in range(5):
        make()
    few, few_rows = count_queries(client, url)
    for _ in range(195):
        make()
    many, many_rows = count_queries(client, url)
    assert many_rows >= few_rows + 195
    assert many == few, f"{basename}: {few} queries for {few_rows} rows, {many} for {many_rows}"


@pytest.mark.django_db
@pytest.mark.parametrize("basename", LISTS)
def test_every_page_holds_the_rows_of_the_whole_list_at_its_place(basename, api_client_for):
    """Pages of 2 of 7 rows are the whole list's rows in order. Their rows are read by id
    after the page's ids were chosen (``intl_relations.paging``): page 2 skips the 2 rows
    before it, page 4 (the last row) is the first of the reversed order."""
    client = api_client_for("administrator")
    url = reverse(f"api:{basename}-list")
    make = row_maker(basename)
    for _ in range(7):
        make()
    whole = client.get(url, {"page_size": 200}).json()["results"]
    assert len(whole) >= 7
    pages, sql = [], {}
    for number in range(1, (len(whole) + 1) // 2 + 1):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page_size": 2, "page": number})
        assert response.status_code == 200
        pages.extend(response.json()["results"])
        sql[number] = [query["sql"] for query in queries if " IN (SELECT " in query["sql"]]
    assert pages == whole
    assert any("LIMIT 2 OFFSET 2" in query for query in sql[2]), f"{basename}: page 2"
    if len(whole) == 7:
        last = sql[4]
        assert any("LIMIT 1)" in q and "OFFSET" not in q for q in last), f"{basename}: page 4"


@pytest.mark.django_db
def test_rows_that_tie_on_the_order_keep_one_place_from_page_to_page(api_client_for):
    """Five applications sent the same second: pages of 2 hold each of them once, by id."""
    from django.utils import timezone

    from exchanges.models import Application
    from tests.factories import ApplicationFactory

    made = [ApplicationFactory() for _ in range(5)]
    Application.objects.filter(pk__in=[a.pk for a in made]).update(submitted_at=timezone.now())
    client = api_client_for("administrator")
    url = reverse("api:application-list")
    pages = [
        [row["id"] for row in client.get(url, {"page_size": 2, "page": n}).json()["results"]]
        for n in (1, 2, 3)
    ]
    assert [pk for page in pages for pk in page] == sorted(a.pk for a in made)
