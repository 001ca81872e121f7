"""``python manage.py import_data --kind partnerships --file X``: imports of any size.

The same checks and all-or-nothing write as the staff pages and the API, run in this
process (no upload size limit, no worker needed). Prints the counts, the rejected
rows and the time taken; ``--report`` writes the row-by-row report as CSV.

``--map "Ville 2=partner_city"`` matches a column of the file to a field (``--map
"Notes="`` ignores it), ``--set kind=twinning`` gives a field a value for every row,
``--mapping NAME`` uses a mapping saved on the staff pages, and ``--list-columns KIND``
prints the fields of a kind. These are the options of ``transfers.services``, the
same as the staff pages' mapping step and the API's ``mapping`` and ``constants``.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.choices import Role
from transfers.engine import CoordinateConflict, ImportOptions
from transfers.importers import IMPORTERS
from transfers.models import SavedMapping
from transfers.normalise import name_key
from transfers.services import (
    check_import_options,
    import_columns,
    import_records,
    rejected_rows_file,
)

REPORT_HEADER = ["line", "outcome", "record", "column", "value", "reason"]


class Command(BaseCommand):
    help = "Import a CSV or XLSX file of one kind of records, all or nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--kind", choices=sorted(IMPORTERS))
        parser.add_argument("--file", help="The CSV or XLSX file.")
        parser.add_argument(
            "--list-columns",
            metavar="KIND",
            choices=sorted(IMPORTERS),
            help="Print the fields of a kind of import (required ones marked *) and stop.",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="SOURCE=FIELD",
            help="Match the file's column SOURCE to FIELD (empty FIELD: ignore the column).",
        )
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="FIELD=VALUE",
            help="Give FIELD this value on every row whose cell is empty or absent.",
        )
        parser.add_argument("--mapping", help="Start from the mapping saved under this name.")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Save the good rows and skip the rejected ones (see --rejected).",
        )
        parser.add_argument(
            "--rejected",
            help="Write the rejected rows (the file's columns and the error) to this CSV file.",
        )
        parser.add_argument(
            "--coordinates",
            choices=CoordinateConflict.values,
            default=CoordinateConflict.STOP,
            help="Two coordinate pairs for one city: stop (reject the row), first, last.",
        )
        parser.add_argument(
            "--create-local-governments",
            action="store_true",
            help="Pair files: a row's city in the portal's country becomes a local government.",
        )
        parser.add_argument(
            "--merge-place",
            action="append",
            default=[],
            metavar="NAME",
            help="Treat this name and its spellings differing only by accents as one place.",
        )
        parser.add_argument(
            "--merge-accents",
            action="store_true",
            help="Treat place names differing only by accents as one place.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")
        parser.add_argument(
            "--user",
            help="User name recorded in the history (default: the first administrator).",
        )
        parser.add_argument("--report", help="Write the row-by-row report to this CSV file.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("list_columns"):
            for column in import_columns(options["list_columns"]):
                mark = " *" if column["required"] else ""
                self.stdout.write(f"{column['key']}{mark}\t{', '.join(column['headers'])}")
            return
        if not options.get("kind") or not options.get("file"):
            raise CommandError("--kind and --file are required (or --list-columns KIND).")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        user = self._user(options.get("user"))
        import_options = self._options(options)
        started = time.monotonic()
        try:
            check_import_options(options["kind"], import_options)
            result = import_records(
                kind=options["kind"],
                data=path.read_bytes(),
                filename=path.name,
                user=user,
                dry_run=options["dry_run"],
                options=import_options,
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
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
        rejected = result.counts["rejected"]
        if options.get("rejected") and rejected:
            Path(options["rejected"]).write_bytes(
                rejected_rows_file(data=path.read_bytes(), filename=path.name, rows=result.rows)
            )
            self.stdout.write(f"{rejected} rejected rows written to {options['rejected']}.")
        if not result.can_save:
            raise CommandError(
                f"Rejected: nothing was saved ({len(result.issues())} problems, {seconds:.1f} s)."
            )
        verb = "Checked" if options["dry_run"] else "Imported"
        skipped = f", {rejected} rejected rows skipped" if rejected else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(result.rows) - rejected} rows of {path.name}{skipped} "
                f"in {seconds:.1f} s."
            )
        )

    def _options(self, options: dict[str, Any]) -> ImportOptions:
        mapping: dict[str, str] = {}
        constants: dict[str, Any] = {}
        if options.get("mapping"):
            saved = SavedMapping.objects.filter(
                kind=options["kind"], name=options["mapping"]
            ).first()
            if saved is None:
                raise CommandError(
                    f"No saved {options['kind']} mapping named {options['mapping']!r}."
                )
            mapping.update(saved.mapping)
            constants.update(saved.constants)
        for pair, target, flag in (
            (options["map"], mapping, "--map"),
            (options["set"], constants, "--set"),
        ):
            for item in pair:
                name, sep, value = item.partition("=")
                if not sep or not name.strip():
                    raise CommandError(f"{flag} takes NAME=VALUE, not {item!r}.")
                target[name.strip()] = value.strip()
        return ImportOptions(
            mapping=mapping,
            constants=constants,
            merge_accents=options["merge_accents"],
            merge_places=tuple(name_key(name) for name in options["merge_place"]),
            skip_bad_rows=options["skip_bad_rows"],
            coordinates=options["coordinates"],
            create_local_governments=options["create_local_governments"],
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
