"""Every list and detail page costs the same number of queries with 2 rows or 30."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

from .conftest import PAGE_IDS, PAGES, make, url


def count_queries(client, target: str) -> int:
    """The queries of one uncached answer (cached counts and values would hide growth)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(target)
    assert response.status_code == 200, target
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_a_list_page_costs_the_same_with_2_and_30_rows(client_for, pages):
    client = client_for("editor")
    make(pages, 2)
    few = count_queries(client, url(pages, "list"))
    make(pages, 28)
    many = count_queries(client, url(pages, "list"))
    assert few == many


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_a_detail_page_costs_the_same_with_few_and_many_records_around(client_for, pages):
    client = client_for("editor")
    first, *_ = make(pages, 2)
    few = count_queries(client, url(pages, "detail", first))
    make(pages, 28)
    assert count_queries(client, url(pages, "detail", first)) == few


def _partner_city_with(n: int):
    city = f.PartnerCityFactory()
    for i in range(n):
        lg = f.LocalGovernmentFactory(name=f"Holder {city.pk}-{i}", is_default=False)
        partnership = f.PartnershipFactory(partner_city=city, local_government=lg)
        f.DelegationFactory(partner_city=city, partnership=partnership)
        f.ExchangeProgramFactory(partner_city=city, partnership=partnership)
        f.CooperationProjectFactory(partner_city=city, partnership=partnership, local_government=lg)
        f.ContactFactory(partner_city=city, organisation=None)
    return city


@pytest.mark.django_db
def test_a_partner_city_page_costs_the_same_with_2_and_30_related_rows(client_for):
    client = client_for("editor")
    few = count_queries(
        client, reverse("staff:partnercity_detail", args=[_partner_city_with(2).pk])
    )
    many = count_queries(
        client, reverse("staff:partnercity_detail", args=[_partner_city_with(30).pk])
    )
    assert few == many


@pytest.mark.django_db
def test_a_delegation_page_costs_the_same_with_2_and_30_members(client_for):
    client = client_for("editor")
    counts = []
    for n in (2, 30):
        delegation = f.DelegationFactory()
        f.DelegationMemberFactory.create_batch(n, delegation=delegation)
        f.ProgrammeItemFactory.create_batch(n, delegation=delegation)
        f.DelegationCostFactory.create_batch(n, delegation=delegation)
        f.FollowUpActionFactory.create_batch(n, delegation=delegation)
        counts.append(
            count_queries(client, reverse("staff:delegation_detail", args=[delegation.pk]))
        )
        counts.append(count_queries(client, reverse("staff:delegation_edit", args=[delegation.pk])))
    assert counts[0] == counts[2]
    assert counts[1] == counts[3]


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_with_2_and_30_of_everything(client_for):
    client = client_for("editor")

    def fill(n):
        for pages in PAGES:
            make(pages, n)

    fill(2)
    few = count_queries(client, reverse("staff:dashboard"))
    fill(28)
    assert count_queries(client, reverse("staff:dashboard")) == few


def count_export_queries(client, target: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(target)
        body = b"".join(response.streaming_content)
    assert response.status_code == 200, target
    assert body.count(b"\n") >= 2
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_a_csv_export_costs_the_same_with_2_and_30_rows(client_for, pages):
    client = client_for("viewer")
    make(pages, 2)
    few = count_export_queries(client, url(pages, "list") + "?export=csv")
    make(pages, 28)
    assert count_export_queries(client, url(pages, "list") + "?export=csv") == few


@pytest.mark.django_db
@pytest.mark.parametrize("pages", PAGES, ids=PAGE_IDS)
def test_the_second_page_holds_the_rows_the_first_does_not(client_for, pages):
    """Every record is on page 1 or page 2, once, and page 2's rows are read by id after
    its ids were chosen (``intl_relations.paging``). Page 2 is the last: its 5 ids are
    the first of the reversed order, no row skipped."""
    client = client_for("editor")
    records = make(pages, 30)
    first = client.get(url(pages, "list")).content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url(pages, "list"), {"page": 2})
    assert second.status_code == 200
    second = second.content.decode()
    for record in records:
        link = f'href="{url(pages, "detail", record)}"'
        assert (first.count(link) > 0) != (second.count(link) > 0), (pages.name, record.pk)
    assert any(
        " IN (SELECT " in query["sql"]
        and "LIMIT 5)" in query["sql"]
        and "OFFSET" not in query["sql"]
        for query in queries
    )
