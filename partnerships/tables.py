"""Tables of the staff pages: partner cities, local governments, partnerships, documents."""

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

from .models import LocalGovernment, PartnerCity, Partnership, PartnershipDocument


class LocalGovernmentTable(StaffTable):
    name = LinkColumn()
    country = CountryColumn()
    partnerships_count = tables.Column(verbose_name=_("partnerships"))
    is_default = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = LocalGovernment
        fields = ("name", "kind", "country", "official_code", "population", "is_default")
        sequence = (*fields, "partnerships_count")


class PartnerCityTable(StaffTable):
    name = LinkColumn()
    country = CountryColumn()
    partnerships_count = tables.Column(verbose_name=_("partnerships"))
    active_partnerships_count = tables.Column(verbose_name=_("active"))

    class Meta(StaffTable.Meta):
        model = PartnerCity
        fields = ("name", "country", "region", "kind", "population")
        sequence = (*fields, "partnerships_count", "active_partnerships_count")


class PartnershipTable(StaffTable):
    partner_city = LinkColumn(
        verbose_name=_("partnership"), accessor="partner_city__name", order_by="partner_city__name"
    )
    country = CountryColumn(
        accessor="partner_city__country",
        verbose_name=_("country"),
        order_by="partner_city__country",
    )
    local_government = tables.Column(linkify=related_link("local_government"))
    status = StatusColumn()
    themes = ManyColumn()
    published = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = Partnership
        fields = (
            "partner_city",
            "country",
            "local_government",
            "kind",
            "status",
            "signed_on",
            "review_on",
            "themes",
            "published",
        )


class PartnershipDocumentTable(StaffTable):
    title = LinkColumn()
    partnership = tables.Column(
        linkify=related_link("partnership"), order_by="partnership__partner_city__name"
    )
    is_public = YesNoColumn()

    class Meta(StaffTable.Meta):
        model = PartnershipDocument
        fields = ("title", "partnership", "kind", "dated_on", "language", "is_public")
