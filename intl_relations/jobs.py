"""What the portal's background jobs share: which errors are worth another try, the
options of a job somebody asked for and of a job the beat schedule starts, and how a
job is sent to the queue."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Worth another try: the database or the network hiccuped.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def record_task(name: str, *, minutes: int) -> Callable[[Callable[..., Any]], Any]:
    """A job that builds a record somebody asked for (a report run, an import, a
    download), given the record's id; the task is bound, for ``self.request.retries``.

    It is acknowledged once done, so a worker lost mid-job leaves it to another;
    retried on transient errors (three times, 10 s apart and more); stopped when it runs
    longer than ``minutes``, which stays well under the broker's visibility timeout
    (settings), so a message is redelivered only when its worker really died.
    """
    return shared_task(
        bind=True,
        name=name,
        acks_late=True,
        reject_on_worker_lost=True,
        autoretry_for=TRANSIENT_ERRORS,
        max_retries=3,
        retry_backoff=10,
        retry_backoff_max=300,
        retry_jitter=True,
        time_limit=minutes * 60,
        soft_time_limit=(minutes - 1) * 60,
    )


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


def enqueue(task: Any, record_id: int, *, unreachable: Callable[[str], None]) -> None:
    """Send ``task(record_id)`` to the queue; ``unreachable(error)`` records the failure
    on the record when the broker cannot be reached, so that it does not wait forever.

    Without a broker the task runs here and then records its own failures.
    """
    try:
        task.delay(record_id)
    except Exception as exc:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            logger.exception("%s(%s) failed in-process", task.name, record_id)
            return
        logger.exception("Could not queue %s(%s)", task.name, record_id)
        unreachable(_("Could not reach the job queue: %(error)s") % {"error": exc})
