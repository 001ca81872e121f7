"""Tables of the staff pages: exchange programs, applications, participants."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from intl_relations.staff import (
    DateColumn,
    LinkColumn,
    StaffTable,
    StatusColumn,
    YesNoColumn,
    related_link,
)

from .models import Application, ExchangeProgram, Participant


class ExchangeProgramTable(StaffTable):
    title = LinkColumn()
    partner_city = tables.Column(linkify=related_link("partner_city"))
    places_taken = tables.Column(verbose_name=_("places taken"))
    applications_count = tables.Column(verbose_name=_("applications"))
    published = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = ExchangeProgram
        fields = (
            "title",
            "kind",
            "partner_city",
            "applications_open_on",
            "applications_close_on",
            "starts_on",
            "ends_on",
            "capacity",
        )
        sequence = (*fields, "places_taken", "applications_count", "published")


class ApplicationTable(StaffTable):
    applicant_name = LinkColumn()
    program = tables.Column(linkify=related_link("program"), order_by="program__title")
    organisation = tables.Column(linkify=related_link("organisation"))
    status = StatusColumn()
    submitted_at = DateColumn()

    class Meta(StaffTable.Meta):
        model = Application
        fields = (
            "applicant_name",
            "program",
            "organisation",
            "participants_count",
            "status",
            "submitted_at",
        )


class ParticipantTable(StaffTable):
    full_name = LinkColumn()
    program = tables.Column(linkify=related_link("program"), order_by="program__title")
    organisation = tables.Column(linkify=related_link("organisation"))
    status = StatusColumn()

    class Meta(StaffTable.Meta):
        model = Participant
        fields = (
            "full_name",
            "program",
            "organisation",
            "role",
            "direction",
            "status",
            "departed_on",
            "returned_on",
        )
