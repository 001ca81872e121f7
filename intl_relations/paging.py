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

Counting stops at ``LIST_EXACT_COUNT_LIMIT`` rows (``count_rows``): a list of more
says "more than 10,000 (about 94,600)", the estimate PostgreSQL's planner makes from
its statistics, instead of counting 94,600 rows on every page. The cost of a page then
no longer grows with the table. Whether another page follows such a list's page is
read from the rows themselves (one more row is read), so no page is lost to a low
estimate nor an empty one shown for a high one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django_tables2.data import TableQuerysetData


@dataclass(frozen=True)
class Counted:
    """How many rows a list holds: exact, or PostgreSQL's estimate when there are more
    than ``LIST_EXACT_COUNT_LIMIT`` (then never below that limit + 1)."""

    rows: int
    exact: bool


def count_rows(queryset: QuerySet, *, exact: bool = False) -> Counted:
    """The rows of ``queryset``, counted up to ``LIST_EXACT_COUNT_LIMIT`` and estimated
    above it (exactly whatever their number when ``exact``, and on SQLite, whose
    planner gives no estimate).

    The count reads at most the limit + 1 rows (``SELECT COUNT(*) FROM (... LIMIT
    10001)``); only a list that has more asks the planner (``EXPLAIN``, no row read).
    """
    limit = settings.LIST_EXACT_COUNT_LIMIT
    if exact or not limit or connections[queryset.db].vendor != "postgresql":
        return Counted(queryset.count(), exact=True)
    # The ids alone: no annotation (a list's counts) is computed for rows only counted.
    # Grouped rows (``.values(...).annotate(...)``) are counted as they are.
    ids = queryset.order_by()
    if ids.query.group_by is None and not ids.query.values_select:
        ids = ids.values("pk")
    seen = ids[: limit + 1].count()
    if seen <= limit:
        return Counted(seen, exact=True)
    plan = json.loads(ids.explain(format="json"))
    return Counted(max(int(plan[0]["Plan"]["Plan Rows"]), seen), exact=False)


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
    """Django's paginator, reading a queryset's page through ``page_rows``, its rows
    counted by ``count_rows`` (exactly whatever their number when ``exact_count``).

    ``object_list`` is a queryset, or what counts itself (``counted(exact=...)``): the
    lean reader's ``Rows``, or a table's rows whose ``data`` is a ``StaffTableData``.
    """

    def __init__(self, *args: Any, exact_count: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.exact_count = exact_count

    @cached_property
    def counted(self) -> Counted:
        rows = self.object_list
        for source in (rows, getattr(rows, "data", None)):
            if hasattr(source, "counted"):
                return source.counted(exact=self.exact_count)
        if isinstance(rows, QuerySet):
            return count_rows(rows, exact=self.exact_count)
        return Counted(len(rows), exact=True)

    @cached_property
    def count(self) -> int:
        return self.counted.rows

    @property
    def count_is_exact(self) -> bool:
        return self.counted.exact

    def validate_number(self, number: Any) -> int:
        try:
            return super().validate_number(number)
        except EmptyPage:
            # Past the estimate's last page: ``page`` looks for its rows.
            if self.count_is_exact or int(number) < 1:  # parsed by Django already
                raise
            return int(number)

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        if not self.count_is_exact:
            # One row more than the page says whether another page follows.
            key = slice(bottom, bottom + self.per_page + 1)
            found = list(page_rows(rows, key) if isinstance(rows, QuerySet) else rows[key])
            if not found and number > 1:
                raise EmptyPage(self.error_messages["no_results"])
            more = len(found) > self.per_page
            return EstimatedPage(found[: self.per_page], number, self, more=more)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        key = slice(bottom, top)
        page = page_rows(rows, key, total=self.count) if isinstance(rows, QuerySet) else rows[key]
        return self._get_page(page, number, self)


class EstimatedPage(Page):
    """A page of a list whose count is an estimate: it knows from its own rows, not
    from the count, whether another page follows."""

    def __init__(self, object_list: Any, number: int, paginator: Any, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class StaffTableData(TableQuerysetData):
    """A staff table's queryset (sorted by the table), counted by ``count_rows`` and
    cut into pages by ``page_rows``."""

    rows_counted: Counted | None = None

    def counted(self, *, exact: bool = False) -> Counted:
        if self.rows_counted is None:
            self.rows_counted = count_rows(self.data, exact=exact)
            self._length = self.rows_counted.rows  # what ``len`` then says, uncounted
        return self.rows_counted

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            counted = self.rows_counted
            total = counted.rows if counted is not None and counted.exact else None
            return page_rows(self.data, key, total=total)
        return self.data[key]
