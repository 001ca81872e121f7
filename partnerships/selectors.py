"""Reads of the home side, partner cities, partnerships and documents.

Counts are correlated subqueries over the rows the user may see, so an anonymous
visitor's map counts only published partnerships.
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from intl_relations.permissions import Action
from intl_relations.selectors import apply_filters, count_of, scoped

from .choices import PartnershipStatus
from .filtersets import (
    LocalGovernmentFilterSet,
    PartnerCityFilterSet,
    PartnershipDocumentFilterSet,
    PartnershipFilterSet,
    ThemeFilterSet,
)
from .models import LocalGovernment, PartnerCity, Partnership, PartnershipDocument, Theme


def theme_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Theme]:
    return apply_filters(scoped(Theme.objects.all(), user, action), ThemeFilterSet, filters)


def local_government_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[LocalGovernment]:
    qs = scoped(LocalGovernment.objects.all(), user, action).annotate(
        partnerships_count=count_of(scoped(Partnership.objects.all(), user), "local_government")
    )
    return apply_filters(qs, LocalGovernmentFilterSet, filters)


def partner_city_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[PartnerCity]:
    visible = scoped(Partnership.objects.all(), user)
    qs = scoped(PartnerCity.objects.all(), user, action).annotate(
        partnerships_count=count_of(visible, "partner_city"),
        active_partnerships_count=count_of(
            visible.filter(status=PartnershipStatus.ACTIVE), "partner_city"
        ),
    )
    return apply_filters(qs, PartnerCityFilterSet, filters)


def partnership_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Partnership]:
    qs = (
        scoped(Partnership.objects.all(), user, action)
        .select_related("local_government", "partner_city", "officer")
        .prefetch_related("themes", "co_holders", "co_partners")
        .annotate(
            documents_count=count_of(scoped(PartnershipDocument.objects.all(), user), "partnership")
        )
    )
    return apply_filters(qs, PartnershipFilterSet, filters)


def partnerships_due_for_review(*, user: Any, before: Any) -> QuerySet[Partnership]:
    """Open partnerships whose review or renewal date falls on or before ``before``."""
    return (
        partnership_list(user=user)
        .exclude(status=PartnershipStatus.ENDED)
        .filter(review_on__lte=before)
        .order_by("review_on")
    )


def partnership_document_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[PartnershipDocument]:
    qs = scoped(
        PartnershipDocument.objects.select_related(
            "partnership__partner_city", "partnership__local_government"
        ),
        user,
        action,
    )
    return apply_filters(qs, PartnershipDocumentFilterSet, filters)
