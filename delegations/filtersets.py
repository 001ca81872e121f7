"""Filters for delegations and what hangs off them (members, programme, costs, follow-ups)."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import (
    BaseFilterSet,
    choice_filter,
    country_filter,
    related_filter,
    themes_filter,
)
from organisations.models import Organisation
from partnerships.filtersets import local_government_choices
from partnerships.models import PartnerCity, Partnership

from .choices import (
    CostCategory,
    DelegationStatus,
    Direction,
    FollowUpStatus,
    MemberRole,
    ProgrammeItemKind,
)
from .models import Delegation, DelegationCost, DelegationMember, FollowUpAction, ProgrammeItem


class DelegationFilterSet(BaseFilterSet):
    search_fields = ("title", "purpose", "destination", "outcomes", "partner_city__name")

    direction = choice_filter(Direction.choices)
    status = choice_filter(DelegationStatus.choices)
    country = country_filter()
    theme = themes_filter()
    partner_city = related_filter(PartnerCity.objects.all(), "partner_city", _("Partner city"))
    partnership = related_filter(Partnership.objects.all(), "partnership", _("Partnership"))
    local_government = related_filter(
        local_government_choices(), "local_government", _("Local government")
    )
    officer = related_filter(get_user_model().objects.all(), "officer", _("Officer in charge"))
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
        model = Delegation
        fields = [
            "q",
            "direction",
            "status",
            "country",
            "theme",
            "partner_city",
            "partnership",
            "local_government",
            "officer",
            "published",
            "starts_after",
            "starts_before",
            "ends_after",
            "ends_before",
        ]


class DelegationMemberFilterSet(BaseFilterSet):
    search_fields = ("full_name", "position", "email", "organisation__name")

    delegation = related_filter(Delegation.objects.all(), "delegation", _("Delegation"))
    role = choice_filter(MemberRole.choices)
    organisation = related_filter(Organisation.objects.all(), "organisation", _("Organisation"))
    is_head = django_filters.BooleanFilter()

    class Meta:
        model = DelegationMember
        fields = ["q", "delegation", "role", "organisation", "is_head"]


class ProgrammeItemFilterSet(BaseFilterSet):
    search_fields = ("title", "location", "notes", "host__name")

    delegation = related_filter(Delegation.objects.all(), "delegation", _("Delegation"))
    kind = choice_filter(ProgrammeItemKind.choices)
    host = related_filter(Organisation.objects.all(), "host", _("Host"))
    starts_after = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("Starts on or after")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("Starts on or before")
    )

    class Meta:
        model = ProgrammeItem
        fields = ["q", "delegation", "kind", "host", "starts_after", "starts_before"]


class DelegationCostFilterSet(BaseFilterSet):
    search_fields = ("label", "paid_by")

    delegation = related_filter(Delegation.objects.all(), "delegation", _("Delegation"))
    category = choice_filter(CostCategory.choices)

    class Meta:
        model = DelegationCost
        fields = ["q", "delegation", "category"]


class FollowUpActionFilterSet(BaseFilterSet):
    search_fields = ("description",)

    delegation = related_filter(Delegation.objects.all(), "delegation", _("Delegation"))
    status = choice_filter(FollowUpStatus.choices)
    owner = related_filter(get_user_model().objects.all(), "owner", _("Owner"))
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label=_("Due on or after")
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label=_("Due on or before")
    )

    class Meta:
        model = FollowUpAction
        fields = ["q", "delegation", "status", "owner", "due_after", "due_before"]
