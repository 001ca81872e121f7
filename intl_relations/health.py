"""``/health/``: can this process answer? The database, the broker and the storage.

For a load balancer, an orchestrator or a monitoring probe: no sign-in, no
throttling, no redirect to HTTPS (``SECURE_REDIRECT_EXEMPT``), and nothing in the
answer that helps an attacker (a failing check says which part, never the error).
Each check answers ``ok``, ``eager`` (no broker configured: tasks run in-process)
or ``error``; any error turns the answer into a 503.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

OK, EAGER, ERROR = "ok", "eager", "error"
BROKER_TIMEOUT_SECONDS = 2.0


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return EAGER
    from intl_relations.celery import app

    # The broker the settings name, the one tasks are sent to.
    with app.connection_for_write(
        url=settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS
    ) as conn:
        conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
    return OK


def check_storage() -> str:
    """Write, read back and delete a small file where the uploads go."""
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            if handle.read() != b"ok":
                return ERROR
    finally:
        default_storage.delete(name)
    return OK


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "broker": check_broker,
    "storage": check_storage,
}


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """``{"status": "ok", "checks": {"database": "ok", ...}}``, 503 when a check fails."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:
            # The probe only learns which part failed; the log keeps the reason.
            logger.exception("health check %s failed", name)
            results[name] = ERROR
    healthy = ERROR not in results.values()
    return JsonResponse(
        {"status": OK if healthy else ERROR, "checks": results}, status=200 if healthy else 503
    )
