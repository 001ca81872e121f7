"""Versions of the tables, and caches that last until a table they read is written.

Every table has a *version* in the cache (Redis in production, shared by every
worker). An execute wrapper installed on each database connection sees every statement
Django sends: a write (a form, the API, the admin, an import, ``bulk_create``,
``update()``, raw SQL through Django, a test's ``TRUNCATE``) gives the tables it names
a new version, once when the statement runs and again when its transaction commits, so
a value read by another request in between is not kept under the new version.

Two caches stand on it:

- ``cached_count``: a list's exact ``COUNT(*)`` (on 250,000 delegation members it costs
  more than the page, and an integration paging through a list asks it on every page),
  keyed by the query and the versions of the tables it names;
- ``cached_until_written``: any value (the home page's figures, the map's GeoJSON),
  stored with the tables its computation read (recorded by the same wrapper) and their
  versions, and recomputed as soon as one of them moves.

Inside a transaction that has written, values are kept under a key of that transaction
alone: it sees its own uncommitted rows, which other requests must not be served, and
which vanish if it rolls back. A write made outside Django (``psql``) shows within
``COUNT_CACHE_SECONDS`` (counts) or the value's own timeout.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import re
import time
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import QuerySet
from django.utils.functional import cached_property

T = TypeVar("T")

WRITES = frozenset(
    {"INSERT", "UPDATE", "DELETE", "TRUNCATE", "COPY", "MERGE", "ALTER", "DROP", "WITH"}
)
QUOTED = re.compile(r'"([^"]+)"')
# Moves with every write anywhere: a value computed while it moved is not kept.
ANY_TABLE = "table-version:*"
# The tables read by the computations being recorded (``cached_until_written``).
_reading: contextvars.ContextVar[tuple[set[str], ...]] = contextvars.ContextVar(
    "intl_relations_reading", default=()
)


@cache
def known_tables() -> frozenset[str]:
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def tables_in(sql: str) -> frozenset[str]:
    return frozenset(QUOTED.findall(sql)) & known_tables()


def version_key(table: str) -> str:
    return f"table-version:{table}"


def bump(tables: frozenset[str]) -> None:
    """Give ``tables`` a new version (every value that read them is recomputed)."""
    if tables:
        version = time.time_ns()
        keys = [version_key(t) for t in tables] + [ANY_TABLE]
        django_cache.set_many(dict.fromkeys(keys, version), timeout=None)


def versions_of(tables: Any) -> tuple[Any, ...]:
    """The current versions of ``tables``.

    A table with no version yet (never written since the cache started, or its key
    evicted) gets a new one, so a value stored before can never match it again.
    """
    return _versions(tables)[0]


def _versions(tables: Any) -> tuple[tuple[Any, ...], Any]:
    """``versions_of(tables)`` and the version of any table, in one round trip."""
    names = sorted(tables)
    keys = [version_key(t) for t in names]
    found = django_cache.get_many([*keys, ANY_TABLE])
    missing = [key for key in keys if key not in found]
    if missing:
        version = time.time_ns()
        for key in missing:
            django_cache.add(key, version, timeout=None)
        found.update(django_cache.get_many(missing))
    return tuple(found.get(key) for key in keys), found.get(ANY_TABLE)


def _outermost_atomic(connection: Any) -> Any:
    return connection.atomic_blocks[0] if connection.atomic_blocks else None


class _Written:
    """What the current transaction of a connection has written: its key part, and the
    tables whose versions its commit will move (once each per savepoint state)."""

    def __init__(self, outer: Any) -> None:
        self.outer = outer
        self.token = uuid.uuid4().hex
        self.at_commit: set[tuple[Any, ...]] = set()


def _written(connection: Any) -> _Written | None:
    written = getattr(connection, "_written_in", None)
    if written is not None and written.outer is _outermost_atomic(connection):
        return written
    return None


def transaction_token(connection: Any) -> str | None:
    """A key part unique to the current transaction once it has written, else ``None``."""
    if not connection.in_atomic_block:
        return None
    written = _written(connection)
    return written.token if written else None


def track_writes(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    """The execute wrapper: a write bumps the tables it names; reads may be recorded."""
    words = sql.lstrip()[:8].split(None, 1)
    if not words or words[0].upper() not in WRITES:
        recorders = _reading.get()
        if recorders:
            read = tables_in(sql)
            for tables in recorders:
                tables.update(read)
        return execute(sql, params, many, context)
    tables = tables_in(sql)
    connection = context["connection"]
    written = None
    if tables and connection.in_atomic_block:
        written = _written(connection)
        if written is None:
            written = connection._written_in = _Written(_outermost_atomic(connection))
    try:
        return execute(sql, params, many, context)
    finally:
        # At once, for this transaction's own cached values; again at commit, for the
        # values other requests read meanwhile. A bulk import writes the same tables
        # thousands of times: the commit's bump is registered once per savepoint state
        # (a savepoint rolled back drops its callbacks, so each state needs its own).
        bump(tables)
        if written is not None:
            pending = (tables, tuple(connection.savepoint_ids))
            if pending not in written.at_commit:
                written.at_commit.add(pending)
                transaction.on_commit(lambda: bump(tables), using=connection.alias)


def install(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created``: track this connection's writes (and recorded reads)."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_writes)


def _also_read(tables: Any) -> None:
    """Count ``tables`` as read by the computations being recorded (a cached value used
    inside another one, whose queries did not run this time)."""
    for recorded in _reading.get():
        recorded.update(tables)


@contextlib.contextmanager
def recording_reads() -> Iterator[set[str]]:
    """The tables the queries run inside the block read."""
    tables: set[str] = set()
    token = _reading.set((*_reading.get(), tables))
    try:
        yield tables
    finally:
        _reading.reset(token)


# The tables each kind of cached value (its name) read when this process last computed
# or checked it, so that their versions come in the same round trip as the value. Only
# a guess: an entry's own list of tables decides, and a wrong guess costs one more
# round trip.
_tables_seen: dict[str, frozenset[str]] = {}
TABLES_SEEN_LIMIT = 20000


def _remember_tables(name: str, tables: frozenset[str]) -> None:
    if _tables_seen.get(name) == tables:
        return
    if len(_tables_seen) >= TABLES_SEEN_LIMIT:
        _tables_seen.clear()
    _tables_seen[name] = tables


def _found_versions(tables: Any, found: dict[str, Any]) -> tuple[Any, ...] | None:
    """The versions of ``tables`` as ``found`` holds them, or None if it lacks one."""
    keys = [version_key(t) for t in sorted(tables)]
    if all(key in found for key in keys):
        return tuple(found[key] for key in keys)
    return None


def _current_versions(tables: Any, found: dict[str, Any]) -> tuple[Any, ...]:
    """The versions of ``tables``: from ``found`` when it holds them all, else read."""
    versions = _found_versions(tables, found)
    return versions if versions is not None else versions_of(tables)


def cached_until_written(
    name: str,
    build: Callable[[], T],
    *,
    parts: tuple[Any, ...] = (),
    timeout: int = 10 * 60,
    using: str = DEFAULT_DB_ALIAS,
) -> T:
    """``build()``'s value, kept until a table it read is written (or ``timeout``).

    ``parts`` are what else the value depends on (the language, today's date).

    The entry comes in one round trip with the versions of the tables this kind of
    value read last time in this process. When those cover what ``build`` reads, the
    value is stored under the versions read *before* it was built: a write meanwhile
    moves one of them, so the value is never served. Otherwise the versions are read
    after the build, and the value is kept only if nothing was written meanwhile.
    """
    token = transaction_token(connections[using])
    key = "written:" + hashlib.sha256(repr((name, parts, token)).encode()).hexdigest()
    guess = _tables_seen.get(name, frozenset())
    found = django_cache.get_many([key, ANY_TABLE, *(version_key(t) for t in guess)])
    entry = found.get(key)
    if entry is not None:
        tables, versions, value = entry
        _remember_tables(name, tables)
        if _current_versions(tables, found) == versions:
            _also_read(tables)  # an enclosing cached value depends on them too
            return value
    before = found.get(ANY_TABLE)
    with recording_reads() as recorded:
        value = build()
    tables = frozenset(recorded)
    _remember_tables(name, tables)
    versions = _found_versions(tables, found)
    if versions is None:
        versions, after = _versions(tables)
        if after != before:  # written meanwhile: not kept
            return value
    django_cache.set(key, (tables, versions, value), timeout=timeout)
    return value


def cached_count(queryset: QuerySet) -> int:
    """``queryset.count()``, kept until a table it reads changes (or the timeout).

    The count and the versions it was counted under come in one round trip with the
    current versions of its tables (named by its SQL).
    """
    connection = connections[queryset.db]
    timeout = settings.COUNT_CACHE_SECONDS
    if not timeout:
        return queryset.count()
    try:
        # The key needs the filters only: the ids' query is much cheaper to compile than
        # the list's own (its joined columns, its order).
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # ``none()``, ``pk__in=[]``: no SQL to run
        return queryset.count()
    tables = tables_in(sql)
    _also_read(tables)
    signature = repr((sql, params, transaction_token(connection)))
    key = "count:" + hashlib.sha256(signature.encode()).hexdigest()
    found = django_cache.get_many([key, *(version_key(t) for t in tables)])
    versions = _current_versions(tables, found)
    entry = found.get(key)
    if entry is not None and entry[0] == versions:
        return entry[1]
    # Counted under the versions read before: a write meanwhile moves them, and the
    # count stored here no longer matches.
    count = queryset.count()
    django_cache.set(key, (versions, count), timeout=timeout)
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
