"""Filters for the consular corps and diaspora groups."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import BaseFilterSet, choice_filter, country_filter, related_filter
from organisations.models import Organisation
from partnerships.models import LocalGovernment

from .choices import ConsulateKind, SizeSource
from .models import Consulate, DiasporaGroup


class ConsulateFilterSet(BaseFilterSet):
    search_fields = ("consul_name", "consul_title", "city", "jurisdiction", "address")

    country = country_filter(label=_("Country represented"))
    kind = choice_filter(ConsulateKind.choices)
    city = django_filters.CharFilter(lookup_expr="iexact")
    published = django_filters.BooleanFilter()

    class Meta:
        model = Consulate
        fields = ["q", "country", "kind", "city", "published"]


class DiasporaGroupFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    country = country_filter("origin_country", label=_("Origin country"))
    local_government = related_filter(
        LocalGovernment.objects.all(), "local_government", _("Local government")
    )
    organisation = related_filter(Organisation.objects.all(), "associations", _("Association"))
    consulate = related_filter(Consulate.objects.all(), "consulates", _("Consulate"))
    size_source = choice_filter(SizeSource.choices)
    published = django_filters.BooleanFilter()

    class Meta:
        model = DiasporaGroup
        fields = [
            "q",
            "country",
            "local_government",
            "organisation",
            "consulate",
            "size_source",
            "published",
        ]
