"""The staff list pages: filters, sortable columns, pagination, exports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.forms import (
    CheckboxSelectMultiple,
    DateInput,
    SelectMultiple,
)
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django_tables2 import RequestConfig

from downloads.services import rows_for_background
from downloads.views import later_if_big
from intl_relations.paging import IdsFirstPaginator, StaffTableData
from intl_relations.widgets import fast_select, searchable

from .access import ModelStaffView
from .tables import StaffTable

PER_PAGE = 25
EXPORT_FORMATS = ("csv", "xlsx")
CHECKBOX_LIMIT = 12


# --- List -----------------------------------------------------------------------------


def filter_errors(filters: Any) -> list[tuple[str, str]]:
    """The query's parameters that cannot filter as asked, each with the reason.

    ``filters`` is a FilterSet or a form. A value no record can have (an id beyond any
    id, a date that is no date) is the user's mistake: a list or an export answers 400
    naming the parameter, as the API does, rather than rows the filter would leave out.
    """
    if filters is None or not filters.is_bound or filters.is_valid():
        return []
    return [
        (name, force_str(message)) for name, errors in filters.errors.items() for message in errors
    ]


def bad_filters_response(errors: list[tuple[str, str]]) -> HttpResponse:
    """An export's 400: one line per parameter at fault (a download has no page to show)."""
    text = "".join(f"{name}: {message}\n" for name, message in errors)
    return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


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
        from intl_relations import exports

        columns = exports.list_columns(queryset, self.get_export_fields())
        filename = slugify(str(self.model._meta.verbose_name_plural)) or "export"
        if fmt == "csv":
            return exports.csv_response(queryset, columns, filename)
        return exports.xlsx_response(queryset, columns, filename, title=self.export_title())

    def prepare_filter_form(self, filterset: Any) -> None:
        """Show only ``filter_form_fields``; short choice lists become checkboxes."""
        form = filterset.form
        if self.filter_form_fields:
            for name in list(form.fields):
                if name not in self.filter_form_fields:
                    del form.fields[name]
        for formfield in form.fields.values():
            formfield.widget = searchable(formfield)
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
            if errors := filter_errors(filterset):
                return bad_filters_response(errors)
            rows = self.sorted_as_shown(self.filtered(queryset, filterset))
            later = later_if_big(request, fmt, rows, title=self.export_title())
            return later or self.export(rows, fmt)
        if self.table_class is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a table_class.")
        results = self.render_results_or_errors(queryset, filterset)
        status = 400 if results.get("errors") else 200
        if getattr(request, "htmx", False) and request.htmx.target == "list-results":
            return HttpResponse(results["html"], status=status)
        filters = self.render_filters(filterset) if filterset is not None else None
        context = {
            **self.base_context(),
            "title": self.model._meta.verbose_name_plural,
            "filter": filterset,
            # Rendered by ``render_to_string``, whose output is escaped: safe as HTML.
            "filters_html": mark_safe(filters) if filters is not None else None,  # noqa: S308
            "results_html": mark_safe(results["html"]),  # noqa: S308
            "total": results["total"],
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def export_title(self) -> str:
        """What the list is called on its download's page."""
        return capfirst(str(getattr(self, "title", "") or self.model._meta.verbose_name_plural))

    def sorted_as_shown(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` in the order the table shows it: an export of a list sorted by a
        column (``?sort=-signed_on``) holds its rows in that order too."""
        if self.table_class is None or not self.request.GET.get("sort"):
            return queryset
        # The request is given by ``RequestConfig`` only: given to the table, it would
        # paginate it at once with Django's paginator, counting every row a first time.
        table = self.table_class(StaffTableData(queryset))  # type: ignore[misc]
        RequestConfig(self.request, paginate=False).configure(table)
        return table.data.data

    def render_results_or_errors(self, queryset: QuerySet, filterset: Any) -> dict[str, Any]:
        """The results of the filtered list, or in their place the filters it cannot apply."""
        if errors := filter_errors(filterset):
            html = render_to_string(
                "includes/list_filter_errors.html", {"errors": errors}, request=self.request
            )
            return {"html": html, "total": 0, "errors": errors}
        return self.render_results(self.filtered(queryset, filterset))

    def render_results(self, queryset: QuerySet) -> dict[str, Any]:
        """The count, exports and table of the page, as HTML."""
        table = self.table_class(StaffTableData(queryset))  # type: ignore[misc]
        RequestConfig(
            self.request,
            paginate={"per_page": self.per_page, "paginator_class": IdsFirstPaginator},
        ).configure(table)
        export_query = self.request.GET.copy()
        export_query.pop("page", None)
        context = {
            "table": table,
            "export_links": [
                (fmt.upper(), _set_query(export_query, export=fmt)) for fmt in EXPORT_FORMATS
            ],
            "total": table.paginator.count,
            "total_is_exact": table.paginator.count_is_exact,
            "exact_limit": settings.LIST_EXACT_COUNT_LIMIT,
        }
        context["later_formats"] = [
            fmt.upper()
            for fmt in EXPORT_FORMATS
            if rows_for_background(self.request, fmt, context["total"]) is not None
        ]
        html = render_to_string(self.results_template_name, context, request=self.request)
        return {"html": html, "total": context["total"]}

    def render_filters(self, filterset: Any) -> str:
        """The filter form's fields and errors, as HTML."""
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


def _set_query(query: Any, **params: str) -> str:
    query = query.copy()
    for key, value in params.items():
        query[key] = value
    return "?" + query.urlencode()
