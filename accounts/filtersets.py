"""Filters for the people who sign in (administrators' user list)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import BaseFilterSet, choice_filter, related_filter
from organisations.models import Organisation

from .choices import Role
from .models import User


class UserFilterSet(BaseFilterSet):
    search_fields = ("username", "first_name", "last_name", "email")

    role = choice_filter(Role.choices)
    organisation = related_filter(Organisation.objects.all(), "organisation", _("Organisation"))
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = User
        fields = ["q", "role", "organisation", "is_active"]
