"""The staff detail pages: fields, related records, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.formats import date_format, localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django_tables2 import RequestConfig

from intl_relations.permissions import Action, can

from .access import ModelStaffView, staff_url
from .tables import StaffTable

HISTORY_LIMIT = 20
# Rows per page of each related section of a detail page.
RELATED_PER_PAGE = 10


# --- Detail ---------------------------------------------------------------------------


@dataclass
class Related:
    """A section of a detail page listing records related to the one shown."""

    title: Any
    table_class: type[StaffTable]
    queryset: Callable[[Any, Any], QuerySet]  # (obj, user) -> queryset
    add_url: Callable[[Any], str | None] | None = None
    model: type[models.Model] | None = None
    exclude: Sequence[str] = field(default_factory=tuple)


def display_value(obj: models.Model, field_name: str) -> str:
    """The value of one field as staff read it: labels, links, dates in the language."""
    model_field = obj._meta.get_field(field_name)
    if model_field.many_to_many:
        items = list(getattr(obj, field_name).all())
        if not items:
            return "—"
        return format_html_join(", ", "{}", ((_linked(item),) for item in items))
    value = getattr(obj, field_name)
    if model_field.choices and not model_field.is_relation and value not in (None, ""):
        return str(getattr(obj, f"get_{field_name}_display")())
    if value is None or value == "":
        return "—"
    if isinstance(value, models.Model):
        return _linked(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "name") and type(value).__name__ == "Country":
        return value.name
    if isinstance(model_field, models.FileField):
        # Uploads are never served from a public media address: link the checked download.
        from intl_relations.uploads import download_url

        name = value.name.rsplit("/", 1)[-1]
        url = download_url(obj)
        return format_html('<a href="{}">{}</a>', url, name) if url else name
    if isinstance(model_field, models.URLField):
        return format_html('<a href="{}" rel="noopener">{}</a>', value, value)
    if isinstance(model_field, models.EmailField):
        return format_html('<a href="mailto:{}">{}</a>', value, value)
    if isinstance(value, dt.datetime):
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    return str(localize(value))


def _linked(item: models.Model) -> str:
    url = staff_url(item, "detail")
    return format_html('<a href="{}">{}</a>', url, item) if url else str(item)


# What happened to a record, as its history shows it. Our own words, in context: the
# import page's "Created" (plural, a count of records) is not a record's creation.
HISTORY_CHANGES = {
    "+": pgettext_lazy("history change", "Created"),
    "~": pgettext_lazy("history change", "Changed"),
    "-": pgettext_lazy("history change", "Deleted"),
}


def history_of(obj: models.Model, limit: int = HISTORY_LIMIT) -> list[dict[str, Any]]:
    """The latest changes of ``obj``: who, when, and which fields went from what to what.

    Many-to-many changes are left out of the field list: comparing them costs a query
    per entry, and the page must cost the same whatever the record's past.
    """
    manager = getattr(obj, "history", None)
    if manager is None:
        return []
    records = list(
        manager.select_related("history_user").order_by("-history_date", "-pk")[: limit + 1]
    )
    concrete = [
        f.name
        for f in obj._meta.concrete_fields
        if f.editable and f.name not in {"id", "created_at", "updated_at"}
    ]
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, included_fields=concrete)
            for change in delta.changes:
                model_field = obj._meta.get_field(change.field)
                changes.append(
                    {
                        "field": model_field.verbose_name,
                        "old": _plain(model_field, change.old),
                        "new": _plain(model_field, change.new),
                    }
                )
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": HISTORY_CHANGES.get(record.history_type, record.history_type),
                "kind": record.history_type,
                "changes": changes,
                "reason": record.history_change_reason,
            }
        )
    return entries


def _plain(model_field: models.Field, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if model_field.choices and not model_field.is_relation:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


class StaffDetailView(ModelStaffView):
    """One record: its fields, its related records and its history."""

    template_name = "staff/detail.html"
    fields: Sequence[str] = ()
    related: Sequence[Related] = ()

    def get_object(self) -> models.Model:
        # Out of the user's scope reads as absent.
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_fields(self, obj: models.Model) -> list[tuple[Any, str]]:
        names = self.fields or [
            f.name
            for f in obj._meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created and f.editable
        ]
        return [
            (obj._meta.get_field(name).verbose_name, display_value(obj, name)) for name in names
        ]

    def get_related(self, obj: models.Model) -> list[dict[str, Any]]:
        user = self.request.user
        sections = []
        for index, section in enumerate(self.related, start=1):
            model = section.model or section.table_class._meta.model
            table = self.render_related(section, obj, index)
            sections.append(
                {
                    "title": section.title,
                    "count": table["count"],
                    # Rendered by ``render_to_string``, whose output is escaped.
                    "table_html": mark_safe(table["table_html"]),  # noqa: S308
                    "add_url": section.add_url(obj)
                    if section.add_url and can(user, Action.ADD, model)
                    else None,
                }
            )
        return sections

    def render_related(self, section: Related, obj: models.Model, index: int) -> dict[str, Any]:
        """One related section's table as HTML, with its total.

        Paged like the lists, each section with its own parameters (``r2-page``,
        ``r2-sort``): the busiest partner of a national office has hundreds of
        delegations, and the page must cost the same whatever its record's size.
        """
        queryset = section.queryset(obj, self.request.user)
        # No ``request=`` here: the table would be paginated (and counted) twice.
        table = section.table_class(queryset, exclude=section.exclude, prefix=f"r{index}-")
        RequestConfig(
            self.request,
            paginate={"per_page": RELATED_PER_PAGE},
        ).configure(table)
        context = {"table": table, "pages_label": section.title}
        html = render_to_string(table.template_name, context, request=self.request)
        return {"table_html": html, "count": table.paginator.count}

    def get_actions(self, obj: models.Model) -> list[dict[str, Any]]:
        """Workflow forms (status changes, decisions) shown to those who may change."""
        return []

    def read_record(self) -> dict[str, Any]:
        """What the page shows of the record itself: the record, its fields, its history."""
        obj = self.get_object()
        return {"object": obj, "fields": self.get_fields(obj), "history": history_of(obj)}

    def get_context_data(self, record: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        obj = record["object"]
        return {
            **self.base_context(),
            "object": obj,
            "title": str(obj),
            "fields": record["fields"],
            "related": self.get_related(obj),
            "history": record["history"],
            "edit_url": staff_url(obj, "edit"),
            "delete_url": staff_url(obj, "delete"),
            "actions": self.get_actions(obj)
            if can(self.request.user, Action.CHANGE, self.model)
            else [],
            **kwargs,
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        record = self.read_record()
        return TemplateResponse(request, self.template_name, self.get_context_data(record))
