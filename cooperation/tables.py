"""Tables of the staff pages: networks, memberships, cooperation projects, budget lines."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from intl_relations.staff import (
    LinkColumn,
    ManyColumn,
    StaffTable,
    StatusColumn,
    YesNoColumn,
    related_link,
)

from .models import BudgetLine, CooperationProject, Network, NetworkMembership


class NetworkTable(StaffTable):
    name = LinkColumn()
    members_count = tables.Column(verbose_name=_("members"))

    class Meta(StaffTable.Meta):
        model = Network
        fields = ("name", "acronym", "scope", "website")
        sequence = (*fields, "members_count")


class NetworkMembershipTable(StaffTable):
    network = LinkColumn(
        verbose_name=_("membership"), accessor="network__name", order_by="network__name"
    )
    local_government = tables.Column(linkify=related_link("local_government"))

    class Meta(StaffTable.Meta):
        model = NetworkMembership
        fields = ("network", "local_government", "role", "joined_on", "left_on", "annual_fee")


class CooperationProjectTable(StaffTable):
    title = LinkColumn()
    partner_city = tables.Column(linkify=related_link("partner_city"))
    status = StatusColumn()
    themes = ManyColumn()
    planned_total = tables.Column(verbose_name=_("planned (EUR)"))
    spent_total = tables.Column(verbose_name=_("spent (EUR)"))
    published = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = CooperationProject
        fields = ("title", "partner_city", "status", "starts_on", "ends_on", "themes")
        sequence = (*fields, "planned_total", "spent_total", "published")


class BudgetLineTable(StaffTable):
    label = LinkColumn()
    project = tables.Column(linkify=related_link("project"), order_by="project__title")
    water_one_percent = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = BudgetLine
        fields = (
            "label",
            "project",
            "year",
            "category",
            "funding_source",
            "planned_amount",
            "spent_amount",
            "apd_amount",
            "water_one_percent",
            "apd_heading",
        )
