"""Background job of personal data: the daily anonymisation after the retention period."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .services import personal_data_anonymise_expired

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    name="privacy.anonymise_expired",
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=3,
    retry_backoff=60,
    time_limit=30 * 60,
    soft_time_limit=29 * 60,
)
def anonymise_expired() -> dict[str, int]:
    """Started each night by the beat schedule; returns how many records it anonymised."""
    result = personal_data_anonymise_expired(
        today=timezone.localdate(), retention_years=settings.PERSONAL_DATA_RETENTION_YEARS
    )
    return {**result.counts, "documents_deleted": result.documents_deleted}
