"""Filters for the proposals sent through the public portal."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import BaseFilterSet, choice_filter, related_filter, themes_filter
from organisations.models import Organisation

from .choices import ProposalKind, ProposalStatus
from .models import Proposal


class ProposalFilterSet(BaseFilterSet):
    search_fields = (
        "title",
        "description",
        "partner_city_name",
        "organisation_name",
        "contact_name",
        "contact_email",
    )

    kind = choice_filter(ProposalKind.choices)
    status = choice_filter(ProposalStatus.choices)
    theme = themes_filter()
    organisation = related_filter(Organisation.objects.all(), "organisation", _("Organisation"))
    created_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Received on or after")
    )
    created_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Received on or before")
    )

    class Meta:
        model = Proposal
        fields = ["q", "kind", "status", "theme", "organisation", "created_after", "created_before"]
