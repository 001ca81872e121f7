"""Tables of the staff pages: proposals sent through the public portal."""

import django_tables2 as tables

from intl_relations.staff import (
    DateColumn,
    LinkColumn,
    ManyColumn,
    StaffTable,
    StatusColumn,
    related_link,
)

from .models import Proposal


class ProposalTable(StaffTable):
    title = LinkColumn()
    status = StatusColumn()
    organisation = tables.Column(linkify=related_link("organisation"))
    themes = ManyColumn()
    created_at = DateColumn()

    class Meta(StaffTable.Meta):
        model = Proposal
        fields = (
            "title",
            "kind",
            "status",
            "organisation",
            "contact_name",
            "partner_city_name",
            "themes",
            "created_at",
        )
