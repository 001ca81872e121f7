"""Reads of the consular corps and diaspora groups."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet

from intl_relations.permissions import Action
from intl_relations.selectors import apply_filters, scoped
from organisations.models import Organisation
from partnerships.models import Partnership

from .filtersets import ConsulateFilterSet, DiasporaGroupFilterSet
from .models import Consulate, DiasporaGroup


def consulate_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Consulate]:
    return apply_filters(scoped(Consulate.objects.all(), user, action), ConsulateFilterSet, filters)


def diaspora_group_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[DiasporaGroup]:
    # The linked records are narrowed too: a visitor never learns of an unpublished one.
    qs = (
        scoped(DiasporaGroup.objects.all(), user, action)
        .select_related("local_government")
        .prefetch_related(
            Prefetch("associations", queryset=scoped(Organisation.objects.all(), user)),
            Prefetch("consulates", queryset=scoped(Consulate.objects.all(), user)),
            Prefetch("partnerships", queryset=scoped(Partnership.objects.all(), user)),
        )
    )
    return apply_filters(qs, DiasporaGroupFilterSet, filters)
