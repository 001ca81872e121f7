from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from delegations.choices import DelegationStatus, Direction
from delegations.filtersets import (
    DelegationCostFilterSet,
    DelegationFilterSet,
    DelegationMemberFilterSet,
    FollowUpActionFilterSet,
    ProgrammeItemFilterSet,
)
from delegations.models import (
    Delegation,
    DelegationCost,
    DelegationMember,
    FollowUpAction,
    ProgrammeItem,
)
from delegations.selectors import (
    delegation_cost_list,
    delegation_list,
    delegation_member_list,
    follow_up_action_list,
    programme_item_list,
)
from delegations.services import delegation_change_status
from intl_relations.api_base import RecordViewSet
from intl_relations.exports import CalendarEvent, ics_response
from intl_relations.permissions import Action

from .serializers import (
    DelegationCostSerializer,
    DelegationMemberSerializer,
    DelegationSerializer,
    DelegationTransitionSerializer,
    FollowUpActionSerializer,
    ProgrammeItemSerializer,
)

ICS_STATUS = {
    DelegationStatus.PLANNED: "TENTATIVE",
    DelegationStatus.CONFIRMED: "CONFIRMED",
    DelegationStatus.DONE: "CONFIRMED",
    DelegationStatus.CANCELLED: "CANCELLED",
}


def delegation_event(delegation: Delegation, host: str) -> CalendarEvent:
    if delegation.direction == Direction.INCOMING:
        place = delegation.local_government.name
    else:
        place = delegation.destination or (
            delegation.partner_city.name if delegation.partner_city else ""
        )
    return CalendarEvent(
        uid=f"delegation-{delegation.pk}@{host}",
        starts_on=delegation.starts_on,
        ends_on=delegation.ends_on,
        summary=f"{delegation.title} ({delegation.get_direction_display()})",
        stamp=delegation.updated_at,
        description=delegation.purpose,
        location=place,
        status=ICS_STATUS.get(delegation.status, ""),
        categories=[str(theme) for theme in delegation.themes.all()],
    )


class DelegationViewSet(RecordViewSet):
    """Incoming and outgoing delegations (visits)."""

    queryset = Delegation.objects.all()
    selector = staticmethod(delegation_list)
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    ordering_fields = [
        "starts_on",
        "ends_on",
        "title",
        "direction",
        "status",
        "country",
        "members_count",
        "created_at",
    ]
    export_fields = (
        "title",
        "direction",
        "status",
        "local_government",
        "partner_city",
        "country",
        "destination",
        "starts_on",
        "ends_on",
        "purpose",
        "themes",
        ("members_count", _("Members")),
        "outcomes",
        "published",
    )
    export_filename = "delegations"

    @extend_schema(request=DelegationTransitionSerializer, responses=DelegationSerializer)
    @action(detail=True, methods=["post"], permission_action=Action.CHANGE)
    def transition(self, request, pk=None):
        """Move the delegation to another status (planned, confirmed, done, cancelled)."""
        delegation = self.get_object()
        payload = DelegationTransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        delegation_change_status(delegation=delegation, user=request.user, **payload.validated_data)
        return Response(self.get_serializer(self._reload(delegation)).data)

    @extend_schema(
        summary=_("The filtered delegations as an iCalendar feed (RFC 5545)"),
        responses={(200, "text/calendar"): OpenApiTypes.STR},
    )
    @action(detail=False, methods=["get"], url_path=r"calendar\.ics", url_name="calendar")
    def calendar(self, request):
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        delegations = self.filter_queryset(self.get_queryset())
        return ics_response(
            (delegation_event(d, host) for d in delegations.iterator(chunk_size=1000)),
            name=str(_("Delegations")),
            filename="delegations",
        )


class DelegationMemberViewSet(RecordViewSet):
    """The people in a delegation and their role."""

    queryset = DelegationMember.objects.all()
    selector = staticmethod(delegation_member_list)
    serializer_class = DelegationMemberSerializer
    filterset_class = DelegationMemberFilterSet
    ordering_fields = ["full_name", "role", "is_head", "created_at"]
    # Delegation by delegation in the order they were recorded, each head first: an
    # order of records, not of dates, so a client paging through sees every member once
    # even while a delegation is moved, and page 1,000 is read off an index as page 1.
    ordering = ("delegation_id", "-is_head", "full_name", "id")
    export_fields = (
        "delegation",
        "full_name",
        "role",
        "position",
        "organisation",
        "email",
        "phone",
        "is_head",
    )
    export_filename = "delegation-members"


class ProgrammeItemViewSet(RecordViewSet):
    """Meetings, site visits and receptions of a delegation's programme."""

    queryset = ProgrammeItem.objects.all()
    selector = staticmethod(programme_item_list)
    serializer_class = ProgrammeItemSerializer
    filterset_class = ProgrammeItemFilterSet
    ordering_fields = ["starts_at", "ends_at", "title", "kind"]
    export_fields = ("delegation", "starts_at", "ends_at", "kind", "title", "location", "host")
    export_filename = "programme"


class DelegationCostViewSet(RecordViewSet):
    """Costs of delegations."""

    queryset = DelegationCost.objects.all()
    selector = staticmethod(delegation_cost_list)
    serializer_class = DelegationCostSerializer
    filterset_class = DelegationCostFilterSet
    ordering_fields = ["category", "label", "amount"]
    export_fields = ("delegation", "category", "label", "amount", "paid_by")
    export_filename = "delegation-costs"


class FollowUpActionViewSet(RecordViewSet):
    """Follow-up actions after delegations."""

    queryset = FollowUpAction.objects.all()
    selector = staticmethod(follow_up_action_list)
    serializer_class = FollowUpActionSerializer
    filterset_class = FollowUpActionFilterSet
    ordering_fields = ["due_on", "status", "created_at"]
    export_fields = ("delegation", "description", "owner", "due_on", "status")
    export_filename = "follow-up-actions"
