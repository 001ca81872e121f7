"""Deep pages as cheap as the first: a page's ids are chosen before its rows are read.

With ``LIMIT 50 OFFSET 50000`` PostgreSQL builds every selected column of every skipped
row: a list's counts (correlated subqueries) and joined names were computed for 50,000
rows to show 50. ``page_rows`` asks first for the page's ids alone, in the list's order
(only what the ordering needs is computed for the skipped rows), then reads the full
rows of those ids only: ``WHERE id IN (SELECT id ... ORDER BY ... LIMIT 50 OFFSET
50000) ORDER BY ...``. One statement, the same rows in the same order.

A page nearer the end than the start is counted from the end: its ids are read in the
reverse order, skipping the rows after it. The last page of the 10,440 partnerships
skips none: PostgreSQL reads the first 40 rows of the reversed order off the partner
cities' name index, instead of sorting all 10,440 to skip 10,400 (the ids in 1 ms
instead of 15 at national scale).

The three places a list is cut into pages use it: the API's paginator (``Pagination``),
the lean API reader (``lean.Rows``) and the staff tables (``StaffTableData``).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django_tables2.data import TableQuerysetData


def page_rows(
    rows: QuerySet, key: slice, ordered: QuerySet | None = None, total: int | None = None
) -> QuerySet:
    """Rows ``key`` of ``rows``, the ids chosen on ``ordered`` (``rows`` when not given).

    ``ordered`` is the same list without what only the answer needs (the ``.values()``
    columns and their joins): its order and filters pick the ids. The first page gains
    too when the rows carry costly columns the order does not need (the health list's
    counts were computed for all 10,440 partnerships to show 25). A ``DISTINCT`` list,
    an unordered one and one built on common table expressions (django-cte: the health
    list joins grouped totals, computed once for every row whatever the page, which
    the ids and the rows would each compute) are sliced as they are.

    The order ends with the id when it does not already: rows that tie on the list's
    order (two applications sent the same second) then keep one place from page to
    page and from one request to the next, and the ids and the rows agree on it. That
    total order is what lets a page be counted from the end when ``total`` (the rows of
    the whole list, which the paginator has counted) says it is nearer the end:
    ``reverse()`` turns every part of the order around, nulls first or last included.
    """
    ordered = rows if ordered is None else ordered
    if rows.query.distinct or not ordered.ordered or _joins_ctes(rows):
        return rows[key]
    order = total_order(ordered)
    ids = ordered.order_by(*order).values("pk")
    start, stop = key.start or 0, key.stop
    if total is not None and stop is not None and key.step is None:
        stop = min(stop, total)
        if total - stop < start < stop:  # fewer rows after the page than before it
            ids = ids.reverse()
            start, stop = total - stop, total - start
    return rows.filter(pk__in=ids[start:stop]).order_by(*order)


def _joins_ctes(rows: QuerySet) -> bool:
    """Whether ``rows`` were given common table expressions by django-cte's ``with_cte``."""
    return bool(getattr(rows.query, "_with_ctes", ()))


def total_order(queryset: QuerySet) -> list[Any]:
    """The ordering of ``queryset`` (its own, or its model's), ending with the id."""
    query = queryset.query
    order = list(query.order_by or (query.get_meta().ordering if query.default_ordering else ()))
    pk_names = {"pk", query.get_meta().pk.attname, query.get_meta().pk.name}
    if any(isinstance(item, str) and item.lstrip("-") in pk_names for item in order):
        return order
    return [*order, "pk"]


class IdsFirstPaginator(Paginator):
    """Django's paginator, reading a queryset's page through ``page_rows``."""

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows, key = self.object_list, slice(bottom, top)
        page = page_rows(rows, key, total=self.count) if isinstance(rows, QuerySet) else rows[key]
        return self._get_page(page, number, self)


class StaffTableData(TableQuerysetData):
    """A staff table's queryset (sorted by the table), cut into pages by ``page_rows``."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            # The table's paginator has counted the rows: ``len`` gives that count again.
            return page_rows(self.data, key, total=len(self))
        return self.data[key]
