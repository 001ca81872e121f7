from django.utils.translation import gettext_lazy as _

from cooperation.filtersets import (
    BudgetLineFilterSet,
    CooperationProjectFilterSet,
    NetworkFilterSet,
    NetworkMembershipFilterSet,
)
from cooperation.models import BudgetLine, CooperationProject, Network, NetworkMembership
from cooperation.selectors import (
    budget_line_list,
    cooperation_project_list,
    network_list,
    network_membership_list,
)
from intl_relations.api_base import RecordViewSet

from .serializers import (
    BudgetLineSerializer,
    CooperationProjectSerializer,
    NetworkMembershipSerializer,
    NetworkSerializer,
)


class NetworkViewSet(RecordViewSet):
    """Networks of cities (AIMF, Eurocities, UCLG…)."""

    queryset = Network.objects.all()
    selector = staticmethod(network_list)
    serializer_class = NetworkSerializer
    filterset_class = NetworkFilterSet
    ordering_fields = ["name", "acronym", "scope", "members_count"]
    export_fields = ("name", "acronym", "scope", "website", ("members_count", _("Members")))
    export_filename = "networks"


class NetworkMembershipViewSet(RecordViewSet):
    """Local governments' memberships of networks, with role and fee."""

    queryset = NetworkMembership.objects.all()
    selector = staticmethod(network_membership_list)
    serializer_class = NetworkMembershipSerializer
    filterset_class = NetworkMembershipFilterSet
    ordering_fields = ["network__name", "local_government__name", "joined_on", "annual_fee"]
    export_fields = ("network", "local_government", "role", "joined_on", "left_on", "annual_fee")
    export_filename = "network-memberships"


class CooperationProjectViewSet(RecordViewSet):
    """Cooperation projects, with their budget totals."""

    queryset = CooperationProject.objects.all()
    selector = staticmethod(cooperation_project_list)
    serializer_class = CooperationProjectSerializer
    filterset_class = CooperationProjectFilterSet
    ordering_fields = ["title", "status", "starts_on", "ends_on", "spent_total", "created_at"]
    export_fields = (
        "title",
        "local_government",
        "partner_city",
        "partnership",
        "status",
        "themes",
        "partners",
        "starts_on",
        "ends_on",
        ("planned_total", _("Planned (EUR)")),
        ("spent_total", _("Spent (EUR)")),
        ("apd_total", _("Official development assistance (EUR)")),
        "published",
    )
    export_filename = "cooperation-projects"


class BudgetLineViewSet(RecordViewSet):
    """Yearly budget lines of cooperation projects."""

    queryset = BudgetLine.objects.all()
    selector = staticmethod(budget_line_list)
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilterSet
    ordering_fields = ["year", "label", "category", "planned_amount", "spent_amount"]
    export_fields = (
        "project",
        "year",
        "label",
        "category",
        "funding_source",
        "funder",
        "planned_amount",
        "spent_amount",
        "apd_amount",
        "water_one_percent",
        "apd_heading",
    )
    export_filename = "budget-lines"
