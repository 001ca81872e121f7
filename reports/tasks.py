"""Background jobs of the annual report: thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from intl_relations.jobs import record_task

from .services import report_build, report_request


# The longest report takes seconds at national scale: the limit only stops a stuck one.
@record_task("reports.build_report", minutes=15)
def build_report(self, run_id: int) -> str:
    """Build report run ``run_id``; its status, progress and error are kept on the run."""
    run = report_build(run_id=run_id, may_retry=self.request.retries < self.max_retries)
    return run.status


@shared_task(name="reports.start_last_year_report")
def start_last_year_report() -> int:
    """Started by the beat schedule early each year: the report of the year just ended."""
    run = report_request(year=timezone.localdate().year - 1, user=None)
    return run.pk
