"""The staff page of the territory diagnosis: a world map, the table, the exports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2 import RequestConfig

from intl_relations import exports
from intl_relations.staff import (
    EXPORT_FORMATS,
    StaffPageView,
    bad_filters_response,
    filter_errors,
)
from intl_relations.widgets import searchable

from .forms import TerritoryFilterForm, filter_rows
from .legend import NOTHING_COLOUR, legend, map_data
from .selectors import MEASURES, CountryDiagnosis, territory_diagnosis, thresholds
from .tables import TerritoryTable

EXPORT_FILENAME = "territory-diagnosis"


def export_columns() -> list[exports.Column]:
    """The exported columns: the country, its codes, every figure and the gaps in words."""
    columns = [
        exports.Column(_("Country"), lambda row: row.name),
        exports.Column(_("ISO code"), lambda row: row.code),
    ]
    for name, label in MEASURES.items():
        if name == "gap_count":
            continue
        columns.append(exports.Column(label, lambda row, name=name: row.value(name)))
    columns.append(exports.Column(_("Gaps"), lambda row: row.gaps_text))
    return columns


def export_response(rows: list[CountryDiagnosis], fmt: str) -> HttpResponse:
    if fmt == "csv":
        return exports.csv_response(rows, export_columns(), EXPORT_FILENAME)
    return exports.xlsx_response(
        rows, export_columns(), EXPORT_FILENAME, title=_("Territory diagnosis")
    )


def diagnosis_for(request: HttpRequest, form: TerritoryFilterForm) -> list[CountryDiagnosis]:
    """The filtered rows; an invalid field is left out (its error shown on the page)."""
    data = form.cleaned_data if form.is_bound else {}
    rows = territory_diagnosis(user=request.user, local_government=data.get("local_government"))
    return filter_rows(rows, {k: v for k, v in data.items() if k != "ordering"})


class TerritoryView(StaffPageView):
    template_name = "territory/diagnosis.html"
    title = gettext_lazy("Territory diagnosis")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = TerritoryFilterForm(request.GET or None)
        # The page still applies the valid fields and shows each error by its field; an
        # export has no page to show the error on.
        errors = filter_errors(form)
        fmt = request.GET.get("export")
        if fmt in EXPORT_FORMATS:
            if errors:
                return bad_filters_response(errors)
            return export_response(diagnosis_for(request, form), fmt)
        rows = diagnosis_for(request, form)
        chooser = form.fields["local_government"]
        chooser.widget = searchable(chooser)

        measure = form.measure_name()
        label = MEASURES[measure]
        classes, _step = legend(rows, measure)
        table = TerritoryTable(rows, request=request)
        RequestConfig(request, paginate=False).configure(table)
        export_query = request.GET.copy()
        export_query.pop("sort", None)
        export_links = []
        for export_format in EXPORT_FORMATS:
            export_query["export"] = export_format
            export_links.append((export_format.upper(), "?" + export_query.urlencode()))
        limits = thresholds()
        context = self.get_context_data(
            form=form,
            rows=rows,
            table=table,
            measure=measure,
            measure_label=label,
            legend=classes,
            map_data=map_data(rows, measure, label),
            nothing_colour=NOTHING_COLOUR,
            gap_total=sum(1 for row in rows if row.gaps),
            export_links=export_links,
            limits=limits,
            map_config={
                "countries": static("vendor/world-atlas/countries-110m.json"),
                "tiles": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
            },
        )
        return TemplateResponse(request, self.template_name, context, status=400 if errors else 200)
