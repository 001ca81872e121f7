"""Reads of organisations and contacts, already narrowed to what the user may see."""

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from intl_relations.permissions import Action
from intl_relations.selectors import apply_filters, scoped

from .filtersets import ContactFilterSet, OrganisationFilterSet
from .models import Contact, Organisation


def organisation_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Organisation]:
    qs = scoped(Organisation.objects.all(), user, action)
    return apply_filters(qs, OrganisationFilterSet, filters)


def organisations_pending(*, user: Any) -> QuerySet[Organisation]:
    """Registrations from the public portal waiting for a decision by staff."""
    return organisation_list(user=user).filter(status="pending").order_by("created_at")


def contact_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Contact]:
    qs = scoped(Contact.objects.select_related("organisation", "partner_city"), user, action)
    return apply_filters(qs, ContactFilterSet, filters)
