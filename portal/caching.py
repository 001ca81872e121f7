"""Caches of the pages that draw every partner city (the map, its GeoJSON, the dashboard).

At national scale these are the heaviest answers (thousands of cities, megabytes of
GeoJSON) and the same for every visitor of a kind, so they are built once and kept
in the cache (Redis in production, shared by all workers). The key carries a version
of the places — how many partnerships, partner cities and local governments (whose
names the map shows) there are and when one last changed — so an edit shows at
once; the timeout only bounds what a change made behind the ORM's back (a raw
``UPDATE``, which leaves ``updated_at`` alone) could leave stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import get_language

from partnerships.models import LocalGovernment, PartnerCity, Partnership

T = TypeVar("T")

TIMEOUT = 10 * 60


def places_version() -> str:
    """A value that changes whenever a partnership, partner city or local government does."""
    parts = []
    for model in (Partnership, PartnerCity, LocalGovernment):
        row = model.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
        parts += [row["n"], row["last"]]
    return "-".join(str(part.timestamp() if hasattr(part, "timestamp") else part) for part in parts)


def cached_for_places(name: str, build: Callable[[], T], *, version: str | None = None) -> T:
    """``build()``'s value, cached per language and ``places_version()``."""
    key = f"places:{name}:{get_language()}:{version or places_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
