"""``python manage.py make_sample_import --rows 25000 out.csv``: a partnerships file to import.

For benchmarks and demonstrations: each row names the local government, a partner
city (about one city per three rows, with country names spelled in French, English,
German or as ISO codes), a kind, a status and dates in the French and ISO forms.
``--bad-row N`` puts an impossible date on data row N (line N + 1 of the file).
"""

from __future__ import annotations

import csv
from typing import Any

from django.core.management.base import BaseCommand

from partnerships.models import LocalGovernment

HEADER = [
    "Collectivité",
    "Ville partenaire",
    "Pays",
    "Type",
    "Statut",
    "Date de signature",
    "Thèmes",
]
COUNTRIES = [
    ("Allemagne", "Germany", "DE", "Deutschland"),
    ("Italie", "Italy", "ITA", "it"),
    ("Espagne", "Spain", "ES", "España"),
    ("Royaume-Uni", "United Kingdom", "GBR", "UK"),
    ("Japon", "Japan", "JP", "jpn"),
    ("Sénégal", "Senegal", "SN", "SEN"),
    ("Maroc", "Morocco", "MA", "MAR"),
    ("États-Unis", "United States", "US", "USA"),
]
KINDS = ["Jumelage", "cooperation", "Friendship agreement"]
THEMES = ["Culture; économie", "youth", "Eau et assainissement", ""]


def sample_rows(count: int, local_government: str, bad_row: int | None = None) -> list[list[str]]:
    rows = []
    for index in range(count):
        city = index // len(KINDS)
        spellings = COUNTRIES[city % len(COUNTRIES)]
        year, month, day = 1960 + index % 60, 1 + index % 12, 1 + index % 28
        signed = f"{day:02d}/{month:02d}/{year}" if index % 2 else f"{year}-{month:02d}-{day:02d}"
        if bad_row is not None and index + 1 == bad_row:
            signed = "31/02/2024"
        # Every other city is listed first, the way some spreadsheets do it.
        pair = [local_government, f"Sample City {city}"]
        if city % 2:
            pair.reverse()
        rows.append(
            [
                *pair,
                spellings[index % len(spellings)],
                KINDS[index % len(KINDS)],
                "active",
                signed,
                THEMES[index % len(THEMES)],
            ]
        )
    return rows


class Command(BaseCommand):
    help = "Write a partnerships CSV file of any size, for benchmarks of import_data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        parser.add_argument("--rows", type=int, default=25000)
        parser.add_argument("--bad-row", type=int, help="Data row (1-based) given a bad date.")
        parser.add_argument(
            "--local-government",
            default="",
            help="Its name (default: the portal's default local government, created if none).",
        )

    def handle(self, *args: Any, path: str, rows: int, **options: Any) -> None:
        name = options["local_government"]
        if not name:
            default = LocalGovernment.objects.filter(is_default=True).first()
            name = default.name if default else "Ville de Lyon"
        if not LocalGovernment.objects.filter(name=name).exists():
            LocalGovernment.objects.create(
                name=name, is_default=not LocalGovernment.objects.filter(is_default=True).exists()
            )
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADER)
            writer.writerows(sample_rows(rows, name, options.get("bad_row")))
        self.stdout.write(self.style.SUCCESS(f"Wrote {rows} partnership rows to {path}."))
