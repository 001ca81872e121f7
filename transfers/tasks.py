"""Background job of the imports: a thin wrapper that receives the job's id."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services import import_job_execute

# Worth another try: the database connection dropped before the job could start.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
TIME_LIMIT = 30 * 60


@shared_task(
    bind=True,
    name="transfers.run_import_job",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=3,
    retry_backoff=10,
    time_limit=TIME_LIMIT,
    soft_time_limit=TIME_LIMIT - 60,
)
def run_import_job(self, job_id: int) -> str:
    """Check (and, once confirmed, save) import job ``job_id``; the job row keeps the result."""
    return import_job_execute(job_id=job_id).status
