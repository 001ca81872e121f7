"""Tables of the staff pages: consular corps and diaspora groups."""

import django_tables2 as tables

from intl_relations.staff import (
    CountryColumn,
    LinkColumn,
    ManyColumn,
    StaffTable,
    YesNoColumn,
    detail_link,
    related_link,
)

from .models import Consulate, DiasporaGroup


class ConsulateTable(StaffTable):
    country = CountryColumn(
        verbose_name=Consulate._meta.get_field("country").verbose_name, linkify=detail_link
    )
    published = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = Consulate
        fields = ("country", "kind", "city", "consul_name", "email", "phone", "published")


class DiasporaGroupTable(StaffTable):
    name = LinkColumn()
    origin_country = CountryColumn()
    local_government = tables.Column(linkify=related_link("local_government"))
    associations = ManyColumn()
    published = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = DiasporaGroup
        fields = (
            "name",
            "origin_country",
            "estimated_size",
            "size_year",
            "local_government",
            "associations",
            "published",
        )
