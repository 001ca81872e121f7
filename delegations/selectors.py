"""Reads of delegations and their members, programme, costs and follow-ups."""

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from intl_relations.permissions import Action
from intl_relations.selectors import apply_filters, count_of, scoped

from .filtersets import (
    DelegationCostFilterSet,
    DelegationFilterSet,
    DelegationMemberFilterSet,
    FollowUpActionFilterSet,
    ProgrammeItemFilterSet,
)
from .models import Delegation, DelegationCost, DelegationMember, FollowUpAction, ProgrammeItem


def delegation_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Delegation]:
    qs = (
        scoped(Delegation.objects.all(), user, action)
        .select_related("partner_city", "local_government", "partnership", "officer")
        .prefetch_related("themes")
        .annotate(members_count=count_of(DelegationMember.objects.all(), "delegation"))
    )
    return apply_filters(qs, DelegationFilterSet, filters)


def delegation_member_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[DelegationMember]:
    qs = scoped(DelegationMember.objects.select_related("delegation", "organisation"), user, action)
    return apply_filters(qs, DelegationMemberFilterSet, filters)


def programme_item_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[ProgrammeItem]:
    qs = scoped(ProgrammeItem.objects.select_related("delegation", "host"), user, action)
    return apply_filters(qs, ProgrammeItemFilterSet, filters)


def delegation_cost_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[DelegationCost]:
    qs = scoped(DelegationCost.objects.select_related("delegation"), user, action)
    return apply_filters(qs, DelegationCostFilterSet, filters)


def follow_up_action_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[FollowUpAction]:
    qs = scoped(FollowUpAction.objects.select_related("delegation", "owner"), user, action)
    return apply_filters(qs, FollowUpActionFilterSet, filters)
