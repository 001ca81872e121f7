"""The OECD DAC List of ODA Recipients, shipped as data (``data/dac_list.csv``).

A country's eligibility is read for the year declared: the list in force for that
year's flows. A year that no shipped list covers is an error, never a guess.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DATA = Path(__file__).resolve().parent / "data" / "dac_list.csv"

INCOME_GROUPS = {
    "LDC": gettext_lazy("Least developed country"),
    "LIC": gettext_lazy("Other low income country"),
    "LMIC": gettext_lazy("Lower middle income country or territory"),
    "UMIC": gettext_lazy("Upper middle income country or territory"),
}


@dataclass(frozen=True)
class DacList:
    """One list, effective for reporting on the flows of ``first_year``–``last_year``."""

    name: str
    first_year: int
    last_year: int
    groups: dict[str, str]  # ISO 3166 alpha-2 code -> income group code

    def income_group(self, country: str) -> str | None:
        return self.groups.get(str(country or "").upper())

    def is_eligible(self, country: str) -> bool:
        return self.income_group(country) is not None


@cache
def dac_lists() -> tuple[DacList, ...]:
    """Every shipped list, oldest first (read once per process)."""
    by_name: dict[str, dict] = {}
    with DATA.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            entry = by_name.setdefault(
                row["list"],
                {"first": int(row["first_year"]), "last": int(row["last_year"]), "groups": {}},
            )
            entry["groups"][row["iso2"].strip().upper()] = row["income_group"].strip()
    lists = [DacList(name, e["first"], e["last"], e["groups"]) for name, e in by_name.items()]
    return tuple(sorted(lists, key=lambda item: item.first_year))


def covered_years() -> list[int]:
    return [year for item in dac_lists() for year in range(item.first_year, item.last_year + 1)]


def dac_list_for(year: int) -> DacList:
    """The list in force for ``year``'s flows; a ``ValidationError`` naming ``year`` else."""
    for item in dac_lists():
        if item.first_year <= year <= item.last_year:
            return item
    years = covered_years()
    raise ValidationError(
        {
            "year": _(
                "No DAC List of ODA Recipients shipped with the portal covers %(year)s "
                "(lists shipped: %(first)s to %(last)s). Add the list in force for that "
                "year to returns/data/dac_list.csv."
            )
            % {"year": year, "first": min(years), "last": max(years)}
        }
    )
