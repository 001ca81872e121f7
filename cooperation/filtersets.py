"""Filters for networks, memberships, cooperation projects and budget lines."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import (
    BaseFilterSet,
    choice_filter,
    country_filter,
    related_filter,
    themes_filter,
    year_filter,
)
from organisations.models import Organisation
from partnerships.filtersets import local_government_choices
from partnerships.models import PartnerCity, Partnership

from .choices import (
    ApdHeading,
    BudgetCategory,
    FundingSource,
    MembershipRole,
    NetworkScope,
    ProjectStatus,
)
from .models import BudgetLine, CooperationProject, Network, NetworkMembership


class NetworkFilterSet(BaseFilterSet):
    search_fields = ("name", "acronym", "description")

    scope = choice_filter(NetworkScope.choices)

    class Meta:
        model = Network
        fields = ["q", "scope"]


class NetworkMembershipFilterSet(BaseFilterSet):
    search_fields = ("network__name", "network__acronym", "notes")

    network = related_filter(Network.objects.all(), "network", _("Network"))
    local_government = related_filter(
        local_government_choices(), "local_government", _("Local government")
    )
    role = choice_filter(MembershipRole.choices)
    current = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", label=_("Current member")
    )
    joined_after = django_filters.DateFilter(
        field_name="joined_on", lookup_expr="gte", label=_("Joined on or after")
    )
    joined_before = django_filters.DateFilter(
        field_name="joined_on", lookup_expr="lte", label=_("Joined on or before")
    )

    class Meta:
        model = NetworkMembership
        fields = [
            "q",
            "network",
            "local_government",
            "role",
            "current",
            "joined_after",
            "joined_before",
        ]


class CooperationProjectFilterSet(BaseFilterSet):
    search_fields = ("title", "objectives", "results", "partner_city__name")

    status = choice_filter(ProjectStatus.choices)
    theme = themes_filter()
    country = country_filter("partner_city__country")
    partnership = related_filter(Partnership.objects.all(), "partnership", _("Partnership"))
    partner_city = related_filter(PartnerCity.objects.all(), "partner_city", _("Partner city"))
    local_government = related_filter(
        local_government_choices(), "local_government", _("Local government")
    )
    organisation = related_filter(Organisation.objects.all(), "partners", _("Partner organisation"))
    published = django_filters.BooleanFilter()
    starts_after = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("Starts on or after")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("Starts on or before")
    )
    ends_after = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="gte", label=_("Ends on or after")
    )
    ends_before = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="lte", label=_("Ends on or before")
    )

    class Meta:
        model = CooperationProject
        fields = [
            "q",
            "status",
            "theme",
            "country",
            "partnership",
            "partner_city",
            "local_government",
            "organisation",
            "published",
            "starts_after",
            "starts_before",
            "ends_after",
            "ends_before",
        ]


class BudgetLineFilterSet(BaseFilterSet):
    search_fields = ("label", "funder", "project__title")

    project = related_filter(CooperationProject.objects.all(), "project", _("Project"))
    year = year_filter()
    year_from = year_filter(field_name="year", lookup_expr="gte", label=_("From year"))
    year_to = year_filter(field_name="year", lookup_expr="lte", label=_("To year"))
    category = choice_filter(BudgetCategory.choices)
    funding_source = choice_filter(FundingSource.choices)
    water_one_percent = django_filters.BooleanFilter()
    apd_heading = choice_filter(ApdHeading.choices)

    class Meta:
        model = BudgetLine
        fields = [
            "q",
            "project",
            "year",
            "year_from",
            "year_to",
            "category",
            "funding_source",
            "water_one_percent",
            "apd_heading",
        ]
