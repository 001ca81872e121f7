"""Reads of user accounts (administrators see all; anyone else only themselves)."""

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from intl_relations.permissions import Action
from intl_relations.selectors import apply_filters, scoped

from .filtersets import UserFilterSet
from .models import User


def user_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[User]:
    qs = scoped(User.objects.select_related("organisation"), user, action)
    return apply_filters(qs, UserFilterSet, filters)
