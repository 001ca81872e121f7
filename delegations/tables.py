"""Tables of the staff pages: delegations and what belongs to them."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from intl_relations.staff import (
    CountryColumn,
    LinkColumn,
    ManyColumn,
    StaffTable,
    StatusColumn,
    YesNoColumn,
    related_link,
)

from .models import Delegation, DelegationCost, DelegationMember, FollowUpAction, ProgrammeItem


class DelegationTable(StaffTable):
    title = LinkColumn()
    partner_city = tables.Column(linkify=related_link("partner_city"))
    country = CountryColumn()
    status = StatusColumn()
    themes = ManyColumn()
    members_count = tables.Column(verbose_name=_("members"))

    class Meta(StaffTable.Meta):
        model = Delegation
        fields = (
            "title",
            "direction",
            "starts_on",
            "ends_on",
            "partner_city",
            "country",
            "status",
            "themes",
        )
        sequence = (*fields, "members_count")


class DelegationMemberTable(StaffTable):
    full_name = tables.Column()
    delegation = tables.Column(linkify=related_link("delegation"), order_by="delegation__title")
    organisation = tables.Column(linkify=related_link("organisation"))
    is_head = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = DelegationMember
        fields = ("full_name", "delegation", "role", "position", "organisation", "is_head")


class ProgrammeItemTable(StaffTable):
    host = tables.Column(linkify=related_link("host"))

    class Meta(StaffTable.Meta):
        model = ProgrammeItem
        fields = ("starts_at", "ends_at", "kind", "title", "location", "host")


class DelegationCostTable(StaffTable):
    class Meta(StaffTable.Meta):
        model = DelegationCost
        fields = ("category", "label", "amount", "paid_by")


class FollowUpActionTable(StaffTable):
    status = StatusColumn()

    class Meta(StaffTable.Meta):
        model = FollowUpAction
        fields = ("description", "owner", "due_on", "status")
