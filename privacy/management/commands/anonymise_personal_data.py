"""``manage.py anonymise_personal_data``: anonymise the people kept past the retention period.

The Celery beat runs the same service every night (``privacy.anonymise_expired``);
this command is for a first run, a cron without Celery, or a look with ``--dry-run``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from privacy.services import personal_data_anonymise_expired


class Command(BaseCommand):
    help = (
        "Anonymise delegation members, exchange applications and participants whose "
        "delegation or program ended more than PERSONAL_DATA_RETENTION_YEARS ago."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be anonymised; change nothing."
        )
        parser.add_argument(
            "--retention-years",
            type=int,
            default=None,
            help="Years to keep personal data (default: PERSONAL_DATA_RETENTION_YEARS).",
        )

    def handle(
        self, *args: Any, dry_run: bool, retention_years: int | None, **options: Any
    ) -> None:
        years = (
            settings.PERSONAL_DATA_RETENTION_YEARS if retention_years is None else retention_years
        )
        if years < 0:
            raise CommandError("--retention-years cannot be negative.")
        result = personal_data_anonymise_expired(
            today=timezone.localdate(), retention_years=years, dry_run=dry_run
        )
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"Retention {years} years: records of activities ended before "
            f"{result.cutoff.isoformat()}."
        )
        for key, count in result.counts.items():
            self.stdout.write(f"{verb} {count} {key.replace('_', ' ')}(s).")
        deleted = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{deleted} {result.documents_deleted} application document(s).")
        self.stdout.write(self.style.SUCCESS(f"{verb} {result.total} record(s) in all."))
