"""``python manage.py bench``: the national benchmark (see ``scale.bench``).

Runs only on PostgreSQL: SQLite has neither the planner nor the concurrency the
figures are about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Build the national data set if missing, load the server and write docs/benchmarks.md."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--duration", type=float, default=6.0, help="Seconds of load per URL (at most 30)."
        )
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "docs" / "benchmarks.md")
        )
        parser.add_argument(
            "--only",
            action="append",
            choices=["api", "deep", "pages", "report", "returns", "import"],
            help="Measure only this part (repeatable); the page is then not written.",
        )
        parser.add_argument(
            "--pages",
            default="",
            metavar="TEXT",
            help='Load only the pages whose label holds TEXT ("CSV", "staff:"); the '
            "page is then not written.",
        )

    def handle(
        self,
        *args: Any,
        duration: float,
        output: str,
        only: list[str] | None,
        pages: str,
        **options: Any,
    ) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark runs on PostgreSQL only (this database is "
                f"{connection.vendor}). Set DATABASE_URL, for example "
                "DATABASE_URL=postgres://postgres@127.0.0.1:5432/intl_relations_bench, "
                "or run `make bench`."
            )
        from scale.bench import PARTS, ensure_database, run_bench

        # The command runs with DEBUG on (no production secret needed); the timings in
        # this process must not pay for Django's log of every query.
        settings.DEBUG = False
        from scale.bench import BENCH_IATI_REF, BENCH_SECRET_KEY

        settings.SECRET_KEY = BENCH_SECRET_KEY
        # The returns timed in this process build the IATI file, which needs one.
        settings.IATI_REPORTING_ORG_REF = settings.IATI_REPORTING_ORG_REF or BENCH_IATI_REF

        ensure_database()
        run_bench(
            duration=min(max(duration, 1.0), 30.0),
            output=Path(output),
            command="make bench",
            progress=lambda message: self.stdout.write(message),
            parts=tuple(only) if only else PARTS,
            page_match=pages,
        )
