"""Filters for the home side, partner cities, partnerships and their documents."""

from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import (
    BaseFilterSet,
    choice_filter,
    country_filter,
    related_filter,
    themes_filter,
)
from intl_relations.widgets import FastSelect
from organisations.models import Organisation

from .choices import (
    DocumentKind,
    LocalGovernmentKind,
    PartnerCityKind,
    PartnershipKind,
    PartnershipStatus,
    ThemeCode,
)
from .models import LocalGovernment, PartnerCity, Partnership, PartnershipDocument, Theme


def local_government_choices() -> QuerySet[LocalGovernment]:
    """The local governments a filter offers: what their select box shows (the name, in
    the list's order). Every column of thousands of rows made building the box the
    slowest part of a list page."""
    return LocalGovernment.objects.only("id", "name", "is_default")


def local_government_field(empty_label: Any) -> forms.ModelChoiceField:
    """An optional choice of one local government, ``empty_label`` meaning all of them.
    Thousands at national scale: rendered in Python, and a page shows ``searchable()``'s
    search box in its place past a few hundred."""
    return forms.ModelChoiceField(
        label=_("Local government"),
        queryset=local_government_choices().order_by("name"),
        required=False,
        empty_label=empty_label,
        widget=FastSelect,
    )


class ThemeFilterSet(BaseFilterSet):
    search_fields = ("code",)

    code = choice_filter(ThemeCode.choices)

    class Meta:
        model = Theme
        fields = ["q", "code"]


class LocalGovernmentFilterSet(BaseFilterSet):
    search_fields = ("name", "official_code")

    kind = choice_filter(LocalGovernmentKind.choices)
    country = country_filter()
    is_default = django_filters.BooleanFilter()

    class Meta:
        model = LocalGovernment
        fields = ["q", "kind", "country", "is_default"]


class PartnerCityFilterSet(BaseFilterSet):
    search_fields = ("name", "local_name", "region")

    kind = choice_filter(PartnerCityKind.choices)
    country = country_filter()
    partnership_status = django_filters.MultipleChoiceFilter(
        choices=PartnershipStatus.choices,
        method="filter_partnership_status",
        label=_("Status of a partnership"),
    )
    has_coordinates = django_filters.BooleanFilter(
        method="filter_has_coordinates", label=_("Has coordinates")
    )

    class Meta:
        model = PartnerCity
        fields = ["q", "kind", "country", "partnership_status", "has_coordinates"]

    def filter_partnership_status(self, queryset: QuerySet, name: str, value: list[str]):
        if not value:
            return queryset
        return queryset.filter(
            Exists(Partnership.objects.filter(partner_city=OuterRef("pk"), status__in=value))
        )

    def filter_has_coordinates(self, queryset: QuerySet, name: str, value: bool | None):
        if value is None:
            return queryset
        located = Q(latitude__isnull=False, longitude__isnull=False)
        return queryset.filter(located if value else ~located)


class PartnershipFilterSet(BaseFilterSet):
    search_fields = (
        "partner_city__name",
        "partner_city__local_name",
        "local_government__name",
        "summary",
    )

    kind = choice_filter(PartnershipKind.choices)
    status = choice_filter(PartnershipStatus.choices)
    theme = themes_filter()
    country = country_filter("partner_city__country")
    partner_city = related_filter(PartnerCity.objects.all(), "partner_city", _("Partner city"))
    local_government = related_filter(
        local_government_choices(),
        "local_government",
        _("Local government (holder or co-holder)"),
        method="filter_local_government",
    )
    co_partner = related_filter(Organisation.objects.all(), "co_partners", _("Local co-partner"))
    officer = related_filter(get_user_model().objects.all(), "officer", _("Officer in charge"))
    published = django_filters.BooleanFilter()
    signed_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed on or after")
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed on or before")
    )
    review_after = django_filters.DateFilter(
        field_name="review_on", lookup_expr="gte", label=_("Review on or after")
    )
    review_before = django_filters.DateFilter(
        field_name="review_on", lookup_expr="lte", label=_("Review on or before")
    )
    ended_after = django_filters.DateFilter(
        field_name="ended_on", lookup_expr="gte", label=_("Ended on or after")
    )
    ended_before = django_filters.DateFilter(
        field_name="ended_on", lookup_expr="lte", label=_("Ended on or before")
    )

    class Meta:
        model = Partnership
        fields = [
            "q",
            "kind",
            "status",
            "theme",
            "country",
            "partner_city",
            "local_government",
            "co_partner",
            "officer",
            "published",
            "signed_after",
            "signed_before",
            "review_after",
            "review_before",
            "ended_after",
            "ended_before",
        ]

    def filter_local_government(self, queryset: QuerySet, name: str, value):
        # A partnership is held by its local government and by its co-holders alike.
        if not value:
            return queryset
        through = Partnership.co_holders.through
        return queryset.filter(
            Q(local_government__in=value)
            | Exists(through.objects.filter(partnership=OuterRef("pk"), localgovernment__in=value))
        )


class PartnershipDocumentFilterSet(BaseFilterSet):
    search_fields = ("title",)

    partnership = related_filter(Partnership.objects.all(), "partnership", _("Partnership"))
    kind = choice_filter(DocumentKind.choices)
    is_public = django_filters.BooleanFilter()
    dated_after = django_filters.DateFilter(
        field_name="dated_on", lookup_expr="gte", label=_("Dated on or after")
    )
    dated_before = django_filters.DateFilter(
        field_name="dated_on", lookup_expr="lte", label=_("Dated on or before")
    )

    class Meta:
        model = PartnershipDocument
        fields = ["q", "partnership", "kind", "is_public", "dated_after", "dated_before"]
