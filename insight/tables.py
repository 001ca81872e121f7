"""Tables of the insight pages: partnerships going quiet, the partners' balance."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from intl_relations.staff import CountryColumn, DateColumn, LinkColumn, StaffTable, StatusColumn
from partnerships.models import PartnerCity, Partnership

from .choices import Verdict
from .health import health_reasons, suggested_action


class VerdictColumn(tables.Column):
    """The verdict as a labelled badge (the word, not only a colour)."""

    labels = dict(Verdict.choices)

    def render(self, value: Any) -> str:
        return format_html(
            '<span class="badge verdict-{}">{}</span>', value, self.labels.get(value, value)
        )


class PartnershipHealthTable(StaffTable):
    partner_city = LinkColumn(
        verbose_name=_("partnership"), accessor="partner_city__name", order_by="partner_city__name"
    )
    country = CountryColumn(
        accessor="partner_city__country",
        verbose_name=_("country"),
        order_by="partner_city__country",
    )
    local_government = tables.Column(verbose_name=_("local government"))
    status = StatusColumn()
    verdict = VerdictColumn(verbose_name=_("verdict"))
    last_activity = DateColumn(verbose_name=_("last activity"))
    activity_1y = tables.Column(verbose_name=_("records, last year"))
    activity_3y = tables.Column(verbose_name=_("records, 3 years"))
    activity_5y = tables.Column(verbose_name=_("records, 5 years"))
    # Reasons are sentences: a readable measure, not the width the number columns leave.
    reasons = tables.Column(
        verbose_name=_("reasons"),
        empty_values=(),
        orderable=False,
        attrs={"td": {"class": "prose-cell"}},
    )
    action = tables.Column(verbose_name=_("suggested action"), empty_values=(), orderable=False)

    class Meta(StaffTable.Meta):
        model = Partnership
        fields = (
            "partner_city",
            "country",
            "local_government",
            "kind",
            "status",
            "verdict",
            "last_activity",
            "activity_1y",
            "activity_3y",
            "activity_5y",
            "reasons",
            "action",
        )

    def render_reasons(self, record: Any) -> str:
        return format_html_join(", ", "{}", ((reason,) for reason in health_reasons(record)))

    def render_action(self, record: Any) -> str:
        step = suggested_action(record)
        if step is None:
            return "—"
        return format_html('<a href="{}">{}</a>', step.url, step.label)


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


class BalanceColumn(tables.Column):
    def render(self, value: Any) -> str:
        return _signed(value)


class MoneyColumn(tables.Column):
    def render(self, value: Any) -> str:
        from django.utils.formats import number_format

        return f"{number_format(value, 0, force_grouping=True)} €"


class PartnerCityReciprocityTable(StaffTable):
    name = LinkColumn(verbose_name=_("partner city"))
    country = CountryColumn()
    delegations_received = tables.Column(verbose_name=_("delegations received"))
    delegations_sent = tables.Column(verbose_name=_("delegations sent"))
    delegation_balance = BalanceColumn(verbose_name=_("delegation balance"))
    people_received = tables.Column(verbose_name=_("people received"))
    people_sent = tables.Column(verbose_name=_("people sent"))
    participants_received = tables.Column(verbose_name=_("participants received"))
    participants_sent = tables.Column(verbose_name=_("participants sent"))
    exchange_balance = BalanceColumn(verbose_name=_("exchange balance"))
    city_paid_hosting = MoneyColumn(verbose_name=_("paid by the city, hosting"))
    city_paid_travel = MoneyColumn(verbose_name=_("paid by the city, travel"))
    paid_by_others = MoneyColumn(verbose_name=_("paid by others"))
    cooperation_spent = MoneyColumn(verbose_name=_("cooperation spending"))

    class Meta(StaffTable.Meta):
        model = PartnerCity
        fields = (
            "name",
            "country",
            "delegations_received",
            "delegations_sent",
            "delegation_balance",
            "people_received",
            "people_sent",
            "participants_received",
            "participants_sent",
            "exchange_balance",
            "city_paid_hosting",
            "city_paid_travel",
            "paid_by_others",
            "cooperation_spent",
        )
        # Who visits us and we never visit, first.
        order_by = ("-delegation_balance", "name")
