"""Filters of the insight lists: the partnerships' and partner cities' own, and more.

The health list filters partnerships with ``PartnershipFilterSet`` (status, kind,
country…) plus the verdict; the reciprocity table filters partner cities with
``PartnerCityFilterSet`` plus the period the balance is counted over. The API, the
pages and the exports use these same classes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import choice_filter
from partnerships.filtersets import PartnerCityFilterSet, PartnershipFilterSet

from .choices import Verdict
from .selectors import verdict_filter, with_reciprocity


class PartnershipHealthFilterSet(PartnershipFilterSet):
    """A partnership's filters, and its verdict (annotated by ``with_health``)."""

    verdict = choice_filter(Verdict.choices, label=_("Verdict"), method="filter_verdict")
    quiet_since = django_filters.DateFilter(
        field_name="last_activity",
        method="filter_quiet_since",
        label=_("Nothing recorded since"),
    )

    class Meta(PartnershipFilterSet.Meta):
        fields = [*PartnershipFilterSet.Meta.fields, "verdict", "quiet_since"]

    def filter_verdict(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(verdict_filter(value)) if value else queryset

    def filter_quiet_since(self, queryset: QuerySet, name: str, value: dt.date | None):
        if value is None:
            return queryset
        # No activity at all is quiet too.
        return queryset.exclude(last_activity__gte=value)


class PeriodForm(forms.Form):
    """The filter form of a period: its end may not come before its start."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period comes before its start."))
        return data


class PartnerCityReciprocityFilterSet(PartnerCityFilterSet):
    """A partner city's filters, and the period its balance is counted over.

    The period does not narrow the rows: every partner city is listed, with what
    happened between ``date_from`` and ``date_to`` (both included; open when absent).
    """

    date_from = django_filters.DateFilter(method="keep", label=_("Period from"))
    date_to = django_filters.DateFilter(method="keep", label=_("Period to"))

    class Meta(PartnerCityFilterSet.Meta):
        fields = [*PartnerCityFilterSet.Meta.fields, "date_from", "date_to"]
        form = PeriodForm

    def keep(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.is_bound:
            return None, None
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        if "date_to" in self.form.errors:
            return data.get("date_from"), None
        return data.get("date_from"), data.get("date_to")

    @property
    def qs(self) -> QuerySet:
        if not hasattr(self, "_balanced"):
            start, end = self.period()
            self._balanced = with_reciprocity(super().qs, link="partner_city", start=start, end=end)
        return self._balanced
