"""Shared helpers for the apps' selectors (the read side).

Every app's ``selectors.py`` returns, for each model, the one tuned queryset
(``select_related``, ``prefetch_related``, annotations) already narrowed by the
permission helper, so the API, the staff pages, the exports and the portal read the
same rows with a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django_filters import FilterSet

from intl_relations.permissions import Action, restrict


def count_of(related: QuerySet, field: str) -> Coalesce:
    """A correlated count of the rows of ``related`` whose ``field`` points to the outer row.

    Unlike ``Count()`` over a join, several of these can be combined without
    multiplying each other, and ``related`` may already be narrowed by ``restrict``.
    """
    counted = (
        related.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def apply_filters(
    queryset: QuerySet, filterset_class: type[FilterSet], filters: Mapping[str, Any] | None
) -> QuerySet:
    """Narrow ``queryset`` with the model's FilterSet; bad values raise ``ValidationError``."""
    if not filters:
        return queryset
    filterset = filterset_class(filters, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(
            {field: [str(error) for error in errors] for field, errors in filterset.errors.items()}
        )
    return filterset.qs


def scoped(queryset: QuerySet, user: Any, action: Action | str = Action.VIEW) -> QuerySet:
    """``restrict`` under the name the selectors read best with."""
    return restrict(queryset, user, action)
