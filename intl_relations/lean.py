"""Lean reads for list endpoints: the serializer's own output, built from ``.values()``.

A page of 50 rows spent most of its time turning database rows into model instances
and those into dicts field by field (DRF's ``ModelSerializer``), and a third more in
``prefetch_related`` building instances for every many-to-many value. The endpoint's
serializer stays the one definition of what a list returns: ``read_plan`` reads its
fields once per serializer class (and hidden fields and annotations) and compiles them
into

- the ``.values()`` columns of one query for the page (foreign keys as ids, the small
  nested objects of ``CompactRelatedField`` through the joins the selector already
  makes, the selector's annotations by name);
- one ``values_list`` query per many-to-many field for the page's ids;
- per field, the cheapest conversion that gives the same JSON (the field's own
  ``to_representation`` unless the value is already what it would return).

Anything it does not know (a method field, a file, a dotted source, a serializer with
its own ``to_representation``) makes ``read_plan`` answer ``None``, and the endpoint
serializes as before. ``tests/api/test_lean.py`` checks, for every list endpoint and
role, that both ways give the same answer.
"""

from __future__ import annotations

import contextvars
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers
from rest_framework.settings import api_settings

from intl_relations.paging import Counted, count_rows, page_rows

Row = dict[str, Any]

# Fields whose value, as ``.values()`` returns it, is already their JSON (exact types:
# a subclass may override ``to_representation``).
AS_IS = frozenset(
    {
        drf_fields.CharField,
        drf_fields.EmailField,
        drf_fields.URLField,
        drf_fields.SlugField,
        drf_fields.IntegerField,
        drf_fields.BooleanField,
        drf_fields.FloatField,
        drf_fields.ChoiceField,
    }
)
# Fields that read something other than a column (files keep their download address,
# method fields run code per row): the endpoint serializes as before.
NOT_LEAN = (
    drf_fields.FileField,
    drf_fields.SerializerMethodField,
    drf_fields.HiddenField,
    drf_fields.ReadOnlyField,
    relations.HyperlinkedRelatedField,
)


class NotLeanError(Exception):
    """The serializer has a field ``read_plan`` cannot build from ``.values()``."""


def _converter(serializer_field: drf_fields.Field) -> Callable[[Any], Any] | None:
    """How a column's value becomes the field's JSON (``None`` when it already is it)."""
    kind = type(serializer_field)
    if kind in AS_IS and not (
        kind is drf_fields.ChoiceField
        and not all(isinstance(key, str) for key in serializer_field.choices)
    ):
        return None
    if kind is drf_fields.DateField:
        output = getattr(serializer_field, "format", api_settings.DATE_FORMAT)
        if isinstance(output, str) and output.lower() == drf_fields.ISO_8601:
            return _isoformat
    if kind is drf_fields.DateTimeField and settings.USE_TZ:
        output = getattr(serializer_field, "format", api_settings.DATETIME_FORMAT)
        if (
            isinstance(output, str)
            and output.lower() == drf_fields.ISO_8601
            and not hasattr(serializer_field, "timezone")
        ):
            return _iso_datetime
    # Anything else (times in the current zone, decimals, country codes, lists): the
    # field's own conversion of the same value the model instance would hold.
    return serializer_field.to_representation


def _isoformat(value: Any) -> str:
    return value.isoformat()


# The current time zone, read once per page by ``ReadPlan.build`` (a lookup per value
# cost more than the conversion).
_zone: contextvars.ContextVar[Any] = contextvars.ContextVar("lean_zone", default=None)


def _iso_datetime(value: Any) -> str:
    """DRF's ``DateTimeField`` output for an aware time: in the current zone, UTC as Z."""
    zone = _zone.get() or timezone.get_current_timezone()
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@dataclass
class ColumnField:
    name: str
    column: str
    convert: Callable[[Any], Any] | None

    def build(self, row: Row, many: dict[str, dict[Any, list[Any]]]) -> Any:
        value = row[self.column]
        if value is None or self.convert is None:
            return value
        return self.convert(value)


@dataclass
class NestedField:
    """A ``CompactRelatedField``: the related record's few fields, joined in the query."""

    name: str
    key_column: str
    fields: list[ColumnField]

    def build(self, row: Row, many: dict[str, dict[Any, list[Any]]]) -> Any:
        if row[self.key_column] is None:
            return None
        return {f.name: f.build(row, many) for f in self.fields}


@dataclass
class ManyField:
    """A many-to-many field: one query for the page's ids, as ``prefetch_related`` makes.

    The related rows come from the selector's own ``Prefetch`` queryset when it has one
    (what this reader may see of them, in its order), else from the related model's
    manager in its default order, exactly as the serializer would read them.
    """

    name: str
    field_name: str
    related_model: type[models.Model]
    back: str  # the related model's path back to the listed model
    value: str  # what is kept of each related row: its id, or its slug

    def fetch(
        self, keys: list[Any], prefetched: dict[str, models.QuerySet]
    ) -> dict[Any, list[Any]]:
        related = prefetched.get(self.field_name)
        if related is None:
            related = self.related_model._default_manager.all()
        if not related.ordered:
            related = related.order_by("pk")
        values: dict[Any, list[Any]] = defaultdict(list)
        rows = related.filter(**{f"{self.back}__in": keys}).values_list(self.back, self.value)
        for key, value in rows:
            values[key].append(value)
        return values

    def build(self, row: Row, many: dict[str, dict[Any, list[Any]]]) -> Any:
        return many[self.name].get(row["pk"], [])


class Rows:
    """The page's rows for a paginator, counted on the queryset without the plan's joins.

    ``.values()`` of related columns joins their tables; a ``COUNT(*)`` over those joins
    costs several times the count of the filtered table alone.
    """

    def __init__(self, rows: models.QuerySet, queryset: models.QuerySet) -> None:
        self.rows, self.count_queryset = rows, queryset
        self.ordered = rows.ordered
        self.total: int | None = None

    def counted(self, *, exact: bool = False) -> Counted:
        counted = count_rows(self.count_queryset, exact=exact)
        self.total = counted.rows if counted.exact else None
        return counted

    def __len__(self) -> int:
        return self.counted(exact=True).rows

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            # The page's ids on the queryset without the columns' joins, then its rows.
            return page_rows(self.rows, index, self.count_queryset, total=self.total)
        return self.rows[index]

    def __iter__(self) -> Any:
        return iter(self.rows)


@dataclass
class ReadPlan:
    columns: list[str]
    fields: list[ColumnField | NestedField | ManyField] = field(default_factory=list)

    def values(self, queryset: models.QuerySet) -> Rows:
        """The filtered, ordered queryset as the plan's columns (still lazy: paginate it)."""
        return Rows(queryset.prefetch_related(None).values(*self.columns), queryset)

    def build(self, rows: Iterable[Row], queryset: models.QuerySet) -> list[dict[str, Any]]:
        """The answers for ``rows`` of ``queryset`` (whose ``Prefetch`` querysets apply)."""
        rows = list(rows)
        keys = [row["pk"] for row in rows]
        prefetched = {
            lookup.prefetch_to: lookup.queryset
            for lookup in queryset._prefetch_related_lookups
            if isinstance(lookup, Prefetch) and lookup.queryset is not None
        }
        many = {f.name: f.fetch(keys, prefetched) for f in self.fields if isinstance(f, ManyField)}
        token = _zone.set(timezone.get_current_timezone())
        try:
            return [{f.name: f.build(row, many) for f in self.fields} for row in rows]
        finally:
            _zone.reset(token)


def _own_to_representation(serializer: serializers.BaseSerializer) -> bool:
    return type(serializer).to_representation is not serializers.Serializer.to_representation


def _model_field(model: type[models.Model], source: str) -> models.Field | None:
    try:
        return model._meta.get_field(source)
    except FieldDoesNotExist:
        return None


def _column_fields(
    serializer: serializers.ModelSerializer, prefix: str, annotations: frozenset[str]
) -> list[Any]:
    """The field builders of ``serializer`` for rows of its model."""
    if not isinstance(serializer, serializers.ModelSerializer) or _own_to_representation(
        serializer
    ):
        raise NotLeanError(type(serializer).__name__)
    model = serializer.Meta.model
    built: list[Any] = []
    for name, serializer_field in serializer.fields.items():
        if serializer_field.write_only:
            continue
        where = f"{type(serializer).__name__}.{name}"
        source = serializer_field.source
        if isinstance(serializer_field, NOT_LEAN) or source == "*" or "." in source:
            raise NotLeanError(where)
        model_field = _model_field(model, source)
        if isinstance(serializer_field, relations.ManyRelatedField):
            built.append(_many_field(name, serializer_field, model_field, prefix))
        elif model_field is None:
            # An annotation of the selector's (counts), selected by its name.
            if prefix or source not in annotations:
                raise NotLeanError(where)
            built.append(ColumnField(name, source, _converter(serializer_field)))
        elif model_field.is_relation:
            built.append(_related_field(name, serializer_field, model_field, prefix, where))
        else:
            column = "pk" if model_field.primary_key and not prefix else prefix + source
            built.append(ColumnField(name, column, _converter(serializer_field)))
    return built


def _related_field(
    name: str,
    serializer_field: drf_fields.Field,
    model_field: models.Field,
    prefix: str,
    where: str,
) -> ColumnField | NestedField:
    """A foreign key: its id, or the small object of a ``CompactRelatedField``."""
    if not (model_field.many_to_one or model_field.one_to_one) or not model_field.concrete:
        raise NotLeanError(where)
    key = f"{prefix}{model_field.attname}"
    compact = getattr(serializer_field, "compact", None)
    if compact is not None:
        nested = _column_fields(compact(context={}), f"{prefix}{model_field.name}__", frozenset())
        return NestedField(name, key, nested)
    if type(serializer_field) is relations.PrimaryKeyRelatedField and (
        serializer_field.pk_field is None
    ):
        return ColumnField(name, key, None)
    raise NotLeanError(where)


def _many_field(
    name: str,
    serializer_field: relations.ManyRelatedField,
    model_field: models.Field | None,
    prefix: str,
) -> ManyField:
    child = serializer_field.child_relation
    if prefix or not isinstance(model_field, models.ManyToManyField):
        raise NotLeanError(name)
    if type(child) is relations.PrimaryKeyRelatedField and child.pk_field is None:
        value = "pk"
    elif isinstance(child, relations.SlugRelatedField) and (
        type(child).to_representation is relations.SlugRelatedField.to_representation
    ):
        value = child.slug_field
    else:
        raise NotLeanError(name)
    return ManyField(
        name, model_field.name, model_field.related_model, model_field.related_query_name(), value
    )


def _columns_of(built: list[Any]) -> list[str]:
    columns = ["pk"]
    for f in built:
        if isinstance(f, ColumnField):
            columns.append(f.column)
        elif isinstance(f, NestedField):
            columns += [f.key_column, *(n.column for n in f.fields)]
    return list(dict.fromkeys(columns))


_plans: dict[tuple[Any, ...], ReadPlan | None] = {}


def read_plan(serializer: serializers.BaseSerializer, queryset: models.QuerySet) -> ReadPlan | None:
    """The lean plan for listing ``queryset`` with ``serializer``, or ``None``.

    Compiled once per serializer class, hidden fields (``hidden_fields()``: what the
    reader may not see) and annotations, then reused: building a ``ModelSerializer``'s
    fields costs more than a page of lean rows.
    """
    annotations = frozenset(queryset.query.annotations)
    hidden = getattr(serializer, "hidden_fields", frozenset)()
    key = (type(serializer), hidden, annotations, queryset.model)
    if key in _plans:
        return _plans[key]
    try:
        # A serializer of the same class without the request, so that the plan keeps no
        # reference to it; the reader's hidden fields are then left out by name.
        built = _column_fields(type(serializer)(context={}), "", annotations)
    except NotLeanError:
        plan = None
    else:
        built = [f for f in built if f.name not in hidden]
        plan = ReadPlan(columns=_columns_of(built), fields=built)
    _plans[key] = plan
    return plan
