"""The report through a real Celery worker on Redis, including a worker killed mid-build.

These tests start ``celery -A intl_relations worker -P solo`` as a subprocess on the
test database and Redis database 5. In CI (``CI=true``) they must run: an unreachable
Redis fails them. Locally they are skipped without Redis.
"""

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Sum
from openpyxl import load_workbook

from cooperation.models import BudgetLine
from delegations.models import Delegation
from intl_relations.celery import app
from partnerships.models import Partnership
from reports.choices import RunStatus
from reports.models import ReportRun
from reports.services import report_request
from tests.needs import missing

from .conftest import YEAR

# The broker CI names (its own Redis database), else database 5 of a local Redis.
REDIS_URL = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/5"

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def redis_db():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        missing(f"Redis is not reachable at {REDIS_URL}: {exc}")
    client.flushdb()  # database 5 is this suite's: no message left from an earlier run
    yield client
    client.flushdb()


@pytest.fixture
def through_redis(redis_db):
    """Send tasks through Redis from this process, instead of running them in it."""
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    yield
    app.conf.update(saved)


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(tmp_path):
    """Start a worker on the test database; every worker started is stopped at the end."""
    if connection.vendor != "postgresql":
        pytest.skip("The worker shares the test database: PostgreSQL only")
    workers: list[tuple[subprocess.Popen, Path]] = []

    def start(*, pause_seconds: float = 0, **extra_env: str) -> subprocess.Popen:
        log = tmp_path / f"worker-{len(workers) + 1}.log"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
            "DJANGO_SETTINGS_MODULE": "intl_relations.settings",
            "DATABASE_URL": _database_url(),
            "CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": REDIS_URL,
            # A real worker: not the test settings, not eager.
            "TESTING": "false",
            "DEBUG": "false",
            "SECRET_KEY": "worker-test-" + uuid.uuid4().hex,
            "ALLOWED_HOSTS": "localhost",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "EMAIL_URL": "consolemail://",
            "SLOW_WORKER_PAUSE_SECONDS": str(pause_seconds),
            **extra_env,
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                *(
                    # A worker whose build pauses at each step, so it can be killed mid-way.
                    ("tests.reports.slow_worker",)
                    if pause_seconds
                    else ("celery", "-A", "intl_relations", "worker")
                ),
                "-P",
                "solo",
                "-c",
                "1",
                "--loglevel=INFO",
                "--without-mingle",
                "--without-gossip",
                "-n",
                f"reports-test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        workers.append((process, log))
        return process

    yield start
    for process, log in workers:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        sys.stdout.write(f"--- {log.name}\n{log.read_text()[-3000:]}\n")


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    pytest.fail(f"Timed out after {timeout} s waiting for {what}")


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
