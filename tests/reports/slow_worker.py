"""A Celery worker whose report build pauses at each step: ``python -m tests.reports.slow_worker``.

The worker crash test needs a build slow enough to kill its worker half-way. The pause
is put in here, by the test's own worker process, so the product code carries no hook:
each progress update of the build is followed by ``SLOW_WORKER_PAUSE_SECONDS`` of sleep.
"""

import os
import sys
import time

import django


def main() -> None:
    django.setup()
    from intl_relations.celery import app
    from reports import services

    pause = float(os.environ["SLOW_WORKER_PAUSE_SECONDS"])
    progress = services._progress

    def slow_progress(run_id: int, percent: int, message: str) -> None:
        progress(run_id, percent, message)
        time.sleep(pause)

    services._progress = slow_progress
    app.worker_main(["worker", *sys.argv[1:]])


if __name__ == "__main__":
    main()
