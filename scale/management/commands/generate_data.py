"""``python manage.py generate_data --scale small|city|national --seed 42``.

Fills an empty database with a realistic data set (see ``scale.generator``); with
``--reset`` it first deletes every record of the portal's data apps (themes and
accounts that were not generated stay). Prints the rows written and the time taken.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from scale.generator import SCALES, DataPresentError, generate


class Command(BaseCommand):
    help = "Generate a realistic data set at a chosen scale, the same for the same seed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the existing records of the data apps first.",
        )

    def handle(self, *args: Any, scale: str, seed: int, reset: bool, **options: Any) -> None:
        started = time.monotonic()

        def progress(step: str) -> None:
            self.stdout.write(f"  {step}… ({time.monotonic() - started:.1f} s)")

        try:
            written = generate(scale=scale, seed=seed, reset=reset, progress=progress)
        except DataPresentError as error:
            raise CommandError(str(error)) from None
        seconds = time.monotonic() - started
        for label, count in sorted(written.items()):
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale {scale!r}, seed {seed}: {sum(written.values())} rows in bulk, "
                f"{seconds:.1f} s."
            )
        )
