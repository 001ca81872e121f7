"""``python manage.py import_data --kind partnerships --file X``: imports of any size.

The same checks and all-or-nothing write as the staff pages and the API, run in this
process (no upload size limit, no worker needed). Prints the counts, the rejected
rows and the time taken; ``--report`` writes the row-by-row report as CSV.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from accounts.choices import Role
from transfers.importers import IMPORTERS
from transfers.services import import_records

REPORT_HEADER = ["line", "outcome", "record", "column", "value", "reason"]


class Command(BaseCommand):
    help = "Import a CSV or XLSX file of one kind of records, all or nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--kind", required=True, choices=sorted(IMPORTERS))
        parser.add_argument("--file", required=True, help="The CSV or XLSX file.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")
        parser.add_argument(
            "--user",
            help="User name recorded in the history (default: the first administrator).",
        )
        parser.add_argument("--report", help="Write the row-by-row report to this CSV file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        user = self._user(options.get("user"))
        started = time.monotonic()
        try:
            result = import_records(
                kind=options["kind"],
                data=path.read_bytes(),
                filename=path.name,
                user=user,
                dry_run=options["dry_run"],
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        seconds = time.monotonic() - started
        counts = result.counts
        self.stdout.write(
            ", ".join(f"{outcome}: {count}" for outcome, count in counts.items())
            + f" ({len(result.rows)} rows)"
        )
        for issue in result.issues()[:50]:
            self.stderr.write(
                f"line {issue['line']}, column {issue['column']!r}, value {issue['value']!r}: "
                f"{issue['reason']}"
            )
        if options.get("report"):
            self._write_report(Path(options["report"]), result)
        if not result.ok:
            raise CommandError(
                f"Rejected: nothing was saved ({len(result.issues())} problems, {seconds:.1f} s)."
            )
        verb = "Checked" if options["dry_run"] else "Imported"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {len(result.rows)} rows of {path.name} in {seconds:.1f} s.")
        )

    def _user(self, username: str | None) -> Any:
        users = get_user_model().objects.filter(is_active=True)
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(f"No active user named {username!r}.")
            return user
        user = (
            users.filter(is_superuser=True).order_by("pk").first()
            or users.filter(role=Role.ADMINISTRATOR).order_by("pk").first()
        )
        if user is None:
            raise CommandError("Create an administrator first, or name a user with --user.")
        return user

    def _write_report(self, path: Path, result: Any) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(REPORT_HEADER)
            for issue in result.file_errors:
                writer.writerow(
                    [
                        issue["line"],
                        "rejected",
                        "",
                        issue["column"],
                        issue["value"],
                        issue["reason"],
                    ]
                )
            for row in result.rows:
                for issue in row.get("errors") or [{"column": "", "value": "", "reason": ""}]:
                    writer.writerow(
                        [
                            row["line"],
                            row["outcome"],
                            row["record"],
                            issue["column"],
                            issue["value"],
                            issue["reason"],
                        ]
                    )
