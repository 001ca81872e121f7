"""``python manage.py import_archive in.zip``: restore an archive into an empty portal."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from transfers.archive import ArchiveError, restore_archive


class Command(BaseCommand):
    help = (
        "Load an archive written by export_archive into an empty portal (after migrate), "
        "all or nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="The zip file to read.")
        parser.add_argument(
            "--user", help="User name recorded as the author of the restored records' history."
        )

    def handle(self, *args: Any, path: str, user: str | None = None, **options: Any) -> None:
        author = None
        if user:
            try:
                author = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named {user!r}.") from None
        try:
            with open(path, "rb") as source:
                counts = restore_archive(source, user=author)
        except (ArchiveError, OSError) as error:
            raise CommandError(str(error)) from None
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Restored {sum(counts.values())} records."))
