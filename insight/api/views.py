"""Read-only endpoints of the insight app, for office staff only."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from insight.exports import health_columns, reciprocity_columns
from insight.filtersets import PartnerCityReciprocityFilterSet, PartnershipHealthFilterSet
from insight.selectors import partner_city_reciprocity_list, partnership_health_list
from insight.views import PartnerCityReciprocityList, PartnershipHealthList
from intl_relations.api_base import ReadOnlyRecordViewSet
from intl_relations.exports import Column
from intl_relations.permissions import RolePermission, is_staff_role
from partnerships.models import PartnerCity, Partnership

from .serializers import PartnerCityReciprocitySerializer, PartnershipHealthSerializer


class OfficeStaffOnly(BasePermission):
    """Insight reads internal records (costs, follow-ups): office staff only, as the
    staff pages. Anonymous callers get 401, partner members 403."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_staff_role(request.user)


class PartnershipHealthViewSet(ReadOnlyRecordViewSet):
    """Open partnerships with their last activity per source, counts and verdict.

    Filters are the partnerships' own (status, kind, country…) plus ``verdict`` and
    ``quiet_since``; quietest first unless ``ordering`` says otherwise.
    """

    queryset = Partnership.objects.all()
    selector = staticmethod(partnership_health_list)
    serializer_class = PartnershipHealthSerializer
    filterset_class = PartnershipHealthFilterSet
    permission_classes = [RolePermission, OfficeStaffOnly]
    ordering_fields = [
        "last_activity",
        "verdict",
        "activity_1y",
        "activity_3y",
        "activity_5y",
        "partner_city__name",
        "status",
        "kind",
    ]
    export_filename = "partnership-health"
    http_method_names = ["get", "head", "options"]

    def export_columns(self, queryset: Any) -> list[Column]:
        return health_columns()

    def export_title(self) -> str:
        return str(PartnershipHealthList.title)


class PartnerCityReciprocityViewSet(ReadOnlyRecordViewSet):
    """Every partner city with the balance of delegations, people, exchange participants
    and money each way, over the period ``date_from``–``date_to`` (open when absent)."""

    queryset = PartnerCity.objects.all()
    selector = staticmethod(partner_city_reciprocity_list)
    serializer_class = PartnerCityReciprocitySerializer
    filterset_class = PartnerCityReciprocityFilterSet
    permission_classes = [RolePermission, OfficeStaffOnly]
    ordering_fields = [
        "name",
        "country",
        "delegations_received",
        "delegations_sent",
        "delegation_balance",
        "people_received",
        "people_sent",
        "participants_received",
        "participants_sent",
        "exchange_balance",
        "city_paid_hosting",
        "city_paid_travel",
        "paid_by_others",
        "cooperation_spent",
    ]
    export_filename = "partner-city-reciprocity"

    def export_columns(self, queryset: Any) -> list[Column]:
        return reciprocity_columns()

    def export_title(self) -> str:
        return str(PartnerCityReciprocityList.title)
