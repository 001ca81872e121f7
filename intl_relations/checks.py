"""System checks of the project's own deployment rules (``manage.py check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, deploy=True)
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """The cache must be shared by the processes.

    API throttling and the public forms' rate limit count in it: a per-process cache
    lets N workers allow N times the rate.
    """
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The default cache is kept per process: API throttling and the public "
                "forms' rate limit let every worker process allow the full rate.",
                hint="Set CACHE_URL to a shared cache, e.g. redis://redis:6379/1.",
                id="intl_relations.W001",
            )
        ]
    return []
