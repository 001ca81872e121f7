"""The table of the territory diagnosis: one row per country, every column sortable."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from intl_relations.staff import StaffTable

from .selectors import MEASURES, CountryDiagnosis

NUMBER = {"td": {"class": "number"}, "th": {"class": "number"}}


def _count(name: str, **kwargs: Any) -> tables.Column:
    return tables.Column(verbose_name=MEASURES[name], attrs=NUMBER, **kwargs)


class CountryColumn(tables.Column):
    """The country's name in the active language, with its ISO code for screen readers."""

    def render(self, value: Any, record: CountryDiagnosis) -> str:
        return format_html('{} <small class="muted">({})</small>', value, record.code)


class GapsColumn(tables.Column):
    def render(self, value: Any, record: CountryDiagnosis) -> str:
        return format_html(
            '<ul class="gaps">{}</ul>',
            format_html_join(
                "",
                '<li><span class="badge badge-gap">{}</span> {}</li>',
                ((_("Gap"), text) for text in record.gap_texts),
            ),
        )


class TerritoryTable(StaffTable):
    name = CountryColumn(verbose_name=_("Country"), attrs={"th": {"scope": "col"}})
    diaspora_groups = _count("diaspora_groups")
    diaspora_size = _count("diaspora_size", default="—")
    consulates_career = _count("consulates_career")
    consulates_honorary = _count("consulates_honorary")
    partnerships = _count("partnerships")
    idle_partnerships = _count("idle_partnerships")
    projects = _count("projects")
    delegations_received = _count("delegations_received")
    delegations_sent = _count("delegations_sent")
    exchanges = _count("exchanges")
    gap_count = GapsColumn(verbose_name=MEASURES["gap_count"], empty_values=())

    class Meta(StaffTable.Meta):
        empty_text = _("No country matches.")
        attrs = {"class": "striped territory-table", "id": "territory-table"}
