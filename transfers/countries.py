"""Country names as spreadsheets write them: the alias table and the closest matches.

The aliases are data (``transfers/data/country_aliases.csv``): historic and alternative
spellings ("Republic of Ireland", "East Timor", "Bosnia and Hercegovina", "Burma",
"Swaziland", "Holland", "Kosovo"…) that neither django-countries nor pycountry list.
An unknown name is never guessed: the error offers the closest known names instead.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

ALIASES_FILE = Path(__file__).resolve().parent / "data" / "country_aliases.csv"
SUGGESTIONS = 3
# How close a known name must be to be offered (difflib's ratio, 0 to 1).
CUTOFF = 0.8


@cache
def country_aliases() -> Mapping[str, str]:
    """The alias table, by matching key, to ISO 3166-1 alpha-2 codes."""
    from .normalise import name_key

    aliases: dict[str, str] = {}
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for record in csv.DictReader(lines):
            aliases[name_key(record["name"])] = record["code"].strip().upper()
    return aliases


def closest_countries(key: str, index: Mapping[str, str]) -> list[str]:
    """The codes of the countries whose known names are closest to ``key``, best first.

    Codes (two or three letters) are left out of the candidates: "Kazakhstah" should
    offer Kazakhstan, not whichever code shares two letters with it.
    """
    names = [name for name in index if len(name) > 3]
    codes: list[str] = []
    for name in difflib.get_close_matches(key, names, n=SUGGESTIONS * 3, cutoff=CUTOFF):
        if index[name] not in codes:
            codes.append(index[name])
    return codes[:SUGGESTIONS]
