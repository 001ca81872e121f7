"""``python manage.py export_archive out.zip``: the whole office's data as a portable archive."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from transfers.archive import export_archive


class Command(BaseCommand):
    help = "Write every record of the portal (and the uploaded files) to a zip archive."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="The zip file to write.")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        with open(path, "wb") as target:
            manifest = export_archive(target)
        total = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path}: {total} records in {len(manifest['models'])} files, "
                f"{sum(link['count'] for link in manifest['links'])} links, "
                f"{len(manifest['media'])} uploaded files."
            )
        )
