"""The base of every FilterSet: a free-text ``q`` search and safe text input.

One FilterSet per model, shared by the REST API (through DjangoFilterBackend), the
staff list pages and the exports, so all of them filter the same way. Invalid values
(a date that is not a date, an unknown choice, an unknown id) make the FilterSet's
form invalid; the API, the staff lists and the exports all answer 400 naming the
parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from partnerships.choices import ThemeCode

# Longest free-text query accepted; anything longer is a mistake or an attack.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8


class SearchTextFilter(django_filters.CharFilter):
    """``q``: every word must appear (case-insensitive) in one of the search fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        # forms.CharField already refuses NUL characters, so they never reach the database.
        super().__init__(*args, **kwargs)


def search_q(fields: Iterable[str], value: str) -> Q:
    """A ``Q`` matching rows where each word of ``value`` is in one of ``fields``."""
    condition = Q()
    for term in value.replace("\x00", "").split()[:MAX_TERMS]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": term})
        condition &= any_field
    return condition


def country_filter(field_name: str = "country", **kwargs: Any) -> django_filters.Filter:
    """One or more ISO 3166 codes: ``?country=DE&country=IT``."""
    kwargs.setdefault("label", _("Country"))
    return choice_filter(lambda: list(countries), field_name=field_name, **kwargs)


def choice_filter(choices: Any, **kwargs: Any) -> django_filters.Filter:
    """One or more values of a choice field: ``?status=active&status=dormant``."""
    kwargs.setdefault("distinct", False)
    return django_filters.MultipleChoiceFilter(choices=choices, **kwargs)


# The range of an id, the same on every database: a 64-bit signed integer.
ID_MIN, ID_MAX = 1, 2**63 - 1


class RecordIdsField(forms.ModelMultipleChoiceField):
    """Ids of records; a number no id can be is refused before it reaches the database.

    SQLite cannot even bind an integer above 64 bits (``OverflowError``), PostgreSQL
    compares it and finds nothing: both are the same mistake, answered the same way.
    """

    default_error_messages = {
        "id_out_of_range": _(
            "« %(value)s » is not a valid id: ids are whole numbers from 1 to %(max)s."
        ),
    }

    def _check_values(self, value: Any) -> QuerySet:
        for item in value:
            text = str(item).strip()
            # isdecimal, not isdigit: '³' is a digit that int() does not read.
            if text.lstrip("-").isdecimal() and not ID_MIN <= int(text) <= ID_MAX:
                raise ValidationError(
                    self.error_messages["id_out_of_range"],
                    code="id_out_of_range",
                    params={"value": text, "max": ID_MAX},
                )
        return super()._check_values(value)


class RecordIdsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = RecordIdsField


def related_filter(
    queryset: QuerySet, field_name: str, label: Any, **kwargs: Any
) -> django_filters.Filter:
    """One or more ids of a related record: ``?partner_city=3&partner_city=7``.

    An id that does not exist, or could not exist, is refused with a 400 naming the
    parameter rather than silently ignored.

    The records are given to django-filter as a callable (its documented form, called
    with the request when the field is built): a FilterSet deep-copies its filters on
    every request, and a queryset held by a filter was deep-copied with them (39
    querysets for a participants list, 1.2 ms of each API call).
    """
    return RecordIdsFilter(
        queryset=lambda request: queryset.all(),
        field_name=field_name,
        label=label,
        distinct=False,
        **kwargs,
    )


def year_filter(**kwargs: Any) -> django_filters.Filter:
    """A calendar year (``?year=2025``), or a bound of a range with ``lookup_expr``."""
    kwargs.setdefault("label", _("Year"))
    return django_filters.NumberFilter(min_value=1, max_value=9999, **kwargs)


def themes_filter(**kwargs: Any) -> django_filters.Filter:
    """One or more theme codes; a row matches when it has any of them."""
    kwargs.setdefault("label", _("Themes"))
    return django_filters.MultipleChoiceFilter(
        choices=ThemeCode.choices, method="filter_themes", **kwargs
    )


class BaseFilterSet(django_filters.FilterSet):
    """Adds ``q`` (free text over ``search_fields``) to every FilterSet."""

    #: The text fields ``q`` looks into (``__`` paths allowed).
    search_fields: tuple[str, ...] = ()
    #: The many-to-many field holding the themes, for ``filter_themes``.
    themes_field: str = "themes"

    q = SearchTextFilter(method="filter_q")

    #: Set by the API's filter backend: the form holds only the filters the query names
    #: (the others would filter nothing), so a call pays for the filters it uses.
    only_given: bool = False

    def get_form_class(self) -> type:
        """django-filter's form class; under ``only_given``, of the given filters only."""
        filters = list(self.filters.items())
        if self.only_given:
            # A filter's parameters are its name, or its name and a suffix (``_after``).
            filters = [
                (name, filter_)
                for name, filter_ in filters
                if any(key == name or key.startswith(f"{name}_") for key in self.data)
            ]
        fields = {name: filter_.field for name, filter_ in filters}
        return type(f"{type(self).__name__}Form", (self._meta.form,), fields)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value or not self.search_fields:
            return queryset
        return queryset.filter(search_q(self.search_fields, value))

    def filter_themes(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        # An EXISTS on the through table keeps rows unique without a DISTINCT.
        if not value:
            return queryset
        model: type[Model] = queryset.model
        through = model._meta.get_field(self.themes_field).remote_field.through
        source = next(
            f.name for f in through._meta.get_fields() if f.is_relation and f.related_model is model
        )
        return queryset.filter(
            Exists(through.objects.filter(**{source: OuterRef("pk"), "theme__code__in": value}))
        )
