"""The one filter form of the territory diagnosis, read by the staff page and the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.filtersets import local_government_field

from .selectors import GAPS, MEASURES, CountryDiagnosis

ANY_GAP = "any"
DEFAULT_MEASURE = "diaspora_size"
ORDERINGS = ["name", *MEASURES]


class TerritoryFilterForm(forms.Form):
    measure = forms.ChoiceField(
        label=_("Colour the map by"),
        choices=list(MEASURES.items()),
        required=False,
        initial=DEFAULT_MEASURE,
    )
    gap = forms.ChoiceField(
        label=_("Gaps"),
        choices=[
            ("", _("All countries")),
            (ANY_GAP, _("Only countries with a gap")),
            *GAPS.items(),
        ],
        required=False,
    )
    q = forms.CharField(label=_("Country"), max_length=100, required=False)
    local_government = local_government_field(empty_label=_("All local governments"))
    ordering = forms.ChoiceField(
        label=_("Order by"),
        choices=[(name, name) for name in ORDERINGS]
        + [(f"-{name}", f"-{name}") for name in ORDERINGS],
        required=False,
    )

    def measure_name(self) -> str:
        data = getattr(self, "cleaned_data", {}) or {}
        return data.get("measure") or DEFAULT_MEASURE


def filter_rows(rows: list[CountryDiagnosis], data: dict[str, Any]) -> list[CountryDiagnosis]:
    """The rows the form's gap and country filters keep (at most one per country)."""
    gap = data.get("gap") or ""
    if gap == ANY_GAP:
        rows = [row for row in rows if row.gaps]
    elif gap:
        rows = [row for row in rows if gap in row.gaps]
    text = (data.get("q") or "").strip().casefold()
    if text:
        rows = [row for row in rows if text in row.name.casefold() or text == row.code.casefold()]
    ordering = data.get("ordering") or ""
    if ordering:
        name = ordering.lstrip("-")
        rows = sorted(
            rows,
            key=lambda row: (
                (row.name.casefold(),) if name == "name" else (row.value(name) or 0, row.name)
            ),
            reverse=ordering.startswith("-"),
        )
    return rows
