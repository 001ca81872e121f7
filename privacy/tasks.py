"""Background job of personal data: the daily anonymisation after the retention period."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from intl_relations.jobs import scheduled_task

from .services import personal_data_anonymise_expired


@scheduled_task("privacy.anonymise_expired", minutes=30)
def anonymise_expired() -> dict[str, int]:
    """Started each night by the beat schedule; returns how many records it anonymised."""
    result = personal_data_anonymise_expired(
        today=timezone.localdate(), retention_years=settings.PERSONAL_DATA_RETENTION_YEARS
    )
    return {**result.counts, "documents_deleted": result.documents_deleted}
