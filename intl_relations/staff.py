"""Generic bases of the staff pages at ``/staff/``.

Each app's staff views are short declarations on these bases (NetBox's habit): a
model, the selector that gives its tuned queryset, the shared FilterSet, a table and
a form. The bases do the rest the same way everywhere:

* who may see the page: one mixin asks the permission helper (``can`` / ``restrict``);
  anonymous visitors are sent to sign in, partner members get 403, rows out of scope 404;
* lists: FilterSet form with its ``q`` search, sortable columns, pagination, CSV and
  XLSX export of the filtered rows through the shared exports module;
* details: fields, related records, and the record's history (who, when, what changed);
* writes: ModelForms whose ``save`` goes through the generic services with the user,
  and a delete confirmation that explains a protected record instead of failing.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, QuerySet, RestrictedError
from django.forms import (
    BaseFormSet,
    CheckboxSelectMultiple,
    DateInput,
    ModelForm,
    SelectMultiple,
)
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format, localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig
from django_tables2 import utils as tables_utils
from django_tables2.columns import library as tables_library
from django_tables2.utils import OrderByTuple

from .permissions import Action, can, is_staff_role, restrict, role_of
from .versions import TablePaginator, cached_until_written
from .widgets import fast_select

PER_PAGE = 25


def _cached_signatures() -> None:
    """Have django-tables2 inspect each cell renderer's signature once, not per cell.

    ``call_with_appropriate`` runs ``inspect.signature`` on every render and value
    method for every cell (a tenth of a list page). A method's signature never changes:
    it is kept per function (a bound method by its function, as the self-argument is
    dropped either way); other callables are inspected as before.
    """
    if getattr(tables_utils.signature, "cached", False):
        return
    inspect_signature = tables_utils.signature
    known: dict[tuple[Any, bool], Any] = {}

    def signature(fn: Any) -> Any:
        function = getattr(fn, "__func__", fn)
        if not hasattr(function, "__code__"):
            return inspect_signature(fn)
        key = (function, function is not fn)
        found = known.get(key)
        if found is None:
            if len(known) > 4096:  # closures made per request must not pile up
                known.clear()
            found = known[key] = inspect_signature(fn)
        return found

    signature.cached = True  # type: ignore[attr-defined]
    tables_utils.signature = signature


_cached_signatures()
HISTORY_LIMIT = 20
# Rows per page of each related section of a detail page.
RELATED_PER_PAGE = 10
EXPORT_FORMATS = ("csv", "xlsx")
CHECKBOX_LIMIT = 12


# --- URLs -----------------------------------------------------------------------------


def url_name(model: type[models.Model] | models.Model, action: str) -> str:
    """``staff:<model_name>_<action>``: every staff page of a model follows this pattern."""
    return f"staff:{model._meta.model_name}_{action}"


def staff_url(obj: type[models.Model] | models.Model, action: str = "detail") -> str | None:
    """The staff page of ``obj`` (an instance for detail/edit/delete, a model for list/add)."""
    try:
        if isinstance(obj, models.Model):
            return reverse(url_name(obj, action), args=[obj.pk])
        return reverse(url_name(obj, action))
    except NoReverseMatch:
        return None


def crud_urls(
    prefix: str,
    *,
    list_view: type[View] | None = None,
    detail_view: type[View] | None = None,
    create_view: type[View] | None = None,
    update_view: type[View] | None = None,
    delete_view: type[View] | None = None,
) -> list:
    """The five usual pages of a model under ``prefix/``, named after the model."""
    views = [list_view, detail_view, create_view, update_view, delete_view]
    model = next(v.model for v in views if v is not None)
    name = model._meta.model_name
    patterns = []
    if list_view:
        patterns.append(path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"))
    if create_view:
        patterns.append(path(f"{prefix}/add/", create_view.as_view(), name=f"{name}_add"))
    if detail_view:
        patterns.append(path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}_detail"))
    if update_view:
        patterns.append(
            path(f"{prefix}/<int:pk>/edit/", update_view.as_view(), name=f"{name}_edit")
        )
    if delete_view:
        patterns.append(
            path(f"{prefix}/<int:pk>/delete/", delete_view.as_view(), name=f"{name}_delete")
        )
    return patterns


# --- Access ---------------------------------------------------------------------------


class StaffAccessMixin(AccessMixin):
    """Only office staff (viewer, editor, administrator) reach a staff page.

    Anonymous visitors are sent to the sign-in page; a signed-in partner member, or a
    staff member without the page's action on its model, gets 403. The action and model
    are asked of the one permission helper, never decided here.
    """

    model: type[models.Model] | None = None
    permission_action: Action = Action.VIEW

    def get_permission_model(self) -> type[models.Model] | None:
        return self.model

    def has_permission(self) -> bool:
        user = self.request.user
        if not is_staff_role(user):
            return False
        model = self.get_permission_model()
        return model is None or can(user, self.permission_action, model)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_permission():
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def model_permissions(self, model: type[models.Model] | None = None) -> dict[str, bool]:
        model = model or self.model
        user = self.request.user
        return {
            "can_add": can(user, Action.ADD, model),
            "can_change": can(user, Action.CHANGE, model),
            "can_delete": can(user, Action.DELETE, model),
        }


class StaffPageView(StaffAccessMixin, View):
    """A staff page that is not tied to one model (dashboard, calendar)."""

    template_name: str = ""
    title: str = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"title": self.title, **kwargs}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return TemplateResponse(request, self.template_name, self.get_context_data())


class ModelStaffView(StaffAccessMixin, View):
    """Shared by the model pages: the scoped queryset and the names shown."""

    #: A callable ``selector(user=...)`` returning the tuned, restricted queryset; when
    #: absent, the model's default manager passed through ``restrict``.
    selector: Callable[..., QuerySet] | None = None
    template_name: str = ""

    def get_queryset(self, action: Action = Action.VIEW) -> QuerySet:
        user = self.request.user
        if self.selector is not None:
            queryset = type(self).selector(user=user)
        else:
            queryset = self.model._default_manager.all()
        # Always restricted here too: a selector that forgot would otherwise leak rows.
        return restrict(queryset, user, action)

    def base_context(self) -> dict[str, Any]:
        opts = self.model._meta
        return {
            "opts": opts,
            "verbose_name": opts.verbose_name,
            "verbose_name_plural": opts.verbose_name_plural,
            "list_url": staff_url(self.model, "list"),
            "add_url": staff_url(self.model, "add"),
            **self.model_permissions(),
        }


# --- Tables ---------------------------------------------------------------------------


class ShallowCopiedColumns(dict):
    """A table's columns, copied for each table without ``copy.deepcopy``.

    django-tables2 deep-copies the class's columns for every table it makes, and
    with them everything they refer to (lazy labels, link builders, accessors): a
    tenth of a list page. A table only assigns attributes of its own copies (accessor,
    order), so a copy of each column and of its ``attrs`` keeps tables apart.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        copied = {}
        for name, column in self.items():
            column = copy.copy(column)
            column.attrs = copy.copy(column.attrs)
            copied[name] = column
        return copied


class StaffTable(tables.Table):
    """Base of the staff tables: our accessible template, the first column links."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, column in cls.base_columns.items():
            if isinstance(column, CountryColumn) and not column.reads_name:
                # Read the Country's own name: django-tables2 would otherwise call
                # ``get_country_display()``, which rebuilds the 250 choices per cell.
                # Sorting stays on the stored code.
                accessor = str(column.accessor or name)
                column.accessor = tables.A(f"{accessor}__name")
                column.order_by = column.order_by or OrderByTuple((accessor,))
                column.reads_name = True
        cls.base_columns = ShallowCopiedColumns(cls.base_columns)

    class Meta:
        template_name = "includes/table.html"
        attrs = {"class": "striped"}
        empty_text = gettext_lazy("No records match.")


def detail_link(record: models.Model) -> str | None:
    return staff_url(record, "detail")


def LinkColumn(*args: Any, **kwargs: Any) -> tables.Column:  # noqa: N802
    """A column whose cell links to the record's detail page."""
    kwargs.setdefault("linkify", detail_link)
    return tables.Column(*args, **kwargs)


def related_link(accessor: str) -> Callable[[models.Model], str | None]:
    """A ``linkify`` for a column that shows a related record (``partner_city``)."""

    def link(record: models.Model) -> str | None:
        target = record
        for part in accessor.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return staff_url(target, "detail")

    return link


class ManyColumn(tables.Column):
    """Comma-separated names of a prefetched many-to-many relation; never sortable."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> str:
        return ", ".join(str(item) for item in value.all())


class CountryColumn(tables.Column):
    """A country by its name in the active language."""

    reads_name = False

    def render(self, value: Any) -> str:
        return str(getattr(value, "name", value))


def _local(value: Any) -> Any:
    """A time in the current zone, as the ``date`` filter shows it; dates as they are."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@tables_library.register
class DateColumn(tables.DateColumn):
    """django-tables2's date column, formatted in Python.

    Its own renders a template, which it compiles again for every cell: a tenth of a
    list page. Registered, it is the column the tables pick for date fields.
    """

    empty_values = (None, "")  # shown as the column's default, as before

    def __init__(self, format: str | None = None, short: bool = True, **kwargs: Any) -> None:
        self.date_format = format or ("SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
        super().__init__(format=format, short=short, **kwargs)

    def render(self, value: Any) -> str:
        return date_format(_local(value), self.date_format)


@tables_library.register
class DateTimeColumn(tables.DateTimeColumn):
    """django-tables2's date-time column, in local time, formatted in Python."""

    empty_values = (None, "")

    def __init__(self, format: str | None = None, short: bool = True, **kwargs: Any) -> None:
        self.date_format = format or ("SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")
        super().__init__(format=format, short=short, **kwargs)

    def render(self, value: Any) -> str:
        return date_format(_local(value), self.date_format)


class StatusColumn(tables.Column):
    """A status as a badge with its translated label (colour is never the only cue)."""

    def render(self, value: Any, record: models.Model, bound_column: Any) -> str:
        label = getattr(record, f"get_{bound_column.accessor}_display", lambda: value)()
        # The class names the stored value: ``value`` is already the (translated) label.
        raw = bound_column.accessor.resolve(record, quiet=True) or value
        return format_html('<span class="badge badge-{}">{}</span>', raw, label)


class YesNoColumn(tables.BooleanColumn):
    def render(self, value: Any, record: Any, bound_column: Any) -> str:
        return _("Yes") if value else _("No")


# --- Forms ----------------------------------------------------------------------------


class StaffModelForm(forms.ModelForm):
    """A ModelForm with the browser's date pickers and checkboxes for short choice lists."""

    #: Many-to-many fields with few choices, shown as checkboxes rather than a list box.
    checkbox_fields: Sequence[str] = ("themes",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, formfield in self.fields.items():
            widget = formfield.widget
            if isinstance(formfield, forms.SplitDateTimeField):
                continue
            if isinstance(formfield, forms.DateTimeField):
                formfield.widget = forms.DateTimeInput(
                    attrs={**widget.attrs, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                )
            elif isinstance(formfield, forms.DateField):
                formfield.widget = forms.DateInput(
                    attrs={**widget.attrs, "type": "date"}, format="%Y-%m-%d"
                )
            elif name in self.checkbox_fields:
                formfield.widget = CheckboxSelectMultiple(choices=formfield.choices)
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 3)
            else:
                formfield.widget = fast_select(widget)  # 250 countries, every partner city


# --- List -----------------------------------------------------------------------------


class StaffListView(ModelStaffView):
    """A filterable, sortable, paginated list with CSV and XLSX export of what is shown."""

    filterset_class: type | None = None
    table_class: type[StaffTable] | None = None
    template_name = "staff/list.html"
    results_template_name = "includes/list_results.html"
    filters_template_name = "includes/list_filters.html"
    per_page = PER_PAGE
    #: The filters shown in the side form (all the FilterSet's filters still apply).
    filter_form_fields: Sequence[str] = ()
    #: Exported columns: field paths or ``(attribute, header)`` pairs.
    export_fields: Sequence[Any] = ()

    def get_filterset(self, queryset: QuerySet) -> Any:
        if self.filterset_class is None:
            return None
        return self.filterset_class(
            self.request.GET or None, queryset=queryset, request=self.request
        )

    def filtered(self, queryset: QuerySet, filterset: Any) -> QuerySet:
        # Invalid values are reported next to their field; the valid ones still apply.
        return filterset.qs if filterset is not None else queryset

    def get_export_fields(self) -> Sequence[Any]:
        """Field paths or ``(attribute, header)`` pairs; by default the model's own fields."""
        if self.export_fields:
            return self.export_fields
        return [
            f.name
            for f in self.model._meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created
        ]

    def export(self, queryset: QuerySet, fmt: str) -> HttpResponse:
        from . import exports

        columns = exports.columns_for(self.model, self.get_export_fields())
        filename = slugify(str(self.model._meta.verbose_name_plural)) or "export"
        if fmt == "csv":
            return exports.csv_response(queryset, columns, filename)
        title = capfirst(str(self.model._meta.verbose_name_plural))
        return exports.xlsx_response(queryset, columns, filename, title=title)

    def prepare_filter_form(self, filterset: Any) -> None:
        """Show only ``filter_form_fields``; short choice lists become checkboxes."""
        form = filterset.form
        if self.filter_form_fields:
            for name in list(form.fields):
                if name not in self.filter_form_fields:
                    del form.fields[name]
        for formfield in form.fields.values():
            choices = getattr(formfield, "choices", None)
            if isinstance(formfield.widget, SelectMultiple) and not isinstance(
                formfield.widget, CheckboxSelectMultiple
            ):
                if choices is not None and not hasattr(formfield, "queryset"):
                    if len(list(choices)) <= CHECKBOX_LIMIT:
                        formfield.widget = CheckboxSelectMultiple(choices=formfield.choices)
                    else:
                        formfield.widget.attrs["size"] = 5
                else:
                    formfield.widget.attrs["size"] = 5
                formfield.widget = fast_select(formfield.widget)
            elif isinstance(formfield.widget, DateInput):
                formfield.widget.input_type = "date"
                formfield.widget.format = "%Y-%m-%d"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The FilterSet's form is only built when a fragment is (re)rendered or exported.
        queryset = self.get_queryset()
        filterset = self.get_filterset(queryset)
        fmt = request.GET.get("export")
        if fmt in EXPORT_FORMATS:
            return self.export(self.filtered(queryset, filterset), fmt)
        if self.table_class is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a table_class.")
        parts = self.fragment_key()
        results = cached_until_written(
            f"staff-list-results:{self.model._meta.label_lower}",
            lambda: self.render_results(self.filtered(queryset, filterset)),
            parts=parts,
        )
        if getattr(request, "htmx", False) and request.htmx.target == "list-results":
            return HttpResponse(results["html"])
        filters = None
        if filterset is not None:
            filters = cached_until_written(
                f"staff-list-filters:{self.model._meta.label_lower}",
                lambda: self.render_filters(filterset),
                parts=parts,
            )
        context = {
            **self.base_context(),
            "title": self.model._meta.verbose_name_plural,
            "filter": filterset,
            # Rendered by ``render_to_string``, whose output is escaped: safe as HTML.
            "filters_html": mark_safe(filters) if filters is not None else None,  # noqa: S308
            "results_html": mark_safe(results["html"]),  # noqa: S308
            "total": results["total"],
        }
        return TemplateResponse(request, self.template_name, context)

    def fragment_key(self) -> tuple[Any, ...]:
        """What the list's fragments depend on besides the data: the reader's role (staff
        of a role see the same rows and links), the language and the query string."""
        return (
            role_of(self.request.user),
            get_language(),
            self.request.path,
            query_key(self.request),
        )

    def render_results(self, queryset: QuerySet) -> dict[str, Any]:
        """The count, exports and table of the page, as HTML (cached until written)."""
        table = self.table_class(queryset, request=self.request)  # type: ignore[misc]
        RequestConfig(
            self.request, paginate={"per_page": self.per_page, "paginator_class": TablePaginator}
        ).configure(table)
        export_query = self.request.GET.copy()
        export_query.pop("page", None)
        context = {
            "table": table,
            "export_links": [
                (fmt.upper(), _set_query(export_query, export=fmt)) for fmt in EXPORT_FORMATS
            ],
            "total": table.paginator.count,
        }
        html = render_to_string(self.results_template_name, context, request=self.request)
        return {"html": html, "total": context["total"]}

    def render_filters(self, filterset: Any) -> str:
        """The filter form's fields and errors, as HTML (cached until written)."""
        self.prepare_filter_form(filterset)
        context = {"filter": filterset, "hidden_params": self.hidden_params(filterset)}
        return render_to_string(self.filters_template_name, context, request=self.request)

    def hidden_params(self, filterset: Any) -> list[tuple[str, str]]:
        """Filters applied from a link (``?partner_city=3``) but not shown in the form."""
        if filterset is None:
            return []
        shown = set(filterset.form.fields)
        skip = {"page", "sort", "export"}
        return [
            (key, value)
            for key in self.request.GET
            if key not in shown and key not in skip and key in filterset.filters
            for value in self.request.GET.getlist(key)
        ]


def query_key(request: HttpRequest) -> str:
    """The query string as a cache key part: the same parameters in any order are one."""
    return repr(sorted((key, request.GET.getlist(key)) for key in request.GET))


def _set_query(query: Any, **params: str) -> str:
    query = query.copy()
    for key, value in params.items():
        query[key] = value
    return "?" + query.urlencode()


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
                "type": record.get_history_type_display(),
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
        query = query_key(self.request)
        sections = []
        for index, section in enumerate(self.related, start=1):
            model = section.model or section.table_class._meta.model
            # Rendered once per record, role, language and query string, and cached until
            # a table it reads is written, like the lists' results (the queryset is only
            # built when the section is rendered).
            table = cached_until_written(
                f"staff-related:{obj._meta.label_lower}:{index}",
                functools.partial(self.render_related, section, obj, index),
                parts=(obj.pk, role_of(user), get_language(), query),
            )
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
        table = section.table_class(
            queryset, request=self.request, exclude=section.exclude, prefix=f"r{index}-"
        )
        RequestConfig(
            self.request,
            paginate={"per_page": RELATED_PER_PAGE, "paginator_class": TablePaginator},
        ).configure(table)
        context = {"table": table, "pages_label": section.title}
        html = render_to_string(table.template_name, context, request=self.request)
        return {"table_html": html, "count": table.paginator.count}

    def get_actions(self, obj: models.Model) -> list[dict[str, Any]]:
        """Workflow forms (status changes, decisions) shown to those who may change."""
        return []

    def read_record(self) -> dict[str, Any]:
        """What the page shows of the record itself: the record, its fields, its history.

        Labels are kept as plain text (the language is part of the cache key): a lazy
        translation costs a new class each time it is unpickled.
        """
        obj = self.get_object()
        fields = [(force_str(label), force_str(value)) for label, value in self.get_fields(obj)]
        history = [
            {
                **entry,
                "type": force_str(entry["type"]),
                "changes": [{**c, "field": force_str(c["field"])} for c in entry["changes"]],
            }
            for entry in history_of(obj)
        ]
        return {"object": obj, "fields": fields, "history": history}

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
        # Read once per record, role and language, and kept until a table it read is
        # written, like the related sections: the record with its prefetched relations
        # and its history cost more than the rest of the page. A record out of the
        # reader's scope raises 404 inside, so it is never kept.
        record = cached_until_written(
            f"staff-detail:{self.model._meta.label_lower}",
            self.read_record,
            parts=(self.kwargs["pk"], role_of(request.user), get_language()),
        )
        return TemplateResponse(request, self.template_name, self.get_context_data(record))


# --- Create, update -------------------------------------------------------------------


class StaffFormView(ModelStaffView):
    """Shared by create and update: a ModelForm, optional inline formsets, saved by services."""

    form_class: type[ModelForm] | None = None
    #: ``{"members": DelegationMemberFormSet}``: inline formsets saved with the record.
    formset_classes: dict[str, type[BaseFormSet]] = {}
    template_name = "staff/form.html"

    def get_object(self) -> models.Model | None:
        return None

    def get_form(self, obj: models.Model | None) -> ModelForm:
        kwargs: dict[str, Any] = {"instance": obj}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        else:
            kwargs["initial"] = self.get_initial()
        form = self.form_class(**kwargs)
        if hasattr(form, "limit_choices"):
            form.limit_choices(self.request.user)
        return form

    def get_initial(self) -> dict[str, Any]:
        """Prefill from the query string (``?partner_city=3`` from a partner city page)."""
        form_fields = self.form_class.base_fields
        return {key: value for key, value in self.request.GET.items() if key in form_fields}

    def get_formsets(self, obj: models.Model | None) -> dict[str, BaseFormSet]:
        formsets = {}
        for prefix, formset_class in self.formset_classes.items():
            kwargs: dict[str, Any] = {"instance": obj, "prefix": prefix}
            if self.request.method == "POST":
                kwargs.update(data=self.request.POST, files=self.request.FILES)
            formset = formset_class(**kwargs)
            share_choices(formset)
            opts = formset.model._meta
            formset.title = capfirst(opts.verbose_name_plural)
            formset.item_name = capfirst(opts.verbose_name)
            formsets[prefix] = formset
        return formsets

    def save(self, form: ModelForm, formsets: dict[str, BaseFormSet]) -> models.Model:
        """Save the record and its inline rows through the services, all or nothing."""
        user = self.request.user
        with transaction.atomic():
            obj = save_form(form, user=user)
            for formset in formsets.values():
                save_formset(formset, parent=obj, user=user)
        return obj

    def render(
        self,
        obj: models.Model | None,
        form: ModelForm,
        formsets: dict[str, BaseFormSet],
        status: int = 200,
    ) -> HttpResponse:
        context = {
            **self.base_context(),
            "object": obj,
            "form": form,
            "formsets": formsets,
            "title": self.get_title(obj),
            "cancel_url": staff_url(obj, "detail") if obj else staff_url(self.model, "list"),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get_title(self, obj: models.Model | None) -> str:
        if obj is None:
            return _("New %(name)s") % {"name": self.model._meta.verbose_name}
        return _("Edit %(name)s") % {"name": obj}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        return self.render(obj, self.get_form(obj), self.get_formsets(obj))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        form = self.get_form(obj)
        formsets = self.get_formsets(obj)
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            try:
                saved = self.save(form, formsets)
            except ValidationError as exc:
                # A rule checked by a service: shown next to its field, nothing saved.
                _add_errors(form, exc)
            except RowRejectedError:
                pass
            else:
                messages.success(request, self.success_message(saved, created=obj is None))
                return HttpResponseRedirect(self.get_success_url(saved))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render(obj, form, formsets, status=200)

    def success_message(self, obj: models.Model, *, created: bool) -> str:
        if created:
            return _("%(name)s “%(obj)s” was created.") % {
                "name": str(self.model._meta.verbose_name).capitalize(),
                "obj": obj,
            }
        return _("%(name)s “%(obj)s” was saved.") % {
            "name": str(self.model._meta.verbose_name).capitalize(),
            "obj": obj,
        }

    def get_success_url(self, obj: models.Model) -> str:
        return staff_url(obj, "detail") or staff_url(self.model, "list") or "/staff/"


def share_choices(formset: BaseFormSet) -> None:
    """Read each related-record list once for all the rows of a formset.

    Without this, every row's select (an organisation, a host) runs its own query, and
    a delegation with 30 members would cost 30 more queries than one with 2.
    """
    cache: dict[str, list] = {}
    for subform in [*formset.forms, formset.empty_form]:
        for name, formfield in subform.fields.items():
            if isinstance(formfield, forms.ModelChoiceField):
                if name not in cache:
                    cache[name] = list(formfield.choices)
                formfield.widget.choices = cache[name]


def form_data(form: ModelForm) -> dict[str, Any]:
    """The cleaned values of the form's model fields, as the services take them."""
    names = {f.name for f in form._meta.model._meta.get_fields() if f.concrete}
    return {key: value for key, value in form.cleaned_data.items() if key in names}


def save_form(form: ModelForm, *, user: Any) -> models.Model:
    """Create or update ``form.instance`` with the generic services (rules, history)."""
    from . import services

    data = form_data(form)
    if form.instance.pk is None:
        # Values the view set on the instance before validation (a parent) are kept.
        for name in getattr(form, "preset_fields", ()):
            data.setdefault(name, getattr(form.instance, name))
        return services.record_create(model=form._meta.model, data=data, user=user)
    return services.record_update(instance=form.instance, data=data, user=user)


def save_formset(formset: BaseFormSet, *, parent: models.Model, user: Any) -> None:
    """Create, update and delete the inline rows of ``parent`` one by one via the services."""
    from . import services

    fk_name = formset.fk.name
    for subform in formset.forms:
        if not subform.has_changed() and subform.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(subform):
            if subform.instance.pk is not None:
                services.record_delete(instance=subform.instance, user=user)
            continue
        data = form_data(subform)
        data.pop("id", None)
        data[fk_name] = parent
        try:
            if subform.instance.pk is None:
                services.record_create(model=formset.model, data=data, user=user)
            elif subform.has_changed():
                services.record_update(instance=subform.instance, data=data, user=user)
        except ValidationError as exc:
            _add_errors(subform, exc)
            raise RowRejectedError from exc


class RowRejectedError(Exception):
    """An inline row was refused by a service; its errors are already on its form."""


def _add_errors(form: ModelForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class StaffCreateView(StaffFormView):
    permission_action = Action.ADD


class StaffUpdateView(StaffFormView):
    permission_action = Action.CHANGE

    def get_object(self) -> models.Model:
        return get_object_or_404(self.get_queryset(Action.CHANGE), pk=self.kwargs["pk"])


# --- Delete ---------------------------------------------------------------------------


class StaffDeleteView(ModelStaffView):
    """Asks for confirmation; a record still referenced is explained, never a 500."""

    permission_action = Action.DELETE
    template_name = "staff/delete.html"

    def get_object(self) -> models.Model:
        return get_object_or_404(self.get_queryset(Action.DELETE), pk=self.kwargs["pk"])

    def render(self, obj: models.Model, protected: Iterable[Any] = (), status: int = 200):
        context = {
            **self.base_context(),
            "object": obj,
            "title": _("Delete %(name)s") % {"name": obj},
            "protected": list(protected)[:20],
            "cancel_url": staff_url(obj, "detail"),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.get_object())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from . import services

        obj = self.get_object()
        label = str(obj)
        try:
            services.record_delete(instance=obj, user=request.user)
        except (ProtectedError, RestrictedError) as exc:
            blocking = (
                exc.protected_objects
                if isinstance(exc, ProtectedError)
                else (exc.restricted_objects)
            )
            messages.error(
                request,
                _(
                    "“%(obj)s” cannot be deleted: other records still refer to it. "
                    "Delete or change them first."
                )
                % {"obj": label},
            )
            return self.render(obj, blocking, status=409)
        messages.success(
            request,
            _("%(name)s “%(obj)s” was deleted.")
            % {"name": str(self.model._meta.verbose_name).capitalize(), "obj": label},
        )
        return HttpResponseRedirect(staff_url(self.model, "list") or "/staff/")


# --- Workflow actions -----------------------------------------------------------------


class StaffActionView(ModelStaffView):
    """A POST-only workflow step (change a status, renew, decide) calling one service.

    The form is shown on the record's detail page (see ``workflow_action``); a refused
    step comes back there with the service's message, nothing changed.
    """

    permission_action = Action.CHANGE
    form_class: type[forms.Form] | None = None
    #: Keeps the ids of the fields unique when several steps share a detail page.
    form_prefix: str = ""

    def get_object(self) -> models.Model:
        return get_object_or_404(self.get_queryset(Action.CHANGE), pk=self.kwargs["pk"])

    def get_form_kwargs(self, obj: models.Model) -> dict[str, Any]:
        return {}

    @classmethod
    def blank_form(cls, obj: models.Model) -> forms.Form | None:
        """The empty form shown on the detail page."""
        if cls.form_class is None:
            return None
        return cls.form_class(prefix=cls.form_prefix or None, **cls().get_form_kwargs(obj))

    def perform(self, obj: models.Model, data: dict[str, Any]) -> str:
        """Call the service; return the success message. Raise ValidationError to refuse."""
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        data: dict[str, Any] = {}
        if self.form_class is not None:
            form = self.form_class(
                request.POST, prefix=self.form_prefix or None, **self.get_form_kwargs(obj)
            )
            if not form.is_valid():
                for field, errors in form.errors.items():
                    label = form.fields[field].label if field in form.fields else ""
                    for error in errors:
                        messages.error(request, f"{label}: {error}" if label else error)
                return HttpResponseRedirect(staff_url(obj, "detail") or "/staff/")
            data = form.cleaned_data
        try:
            message = self.perform(obj, data)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return HttpResponseRedirect(staff_url(obj, "detail") or "/staff/")


def workflow_action(
    title: Any, url: str, form: forms.Form | None = None, *, button: Any = None, style: str = ""
) -> dict[str, Any]:
    """One step offered on a detail page: a small form posting to its action view."""
    return {
        "template": "includes/workflow_action.html",
        "title": title,
        "url": url,
        "form": form,
        "button": button or title,
        "style": style,
    }
