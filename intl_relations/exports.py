"""Downloads of any filtered list: CSV, XLSX, GeoJSON for places, iCalendar for visits.

Used by the REST API and the staff pages alike: both pass the queryset their
FilterSet produced, so an export always holds the rows the list shows (all pages).
Column headers are the models' verbose names in the active language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any

from django.db import models
from django.db.models import Case, F, Func, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast, JSONArray, JSONObject
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country, CountryField

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON_CONTENT_TYPE = "application/geo+json"
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"

CHUNK_SIZE = 1000
# Cells a spreadsheet would run as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One exported column: its header and how to read its value from a row.

    ``reads``: the values the column reads from a row of ``.values()`` (see
    ``value_columns``); empty, it reads a model instance. An export's columns read
    one kind of row or the other.
    """

    header: Any
    value: Callable[[Any], Any]
    reads: tuple[str, ...] = ()
    #: Called once with the download's rows (a queryset) before they are read: the
    #: labels of the related records they name, read for all of them at once.
    prepare: Callable[[QuerySet], None] | None = None


def _resolve(model: type[models.Model], path: str) -> tuple[models.Field, list[str]]:
    parts = path.split("__")
    field: Any = None
    current = model
    for part in parts:
        field = current._meta.get_field(part)
        if field.is_relation and field.related_model is not None and part != parts[-1]:
            current = field.related_model
    return field, parts


def _reader(field: Any, parts: list[str]) -> Callable[[Any], Any]:
    # A choice's label translated once per export and language, not once per row.
    labels: dict[tuple[str | None, Any], str] = {}

    def read(obj: Any) -> Any:
        for part in parts[:-1]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        if field.many_to_many or field.one_to_many:
            return "; ".join(str(item) for item in getattr(obj, parts[-1]).all())
        value = getattr(obj, parts[-1])
        if field.choices and not isinstance(value, Country):
            key = (get_language(), value)
            if key not in labels:
                labels[key] = str(getattr(obj, f"get_{parts[-1]}_display")())
            return labels[key]
        return value

    return read


@lru_cache(maxsize=2048)
def _country_name(code: str, language: str | None) -> str:
    """A country's name in ``language`` (the active one: the cache keeps it apart)."""
    return str(Country(code).name)


def columns_for(model: type[models.Model], spec: Sequence[str | tuple[str, Any]]) -> list[Column]:
    """Columns from field paths (``"partner_city__name"``) or ``(attribute, header)`` pairs.

    A pair names an annotation or property; a path takes its header from the model.
    """
    columns = []
    for item in spec:
        if isinstance(item, tuple):
            name, header = item
            columns.append(Column(header, lambda obj, name=name: getattr(obj, name, None)))
            continue
        field, parts = _resolve(model, item)
        columns.append(Column(_header(model, field, parts), _reader(field, parts)))
    return columns


def _header(model: type[models.Model], field: Any, parts: list[str]) -> str:
    header = capfirst(str(field.verbose_name))
    if len(parts) > 1:
        first: Any = model._meta.get_field(parts[0])
        header = f"{capfirst(str(first.verbose_name))} – {field.verbose_name}"
    return header


def value_columns(model: type[models.Model], spec: Sequence[str | tuple[str, Any]]) -> list[Column]:
    """``columns_for`` for rows read as ``.values()``: plain dictionaries rather than
    model instances and their related ones, for exports of thousands of rows. Paths
    end at a field of their own (``"partner_city__name"``, not ``"partner_city"``);
    choice labels and country names are those of the active language when the
    columns are made, each translated once.
    """
    columns = []
    for item in spec:
        if isinstance(item, tuple):
            name, header = item
            columns.append(Column(header, itemgetter(name), reads=(name,)))
            continue
        field, parts = _resolve(model, item)
        if field.is_relation:
            raise ValueError(f"{item}: a value column reads a field, not a relation.")
        header = _header(model, field, parts)
        columns.append(Column(header, _value_reader(item, field), reads=(item,)))
    return columns


class _InstancesNeededError(Exception):
    """A column that only a model instance can give (a property, a nested to-many path)."""


def list_columns(queryset: QuerySet, spec: Sequence[str | tuple[str, Any]]) -> list[Column]:
    """The columns of a list's download (staff page or API), as ``columns_for`` names them,
    read from ``.values()`` rows whenever every column can be.

    A list of 50,000 delegations was read as model instances, their related records
    prefetched a thousand at a time and their many-to-many managers built row by row: 21 s
    for the CSV, 40 s for the workbook. Read as values, a related record
    (``"partner_city"``) is its id, named from one query for the whole download that
    picks the records through the list's own query (a sub-select); a to-many one
    (``"themes"``) is the download's pairs of ids, read and named the same way. The cells
    are the same: the related records' ``str()``, in the related model's order. A pair
    that names no annotation of ``queryset`` (a property) makes the whole download read
    instances, as before.
    """
    try:
        return [_list_column(queryset, item) for item in spec]
    except _InstancesNeededError:
        return columns_for(queryset.model, spec)


def _list_column(queryset: QuerySet, item: str | tuple[str, Any]) -> Column:
    model = queryset.model
    if isinstance(item, tuple):
        if item[0] not in queryset.query.annotations:
            raise _InstancesNeededError(item[0])
        return value_columns(model, [item])[0]
    field, parts = _resolve(model, item)
    if not field.is_relation:
        return value_columns(model, [item])[0]
    header = _header(model, field, parts)
    if field.concrete and (field.many_to_one or field.one_to_one):
        # Read as "<path>__pk" (the same column, no join): "partner_city" itself would
        # name the list's ordering by the related model's order, which ``.values()``
        # would then sort by the id.
        one = _OneLabel(field.related_model._base_manager, f"{item}__pk")
        return Column(header, one.of, reads=(one.key,), prepare=one.load)
    if len(parts) == 1 and (field.many_to_many or field.one_to_many):
        many = _ManyLabels(field)
        return Column(header, many.of, reads=("pk",), prepare=many.load)
    raise _InstancesNeededError(item)


def _labels(records: QuerySet) -> dict[Any, str]:
    """The ``str()`` of ``records`` by id, read with the relations their ``str()`` follows."""
    return {record.pk: str(record) for record in records.select_related()}


class _OneLabel:
    """The related record a row names in ``key`` (its id), by its ``str()``."""

    def __init__(self, manager: Any, key: str) -> None:
        self.manager, self.key = manager, key
        self.labels: dict[Any, str] = {}

    def load(self, rows: QuerySet) -> None:
        self.labels = _labels(self.manager.filter(pk__in=rows.values(self.key)))

    def of(self, row: Mapping[str, Any]) -> str | None:
        return self.labels.get(row[self.key])


class _ManyLabels:
    """A to-many relation's records for each row, joined with "; " as ``columns_for``
    joins them, in the related model's order.

    The pairs of ids are read as they are stored, unsorted: the related records are
    read in their order (then by id) to be named, and each row's list is put in that
    order here. Sorting the 20,000 pairs of partnerships and themes by the themes'
    codes in the database took longer than reading them.
    """

    def __init__(self, field: Any) -> None:
        related = field.related_model
        self.manager = related._default_manager
        if field.many_to_many:
            if field.concrete:  # the ManyToManyField itself
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            else:  # the other side of one
                through = field.through
                source = field.field.m2m_reverse_field_name()
                target = field.field.m2m_field_name()
            pairs = through._default_manager.all()
            self.source, self.pair = source, (f"{source}_id", f"{target}_id")
        else:  # records pointing here through a foreign key
            pairs = self.manager.all()
            self.source, self.pair = field.field.name, (field.field.attname, "pk")
        if not all(isinstance(part, str) for part in related._meta.ordering):
            raise _InstancesNeededError(field.name)
        self.order = [*related._meta.ordering, "pk"]
        self.pairs = pairs.order_by()
        self.targets: dict[Any, list[Any]] = {}
        self.labels: dict[Any, str] = {}

    def load(self, rows: QuerySet) -> None:
        pairs = self.pairs.filter(**{f"{self.source}__in": rows.values("pk")})
        targets: dict[Any, list[Any]] = {}
        for source, target in pairs.values_list(*self.pair):
            targets.setdefault(source, []).append(target)
        named = self.manager.filter(pk__in=pairs.values(self.pair[1])).order_by(*self.order)
        self.labels = _labels(named)
        rank = {pk: place for place, pk in enumerate(self.labels)}
        for source, listed in targets.items():
            # A record removed between the two reads is left out, not an error.
            targets[source] = sorted((t for t in listed if t in rank), key=rank.__getitem__)
        self.targets = targets

    def of(self, row: Mapping[str, Any]) -> str:
        labels = self.labels
        return "; ".join(labels[target] for target in self.targets.get(row["pk"], ()))


def _value_reader(name: str, field: Any) -> Callable[[Mapping[str, Any]], Any]:
    if isinstance(field, CountryField):
        language = get_language()
        return lambda row: _country_name(code, language) if (code := row[name]) else ""
    if field.choices:
        labels = {value: str(label) for value, label in field.flatchoices}
        return lambda row: labels.get(row[name], row[name])
    if isinstance(field, models.DateTimeField):  # as ``cell`` gives it, the zone read once
        zone = timezone.get_current_timezone()

        def local(row: Mapping[str, Any]) -> Any:
            value = row[name]
            if value is not None and timezone.is_aware(value):
                return value.astimezone(zone).replace(tzinfo=None)
            return value

        return local
    if isinstance(field, models.BooleanField):  # as ``cell`` says it, translated once
        words = {True: _("yes"), False: _("no"), None: None}
        return lambda row: words[row[name]]
    return itemgetter(name)


# Values that are cells as they are (exact types: a bool is an int, a datetime a date).
PLAIN_CELLS = frozenset({str, int, float, Decimal, dt.date})


def cell(value: Any) -> Any:
    """A value as a spreadsheet cell: dates stay dates, the rest becomes plain text."""
    if value is None:
        return ""
    if value.__class__ in PLAIN_CELLS:  # most cells, at once
        return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Country):
        return _country_name(value.code, get_language()) if value.code else ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date | int | float | Decimal):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "url"):  # a stored file
        return value.name or ""
    return str(value)


def _text(value: Any) -> str:
    kind = value.__class__
    if kind is not str:  # most cells are text already
        # Then the commonest others, as ``cell`` and the lines below would give them:
        # nothing, a date, a number (none of them read as a formula).
        if value is None:
            return ""
        if kind is dt.date:
            return value.isoformat()
        if kind is int or kind is Decimal:
            return str(value)
        value = cell(value)
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=" ", timespec="minutes")
        if isinstance(value, dt.date):
            return value.isoformat()
        value = str(value)
    if value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def _rows(queryset: QuerySet | Iterable[Any], columns: Sequence[Column]) -> Iterator[Any]:
    if isinstance(queryset, QuerySet):
        if reads := [name for column in columns for name in column.reads]:
            if not all(column.reads for column in columns):
                raise ValueError("An export's columns read either model instances or values.")
            # Prefetches are for instances: a list's selector may have asked for some.
            queryset = queryset.prefetch_related(None)
            for column in columns:
                if column.prepare is not None:
                    column.prepare(queryset)
            queryset = queryset.values(*dict.fromkeys(reads))
        return queryset.iterator(chunk_size=CHUNK_SIZE)
    return iter(queryset)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(queryset: QuerySet | Iterable[Any], columns: Sequence[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow([str(column.header) for column in columns])
    lines = []
    for row in _rows(queryset, columns):
        lines.append(writer.writerow([_text(column.value(row)) for column in columns]))
        if len(lines) == CHUNK_SIZE:  # sent a thousand lines at a time, not line by line
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> Any:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    queryset: QuerySet | Iterable[Any], columns: Sequence[Column], filename: str
) -> StreamingHttpResponse:
    """A streamed CSV download, so a list of any length never sits in memory."""
    response = StreamingHttpResponse(csv_lines(queryset, columns), content_type=CSV_CONTENT_TYPE)
    return _attachment(response, f"{filename}.csv")


def xlsx_bytes(
    queryset: QuerySet | Iterable[Any], columns: Sequence[Column], title: str = ""
) -> bytes:
    return xlsx_sheets_bytes([(title, queryset, columns)])


def xlsx_sheets_bytes(
    sheets: Sequence[tuple[str, QuerySet | Iterable[Any], Sequence[Column]]],
) -> bytes:
    """A workbook of one sheet per ``(title, rows, columns)``, headers in bold."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    for title, queryset, columns in sheets:
        sheet = workbook.create_sheet(title=(str(title) or "Export")[:31])
        header_cells = []
        for column in columns:
            header = WriteOnlyCell(sheet, value=str(column.header))
            header.font = Font(bold=True)
            header_cells.append(header)
        sheet.append(header_cells)
        for row in _rows(queryset, columns):
            values = []
            for column in columns:
                value = cell(column.value(row))
                if value == "":
                    value = None  # left out of the sheet: read back, the same empty cell
                elif isinstance(value, str):
                    # Control characters have no place in a worksheet: the file would not
                    # be written at all. They are dropped (the CSV keeps them).
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                    if value.startswith(FORMULA_STARTS):
                        value = "'" + value
                values.append(value)
            sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    queryset: QuerySet | Iterable[Any], columns: Sequence[Column], filename: str, title: str = ""
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(queryset, columns, title), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, f"{filename}.xlsx")


# --- GeoJSON (RFC 7946) ----------------------------------------------------------------


class Label(Func):
    """The label of a stored code (a country's name, a choice's), looked up in a table
    sent with the query as JSON; the code itself when the table has none.

    Lets the database write a translated name into thousands of rows of an answer it
    builds itself (the GeoJSON below), the table translated once in Python.
    """

    output_field = models.CharField()

    def __init__(self, expression: Any, labels: Mapping[Any, Any]) -> None:
        super().__init__(expression)
        self.labels = json.dumps({str(k): str(v) for k, v in labels.items()}, ensure_ascii=False)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"COALESCE((%s::jsonb ->> {sql}), {sql})", [self.labels, *params, *params]

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        path = f"'$.\"' || {sql} || '\"'"
        return f"COALESCE(JSON_EXTRACT(%s, {path}), {sql})", [self.labels, *params, *params]


def country_name(field: str = "country") -> Label:
    """The name of the country in ``field``, in the active language, for each row."""
    return Label(F(field), dict(countries))


class JSONArrayOf(Func):
    """The ``item`` column of ``rows`` (``.values(item=...)``, ordered, correlated to the
    outer row by ``OuterRef``) as a JSON array in the rows' order; ``[]`` when none.

    ``objects``: the items are JSON objects (SQLite must be told to read them as JSON
    again once they leave the sub-query; plain values are quoted as they are).
    """

    output_field = models.JSONField()

    def __init__(self, rows: QuerySet, *, objects: bool = False) -> None:
        super().__init__(Subquery(rows))
        self.objects = objects

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # An aggregate reads a sorted sub-query in its order (PostgreSQL's documented way
        # to order an aggregate's input, besides ORDER BY in the call).
        template = "COALESCE((SELECT JSON_AGG(items.item) FROM %(expressions)s AS items), '[]')"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = (
            "(SELECT JSON_GROUP_ARRAY(JSON(items.item)) FROM %(expressions)s AS items)"
            if self.objects
            else "(SELECT JSON_GROUP_ARRAY(items.item) FROM %(expressions)s AS items)"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


class JSONTextObject(JSONObject):
    """Django's ``JSONObject``, built on PostgreSQL as text JSON (``JSON_BUILD_OBJECT``)
    rather than binary (``JSONB_BUILD_OBJECT`` before PostgreSQL 16): an answer that is
    only sent on needs no binary JSON, and its keys keep their order."""

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        copy = self.copy()
        copy.set_source_expressions(
            [
                Cast(expression, models.TextField()) if index % 2 == 0 else expression
                for index, expression in enumerate(copy.get_source_expressions())
            ]
        )
        return Func.as_sql(copy, compiler, connection, function="JSON_BUILD_OBJECT", **extra)


class JSONTextArray(JSONArray):
    """Django's ``JSONArray``, built on PostgreSQL as text JSON (``JSON_BUILD_ARRAY``)."""

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return Func.as_sql(self, compiler, connection, function="JSON_BUILD_ARRAY", **extra)


def point_feature(
    properties: dict[str, Any],
    *,
    latitude: str = "latitude",
    longitude: str = "longitude",
    feature_id: str = "pk",
) -> JSONTextObject:
    """A GeoJSON Feature of each row (its id: the row's, unless told), written by the
    database; a place without coordinates gets a null geometry. ``properties`` are
    expressions by name; ``latitude`` and ``longitude`` name the row's fields."""
    point = JSONTextObject(
        type=Value("Point", output_field=models.TextField()),
        # GeoJSON puts the longitude first.
        coordinates=JSONTextArray(
            Cast(longitude, models.FloatField()), Cast(latitude, models.FloatField())
        ),
    )
    located = Q(**{f"{latitude}__isnull": False, f"{longitude}__isnull": False})
    return JSONTextObject(
        type=Value("Feature", output_field=models.TextField()),
        id=F(feature_id),
        geometry=Case(When(located, then=point), default=None, output_field=models.JSONField()),
        properties=JSONTextObject(**properties),
    )


def json_texts(rows: QuerySet, item: Any) -> list[str]:
    """``item`` (a ``JSONTextObject``) of each row, as the JSON text the database wrote."""
    return list(rows.values_list(Cast(item, models.TextField()), flat=True))


def json_list_response(rows: QuerySet, item: Any) -> HttpResponse:
    """A JSON array of ``item`` for each of ``rows``, written by the database."""
    body = "[" + ",".join(json_texts(rows, item)) + "]"
    return HttpResponse(body, content_type="application/json")


def geojson_response(rows: QuerySet, feature: JSONTextObject, filename: str = "") -> HttpResponse:
    """A FeatureCollection of ``rows``, each written by the database as ``feature``
    (``point_feature``): Python only joins the texts, whatever the number of places."""
    body = '{"type":"FeatureCollection","features":[' + ",".join(json_texts(rows, feature)) + "]}"
    response = HttpResponse(body, content_type=GEOJSON_CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}.geojson"'
    return response


# --- iCalendar (RFC 5545) ------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEvent:
    """An all-day event: ``ends_on`` is the last day, inclusive."""

    uid: str
    starts_on: dt.date
    ends_on: dt.date
    summary: str
    stamp: dt.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = ""  # TENTATIVE, CONFIRMED or CANCELLED
    categories: Sequence[str] = ()


def ics_escape(value: str) -> str:
    """TEXT escaping of RFC 5545 §3.3.11."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (RFC 5545 §3.1).

    Continuation lines start with one space; a UTF-8 character is never split.
    """
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current = ""
            size = 0
            limit = 74  # the leading space of a continuation line counts
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_calendar(events: Iterable[CalendarEvent], *, name: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//International relations portal//Delegations//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ics_escape(event.uid)}",
            f"DTSTAMP:{_utc(event.stamp)}",
            f"DTSTART;VALUE=DATE:{event.starts_on:%Y%m%d}",
            # DTEND of an all-day event is exclusive: the day after the last one.
            f"DTEND;VALUE=DATE:{event.ends_on + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ics_escape(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{ics_escape(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{ics_escape(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        if event.status:
            lines.append(f"STATUS:{event.status}")
        if event.categories:
            lines.append("CATEGORIES:" + ",".join(ics_escape(c) for c in event.categories))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def ics_response(events: Iterable[CalendarEvent], *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(ics_calendar(events, name=name), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response
