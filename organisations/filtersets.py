"""Filters for organisations and their contacts (API, staff pages and exports)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import BaseFilterSet, choice_filter, country_filter, related_filter
from partnerships.models import PartnerCity

from .choices import OrganisationKind, OrganisationStatus
from .models import Contact, Organisation


class OrganisationFilterSet(BaseFilterSet):
    search_fields = ("name", "acronym", "city", "description", "email", "registration_number")

    kind = choice_filter(OrganisationKind.choices)
    status = choice_filter(OrganisationStatus.choices)
    country = country_filter()
    is_local = django_filters.BooleanFilter()
    published = django_filters.BooleanFilter()

    class Meta:
        model = Organisation
        fields = ["q", "kind", "status", "country", "is_local", "published"]


class ContactFilterSet(BaseFilterSet):
    search_fields = ("first_name", "last_name", "position", "email", "organisation__name")

    organisation = related_filter(Organisation.objects.all(), "organisation", _("Organisation"))
    partner_city = related_filter(PartnerCity.objects.all(), "partner_city", _("Partner city"))

    class Meta:
        model = Contact
        fields = ["q", "organisation", "partner_city"]
