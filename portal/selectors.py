"""Reads of the proposals sent through the public portal."""

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from intl_relations.permissions import Action
from intl_relations.selectors import apply_filters, scoped

from .filtersets import ProposalFilterSet
from .models import Proposal


def proposal_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Proposal]:
    qs = scoped(
        Proposal.objects.select_related("organisation", "submitted_by").prefetch_related("themes"),
        user,
        action,
    )
    return apply_filters(qs, ProposalFilterSet, filters)
