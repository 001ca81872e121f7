"""Caches of the pages that draw every partner city (the map, its GeoJSON, the dashboard).

At national scale these are the heaviest answers (thousands of cities, megabytes of
GeoJSON) and the same for every visitor of a kind, so they are built once and kept
in the cache (Redis in production, shared by all workers). The key carries a version
of the places — how many partnerships and partner cities there are and when one
last changed — so an edit shows at once; the timeout only bounds what a change made
behind the ORM's back (a raw ``UPDATE``) could leave stale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import get_language

from partnerships.models import PartnerCity, Partnership

T = TypeVar("T")

TIMEOUT = 10 * 60


def places_version() -> str:
    """Changes whenever a partnership or a partner city is added, changed or deleted."""
    partnerships = Partnership.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    cities = PartnerCity.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    parts = [partnerships["n"], partnerships["last"], cities["n"], cities["last"]]
    return "-".join(str(part.timestamp() if hasattr(part, "timestamp") else part) for part in parts)


def cached_for_places(name: str, build: Callable[[], T], *, version: str | None = None) -> T:
    """``build()``'s value, cached per language and ``places_version()``."""
    key = f"places:{name}:{get_language()}:{version or places_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
