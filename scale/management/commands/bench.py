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

    def handle(self, *args: Any, duration: float, output: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "The benchmark runs on PostgreSQL only (this database is "
                f"{connection.vendor}). Set DATABASE_URL, for example "
                "DATABASE_URL=postgres://postgres@127.0.0.1:5432/intl_relations_bench, "
                "or run `make bench`."
            )
        from scale.bench import ensure_database, run_bench

        ensure_database()
        run_bench(
            duration=min(max(duration, 1.0), 30.0),
            output=Path(output),
            command="make bench",
            progress=lambda message: self.stdout.write(message),
        )
