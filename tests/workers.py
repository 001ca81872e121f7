"""A real Celery worker on Redis for the tests that need one (``celery_worker`` marker).

``start_worker`` starts ``celery -A intl_relations worker -P solo`` as a subprocess on
the test database and Redis database 5; ``through_redis`` makes this process send its
tasks there instead of running them itself. In CI (``CI=true``) an unreachable Redis
fails these tests; locally they are skipped without it.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.needs import missing

# The broker CI names (its own Redis database), else database 5 of a local Redis.
REDIS_URL = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/5"


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
    from intl_relations.celery import app

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.task_always_eager = False
    app.conf.broker_url = REDIS_URL
    # A task run in-process earlier in this session (Celery acquires a producer even
    # for an eager task) left connection pools on the default broker: dropped, as Celery
    # drops them after a fork, so that the next send connects to Redis.
    app._after_fork()
    yield
    app.conf.update(saved)
    app._after_fork()


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
                f"test-{uuid.uuid4().hex[:8]}@%h",
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
