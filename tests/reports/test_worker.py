"""The report through a real Celery worker on Redis, including a worker killed mid-build.

These tests start ``celery -A intl_relations worker -P solo`` as a subprocess on the
test database and Redis database 5. In CI (``CI=true``) they must run: an unreachable
Redis fails them. Locally they are skipped without Redis.
"""

import io
import os
import signal
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Sum
from openpyxl import load_workbook

from cooperation.models import BudgetLine
from delegations.models import Delegation
from partnerships.models import Partnership
from reports.choices import RunStatus
from reports.models import ReportRun
from reports.services import report_request
from tests.workers import wait_for

from .conftest import YEAR

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_state(run_id: int) -> ReportRun:
    return ReportRun.objects.get(pk=run_id)


def report_files() -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "reports"
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def xlsx_table(workbook, sheet, caption):
    rows = list(workbook[sheet].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == caption)
    width = sum(1 for cell in rows[start + 1] if cell is not None)
    table = {}
    for row in rows[start + 2 :]:
        if row[0] is None:
            break
        table[row[0]] = list(row[1:width])
    return table


def test_a_real_worker_builds_the_report_sent_through_redis(
    known_year, editor, through_redis, start_worker
):
    start_worker()
    run = report_request(year=YEAR, user=editor)  # autocommit: enqueued at once
    assert run_state(run.pk).status in (RunStatus.QUEUED, RunStatus.RUNNING)
    done = wait_for(
        lambda: (r := run_state(run.pk)).status in (RunStatus.DONE, RunStatus.FAILED) and r,
        timeout=180,
        what="the worker to finish the report",
    )
    assert done.status == RunStatus.DONE, done.error
    assert done.attempts == 1

    # The spreadsheet's figures, checked against the database itself.
    workbook = load_workbook(io.BytesIO(done.xlsx_file.read()))
    # The portal is French first: so is its report.
    key = xlsx_table(workbook, "Chiffres clés", f"Chiffres clés de {YEAR} comparés à {YEAR - 1}")
    signed = Partnership.objects.filter(signed_on__year=YEAR).count()
    received = (
        Delegation.objects.filter(starts_on__year=YEAR, direction="incoming")
        .exclude(status="cancelled")
        .count()
    )
    spent = BudgetLine.objects.filter(year=YEAR).aggregate(total=Sum("spent_amount"))["total"]
    assert key["Partenariats signés"][0] == signed == 3
    assert key["Délégations reçues"][0] == received == 2
    assert Decimal(str(key["Dépenses de coopération (EUR)"][0])) == spent == Decimal("28000")
    assert report_files() == ["bilan-2025.html", "bilan-2025.pdf", "bilan-2025.xlsx"]


def test_a_report_survives_its_worker_being_killed(known_year, editor, through_redis, start_worker):
    # A short visibility timeout so that the unacknowledged message comes back soon.
    first = start_worker(pause_seconds=2, CELERY_VISIBILITY_TIMEOUT="10")
    run = report_request(year=YEAR, user=editor)
    wait_for(
        lambda: (r := run_state(run.pk)).status == RunStatus.RUNNING and r.progress > 0,
        timeout=120,
        what="the build to be under way",
    )
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    interrupted = run_state(run.pk)
    assert interrupted.status == RunStatus.RUNNING
    assert interrupted.progress < 100

    start_worker(CELERY_VISIBILITY_TIMEOUT="10")
    done = wait_for(
        lambda: (r := run_state(run.pk)).status in (RunStatus.DONE, RunStatus.FAILED) and r,
        timeout=180,
        what="the redelivered report to finish",
    )
    assert done.status == RunStatus.DONE, done.error
    assert done.attempts == 2
    assert report_files() == ["bilan-2025.html", "bilan-2025.pdf", "bilan-2025.xlsx"]
