"""Exact counts for paginated lists, computed once per change of the tables they read.

A list's ``count`` is a ``COUNT(*)`` over every row the filters keep: on the national
data set (250,000 delegation members) it costs more than the page itself, and an
integration paging through a list asks the same count on every page. ``cached_count``
keeps it in the cache (Redis in production, shared by every worker) under a key made of
the query and the *version* of every table the query names; any write to one of those
tables (a form, the API, the admin, an import, ``bulk_create``, ``update()``, a
``TRUNCATE``) gives the table a new version, so the next count is computed afresh.

The versions move from the database connection itself (an execute wrapper sees every
statement Django sends), once when the statement runs and again when its transaction
commits, so a count read by another request in between is not kept under the new
version. A count asked inside a transaction (which may hold its own uncommitted rows)
is never cached. A write made outside Django (``psql``) shows within
``COUNT_CACHE_SECONDS``.
"""

from __future__ import annotations

import hashlib
import re
import time
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import QuerySet
from django.utils.functional import cached_property

WRITES = frozenset(
    {"INSERT", "UPDATE", "DELETE", "TRUNCATE", "COPY", "MERGE", "ALTER", "DROP", "WITH"}
)
QUOTED = re.compile(r'"([^"]+)"')


@cache
def known_tables() -> frozenset[str]:
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def tables_in(sql: str) -> frozenset[str]:
    return frozenset(QUOTED.findall(sql)) & known_tables()


def _version_key(table: str) -> str:
    return f"table-version:{table}"


def bump(tables: frozenset[str]) -> None:
    """Give ``tables`` a new version (every count that reads them is recomputed)."""
    if tables:
        version = time.time_ns()
        django_cache.set_many({_version_key(t): version for t in tables}, timeout=None)


def track_writes(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    """The execute wrapper: a write statement bumps the tables it names."""
    first = sql.lstrip()[:8].split(None, 1)[0].upper() if sql.strip() else ""
    if first not in WRITES:
        return execute(sql, params, many, context)
    tables = tables_in(sql)
    try:
        return execute(sql, params, many, context)
    finally:
        bump(tables)
        connection = context["connection"]
        if tables and connection.in_atomic_block:
            transaction.on_commit(lambda: bump(tables), using=connection.alias)


def install(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created``: track this connection's writes."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_writes)


def cached_count(queryset: QuerySet) -> int:
    """``queryset.count()``, kept until a table it reads changes (or the timeout)."""
    connection = connections[queryset.db]
    timeout = settings.COUNT_CACHE_SECONDS
    if not timeout or connection.in_atomic_block:
        return queryset.count()
    try:
        # The key needs the filters only: the ids' query is much cheaper to compile than
        # the list's own (its joined columns, its order).
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # ``none()``, ``pk__in=[]``: no SQL to run
        return queryset.count()
    tables = sorted(tables_in(sql))
    versions = django_cache.get_many([_version_key(t) for t in tables])
    signature = repr((sql, params, [versions.get(_version_key(t)) for t in tables]))
    key = "count:" + hashlib.sha256(signature.encode()).hexdigest()
    count = django_cache.get(key)
    if count is None:
        count = queryset.count()
        django_cache.set(key, count, timeout=timeout)
    return count


class CachedCountPaginator(Paginator):
    """Django's paginator, with ``cached_count`` for querysets (and lean rows)."""

    def count_queryset(self) -> QuerySet | None:
        rows = self.object_list
        queryset = getattr(rows, "count_queryset", rows)
        return queryset if isinstance(queryset, QuerySet) else None

    @cached_property
    def count(self) -> int:
        queryset = self.count_queryset()
        if queryset is not None:
            return cached_count(queryset)
        return super().count


class TablePaginator(CachedCountPaginator):
    """For django-tables2: the table's rows are counted on their (ordered) queryset."""

    def count_queryset(self) -> QuerySet | None:
        queryset = getattr(getattr(self.object_list, "data", None), "data", None)
        return queryset if isinstance(queryset, QuerySet) else None
