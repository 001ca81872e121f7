"""Reads of networks, memberships, cooperation projects and budget lines."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from intl_relations.permissions import Action
from intl_relations.selectors import apply_filters, count_of, scoped

from .filtersets import (
    BudgetLineFilterSet,
    CooperationProjectFilterSet,
    NetworkFilterSet,
    NetworkMembershipFilterSet,
)
from .models import BudgetLine, CooperationProject, Network, NetworkMembership


def network_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Network]:
    qs = scoped(Network.objects.all(), user, action).annotate(
        members_count=count_of(scoped(NetworkMembership.objects.all(), user), "network")
    )
    return apply_filters(qs, NetworkFilterSet, filters)


def network_membership_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[NetworkMembership]:
    qs = scoped(
        NetworkMembership.objects.select_related("network", "local_government"), user, action
    )
    return apply_filters(qs, NetworkMembershipFilterSet, filters)


def _budget_sum(field: str) -> Coalesce:
    total = (
        BudgetLine.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(total=Sum(field))
        .values("total")
    )
    money = DecimalField(max_digits=16, decimal_places=2)
    return Coalesce(Subquery(total, output_field=money), Decimal("0"), output_field=money)


def cooperation_project_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[CooperationProject]:
    qs = (
        scoped(CooperationProject.objects.all(), user, action)
        .select_related("partner_city", "local_government", "partnership", "officer")
        .prefetch_related("themes", "partners")
        .annotate(
            planned_total=_budget_sum("planned_amount"),
            spent_total=_budget_sum("spent_amount"),
            apd_total=_budget_sum("apd_amount"),
        )
    )
    return apply_filters(qs, CooperationProjectFilterSet, filters)


def budget_line_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[BudgetLine]:
    qs = scoped(BudgetLine.objects.select_related("project"), user, action)
    return apply_filters(qs, BudgetLineFilterSet, filters)
