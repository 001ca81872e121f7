"""Background jobs of the annual report: thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from intl_relations.jobs import TRANSIENT_ERRORS

from .services import report_build, report_request

# The longest report takes seconds at national scale; these limits only stop a stuck
# one. Both stay well under the broker's visibility timeout (settings), so a message
# is redelivered only when its worker really died.
TIME_LIMIT = 15 * 60
SOFT_TIME_LIMIT = TIME_LIMIT - 60


@shared_task(
    bind=True,
    name="reports.build_report",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=3,
    retry_backoff=10,
    retry_backoff_max=300,
    retry_jitter=True,
    time_limit=TIME_LIMIT,
    soft_time_limit=SOFT_TIME_LIMIT,
)
def build_report(self, run_id: int) -> str:
    """Build report run ``run_id``; its status, progress and error are kept on the run."""
    run = report_build(run_id=run_id, may_retry=self.request.retries < self.max_retries)
    return run.status


@shared_task(name="reports.start_last_year_report")
def start_last_year_report() -> int:
    """Started by the beat schedule early each year: the report of the year just ended."""
    run = report_request(year=timezone.localdate().year - 1, user=None)
    return run.pk
