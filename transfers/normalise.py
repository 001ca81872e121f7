"""Reading what people type in spreadsheets: names, countries, dates, numbers, choices.

Every parser takes a raw cell (a string from a CSV, or whatever openpyxl gives for an
XLSX cell: ``str``, ``int``, ``float``, ``datetime``) and either returns a clean value
or raises ``CellError`` with a translated reason that names what was not understood.
An empty cell gives ``None``: the importers decide what "empty" means.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _


class CellError(ValueError):
    """A cell's value could not be read; ``reason`` says why, in the user's language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


# The exports put an apostrophe before a cell a spreadsheet would run as a formula
# ("'+33 4 …"); reading an export back drops it (issue #18: exports re-import as they are).
FORMULA_GUARD = ("'=", "'+", "'-", "'@")


def unguard(text: str) -> str:
    """``text`` without the apostrophe the exports add before a formula-like value."""
    return text[1:] if text.startswith(FORMULA_GUARD) else text


def clean_text(value: Any) -> str:
    """The cell as text, with spaces trimmed and runs of blanks collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unguard(" ".join(str(value).split()))


def name_key(value: Any) -> str:
    """The matching key of a name: accents, case, spaces, hyphens and punctuation ignored.

    "Saint-Étienne", " saint etienne ", "SAINT  ETIENNE" and "Saint–Étienne" share one key,
    so an import never creates a second record for the same place or organisation.
    """
    text = unicodedata.normalize("NFKD", clean_text(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # Letters NFKD does not decompose, spelled the way people type them without accents.
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
    text = text.replace("Ł", "L").replace("đ", "d").replace("æ", "ae").replace("œ", "oe")
    text = text.replace("Œ", "OE").replace("Æ", "AE")
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def place_key(value: Any, *, accents: bool = True) -> str:
    """The matching key of a place's name: case, spaces, hyphens and punctuation ignored.

    Accents count (issue #18): Fürth and Furth, Lohne and Löhne are different towns, so
    "Saint-Etienne" is not "Saint-Étienne" unless the import is told to merge names
    differing only by accents (``accents=False`` then gives ``name_key``).
    """
    if not accents:
        return name_key(value)
    text = unicodedata.normalize("NFC", clean_text(value))
    return _SEPARATORS.sub(" ", text.casefold()).strip()


# --- countries -------------------------------------------------------------------------

# pycountry's translations worth indexing: the languages spreadsheets here are written in.
PYCOUNTRY_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "pl")


def _add(index: dict[str, str], name: Any, code: str) -> None:
    key = name_key(name)
    if key:
        index.setdefault(key, code)


@cache
def country_index() -> Mapping[str, str]:
    """Every spelling we know, by matching key, to its ISO 3166-1 alpha-2 code.

    Built once per process: the aliases of ``transfers/data/country_aliases.csv`` first
    (they win), then django-countries' names
    in French and English, its alpha-3 and numeric codes, then pycountry's names, official
    and common names and their translations in the languages above.
    """
    from django_countries import countries

    from .countries import country_aliases

    index: dict[str, str] = dict(country_aliases())
    codes = [code for code, _name in countries]
    for code in codes:
        index.setdefault(code.casefold(), code)
        alpha3 = countries.alpha3(code)
        if alpha3:
            index.setdefault(alpha3.casefold(), code)
        numeric = countries.numeric(code, padded=True)
        if numeric:
            index.setdefault(numeric, code)
    for language in ("fr", "en"):
        with translation.override(language):
            for code, name in countries:
                _add(index, str(name), code)
    try:
        import pycountry
    except ImportError:  # the django-countries names still cover French and English
        return index
    known = set(codes)
    catalogues = []
    for language in PYCOUNTRY_LANGUAGES:
        try:
            catalogues.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
            )
        except OSError:
            continue
    for country in pycountry.countries:
        code = country.alpha_2
        if code not in known:
            continue
        names = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
        for name in filter(None, names):
            _add(index, name, code)
            for catalogue in catalogues:
                _add(index, catalogue.gettext(name), code)
    return index


_PARTS = re.compile(r"[,;/()\[\]]")


def parse_country(value: Any) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country written in any usual way.

    "Allemagne", "Germany", "Deutschland", "de", "DEU", "Royaume-Uni", "UK" and
    "England, United Kingdom" are all understood. For a value with several parts
    ("Lyon, France", "England, United Kingdom") the whole is tried first, then each part
    from the last one (the country usually comes last).
    """
    text = clean_text(value)
    if not text:
        return None
    index = country_index()
    code = index.get(name_key(text))
    if code:
        return code
    for part in reversed(_PARTS.split(text)):
        code = index.get(name_key(part))
        if code:
            return code
    raise CellError(unknown_country(text, index))


def unknown_country(text: str, index: Mapping[str, str]) -> str:
    """The error for a name we do not know, offering the closest known countries."""
    from django_countries import countries

    from .countries import closest_countries

    suggestions = [str(countries.name(code)) for code in closest_countries(name_key(text), index)]
    if not suggestions:
        return _("Unknown country “%(value)s”.") % {"value": text}
    return _("Unknown country “%(value)s”; did you mean %(suggestions)s?") % {
        "value": text,
        "suggestions": _(" or ").join(suggestions),
    }


# --- dates and numbers -----------------------------------------------------------------

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d")
# An Excel serial day number: from 1900-01-01 to 9999-12-31.
EXCEL_DAYS = (1, 2958465)


def parse_date(value: Any) -> dt.date | None:
    """A date from 31/12/2024, 31-12-2024, 31.12.2024, 2024-12-31 or an Excel date cell."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if EXCEL_DAYS[0] <= value <= EXCEL_DAYS[1]:
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        raise CellError(_("“%(value)s” is not a date.") % {"value": value})
    text = clean_text(value)
    if not text:
        return None
    # "2024-12-31 00:00:00" or "2024-12-31T00:00": a spreadsheet's date and time.
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(
        _("“%(value)s” is not a date (expected DD/MM/YYYY or YYYY-MM-DD).") % {"value": text}
    )


def parse_integer(value: Any, *, minimum: int | None = 0) -> int | None:
    """A whole number; spaces as thousands separators are allowed ("12 000")."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": value})
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": value})
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = re.sub(r"\s", "", str(value))
        if not text:
            return None
        if text.endswith((".0", ",0")):
            text = text[:-2]
        if not re.fullmatch(r"[+-]?\d+", text):
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": clean_text(value)})
        number = int(text)
    if minimum is not None and number < minimum:
        raise CellError(
            _("%(value)s is below the minimum, %(minimum)s.")
            % {"value": number, "minimum": minimum}
        )
    return number


def parse_decimal(value: Any, *, places: int | None = None) -> Decimal | None:
    """A decimal number, with a point or a French comma ("45,76"), rounded to ``places``."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": value})
    text = re.sub(r"\s", "", str(value)).replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not a number.") % {"value": clean_text(value)}) from None
    if not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": clean_text(value)})
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number


TRUE_WORDS = frozenset({"1", "x", "yes", "y", "true", "oui", "o", "vrai", "published", "publie"})
FALSE_WORDS = frozenset({"0", "no", "n", "false", "non", "faux"})


def parse_boolean(value: Any) -> bool | None:
    """yes/no in French or English, true/false, 1/0, or an "x" in a tick column."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    key = name_key(value)
    if not key:
        return None
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise CellError(_("“%(value)s” is not yes or no.") % {"value": clean_text(value)})


class ChoiceResolver:
    """Reads a choice from its code, its English or French label, or a listed synonym.

    Labels are also read up to a parenthesis: "Twinning (sister city)" accepts
    "Twinning" and "sister city".
    """

    def __init__(self, choices: Iterable[tuple[str, Any]], synonyms: Mapping[str, str] = ()):
        self.index: dict[str, str] = {}
        self.labels: list[str] = []
        choices = list(choices)
        for value, _label in choices:
            self.index[name_key(value)] = value
        for language in ("en", "fr"):
            with translation.override(language):
                for value, label in choices:
                    text = str(label)
                    self.index.setdefault(name_key(text), value)
                    for part in re.split(r"[()]", text):
                        self.index.setdefault(name_key(part), value)
        for synonym, value in dict(synonyms).items():
            self.index.setdefault(name_key(synonym), value)
        self.index.pop("", None)
        self.values = [value for value, _label in choices]
        self.choices = choices

    def __call__(self, value: Any) -> str | None:
        text = clean_text(value)
        if not text:
            return None
        found = self.index.get(name_key(text))
        if found is None:
            raise CellError(
                _("“%(value)s” is not one of the accepted values (%(values)s).")
                % {"value": text, "values": ", ".join(self.values)}
            )
        return found


LIST_SEPARATORS = re.compile(r"[;|\n]")


def split_list(value: Any) -> list[str]:
    """Several values in one cell, separated by semicolons, vertical bars or new lines."""
    text = "" if value is None else str(value)
    return [clean_text(part) for part in LIST_SEPARATORS.split(text) if clean_text(part)]
