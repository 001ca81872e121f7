"""What the portal's background jobs share: which errors are worth another try, and
the options of a job the beat schedule starts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError

# Worth another try: the database or the network hiccuped.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def scheduled_task(name: str, *, minutes: int) -> Callable[[Callable[..., Any]], Any]:
    """A job started by the beat schedule: retried on transient errors (three times, a
    minute apart and more), stopped when it runs longer than ``minutes``."""
    return shared_task(
        name=name,
        autoretry_for=TRANSIENT_ERRORS,
        max_retries=3,
        retry_backoff=60,
        time_limit=minutes * 60,
        soft_time_limit=(minutes - 1) * 60,
    )
