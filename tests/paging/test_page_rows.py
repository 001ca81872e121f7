"""``page_rows`` gives every page's rows at their place in the whole list, whichever end
it counts from: nulls, ties and orders through a related record included."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from intl_relations.paging import page_rows
from partnerships.models import Partnership
from tests import factories as f

ORDERS = {
    "date ascending (nulls last)": ["review_on"],
    "date descending (nulls first)": ["-review_on"],
    "nulls first, asked for": [F("review_on").asc(nulls_first=True)],
    "nulls last, descending, then kind": [F("review_on").desc(nulls_last=True), "-kind"],
    "the partner city's own order": ["partner_city", "-signed_on"],
}


@pytest.fixture
def partnerships(db):
    """Eleven partnerships: review dates that tie, and four with none."""
    reviews = [dt.date(2027, 1, 1)] * 3 + [None] * 3 + [dt.date(2026, 6, 1), dt.date(2028, 2, 2)]
    reviews += [dt.date(2026, 6, 1), None, dt.date(2029, 1, 1)]
    countries = ("DE", "IT", "ES", "PT", "PL", "SN", "MA", "JP", "CA", "BR", "VN")
    return [
        f.PartnershipFactory(
            review_on=review,
            # Three names, so the partner city's order ties too.
            partner_city=f.PartnerCityFactory(
                name=("Zagreb", "Aalborg", "Lyon")[n % 3], country=countries[n]
            ),
            kind=("twinning", "friendship")[n % 2],
            signed_on=dt.date(1960 + n % 4, 1, 1),
        )
        for n, review in enumerate(reviews)
    ]


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_every_page_holds_the_rows_of_the_whole_list_at_their_place(partnerships, order):
    rows = Partnership.objects.order_by(*order)
    whole = [p.pk for p in rows.order_by(*order, "pk")]
    total = len(whole)
    for size in (1, 2, 3, 4):
        for start in range(0, total, size):
            key = slice(start, start + size)
            page = [p.pk for p in page_rows(rows, key, total=total)]
            assert page == whole[key], f"rows {start} to {start + size} in pages of {size}"


def test_a_page_nearer_the_end_skips_the_rows_after_it(partnerships):
    rows = Partnership.objects.order_by("-signed_on")
    total = len(partnerships)  # 11
    with CaptureQueriesContext(connection) as near_start:
        list(page_rows(rows, slice(2, 4), total=total))
    with CaptureQueriesContext(connection) as last:
        list(page_rows(rows, slice(10, 12), total=total))
    with CaptureQueriesContext(connection) as near_end:
        list(page_rows(rows, slice(6, 8), total=total))
    assert "LIMIT 2 OFFSET 2" in near_start[0]["sql"]
    # The last page: the first row of the reversed order, nothing skipped.
    assert "LIMIT 1)" in last[0]["sql"]
    assert "OFFSET" not in last[0]["sql"]
    # Rows 7 and 8 of 11: three rows after them are skipped, not six before.
    assert "LIMIT 2 OFFSET 3" in near_end[0]["sql"]


def test_without_the_total_a_page_is_counted_from_the_start(partnerships):
    rows = Partnership.objects.order_by("-signed_on")
    with CaptureQueriesContext(connection) as queries:
        page = [p.pk for p in page_rows(rows, slice(9, 11))]
    assert "LIMIT 2 OFFSET 9" in queries[0]["sql"]
    assert page == [p.pk for p in rows.order_by("-signed_on", "pk")][9:11]


def test_a_page_past_the_end_is_empty(partnerships):
    rows = Partnership.objects.order_by("-signed_on")
    assert list(page_rows(rows, slice(20, 22), total=len(partnerships))) == []
