"""Background job of accounts: the nightly removal of expired API tokens."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services import token_delete_expired

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    name="accounts.delete_expired_tokens",
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=3,
    retry_backoff=60,
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
)
def delete_expired_tokens() -> int:
    """Started each night by the beat schedule; returns how many tokens it deleted."""
    return token_delete_expired()
