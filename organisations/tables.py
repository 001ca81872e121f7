"""Tables of the staff pages: organisations and contacts."""

import django_tables2 as tables

from intl_relations.staff import (
    CountryColumn,
    LinkColumn,
    StaffTable,
    StatusColumn,
    YesNoColumn,
    related_link,
)

from .models import Contact, Organisation


class OrganisationTable(StaffTable):
    name = LinkColumn()
    country = CountryColumn()
    status = StatusColumn()
    is_local = YesNoColumn()
    published = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = Organisation
        fields = ("name", "acronym", "kind", "city", "country", "is_local", "status", "published")


class ContactTable(StaffTable):
    last_name = LinkColumn()
    organisation = tables.Column(linkify=related_link("organisation"))
    partner_city = tables.Column(linkify=related_link("partner_city"))
    email = tables.EmailColumn()

    class Meta(StaffTable.Meta):
        model = Contact
        fields = ("last_name", "first_name", "position", "organisation", "partner_city", "email")
