"""Staff pages of the official returns: the e-APD worksheet and the downloads."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View

from cooperation.models import BudgetLine
from downloads.views import later_if_big
from intl_relations.staff import StaffAccessMixin
from partnerships.models import Partnership

from .atlas import atlas_rows
from .eapd import eapd_declaration, year_from
from .exports import atlas_response, eapd_response, iati_response
from .forms import ReturnsChoiceForm
from .iati import iati_activities_xml

# The page shows the largest projects and the first warnings; the worksheet has them all
# (a national year has thousands, and a page must answer in well under a second).
PAGE_ROWS = 50


def _messages(exc: ValidationError) -> list[str]:
    return [str(message) for message in exc.messages]


def _bad_request(exc: ValidationError) -> HttpResponse:
    return HttpResponseBadRequest(
        " ".join(_messages(exc)), content_type="text/plain; charset=utf-8"
    )


def _fmt(request: HttpRequest) -> str:
    return "xlsx" if request.GET.get("format") == "xlsx" else "csv"


ATLAS_TITLE = _("Atlas sheet of the partnerships")


class ReturnsAccessMixin(StaffAccessMixin):
    """Office staff who may read the budget lines (the returns are built from them)."""

    model = BudgetLine


class ReturnsView(ReturnsAccessMixin, View):
    """The e-APD worksheet of a year, with its warnings and the downloads."""

    def get(self, request: HttpRequest) -> HttpResponse:
        chosen = {"local_government": request.GET.get("local_government", "")}
        context: dict[str, Any] = {"title": _("Official returns"), "errors": []}
        try:
            year = year_from(request.GET)
            context["year"] = chosen["year"] = year
            declaration = eapd_declaration(
                user=request.user,
                year=year,
                local_government=request.GET.get("local_government"),
            )
        except ValidationError as exc:
            context["errors"] = _messages(exc)
            context["form"] = ReturnsChoiceForm(initial=chosen)
            return TemplateResponse(request, "returns/returns.html", context, status=400)
        query = {"year": year}
        if declaration.local_government is not None:
            query["local_government"] = declaration.local_government.pk
        projects = sorted(declaration.projects, key=lambda p: (-p.declared, -p.held_back))
        context.update(
            form=ReturnsChoiceForm(initial=chosen),
            declaration=declaration,
            projects_shown=projects[:PAGE_ROWS],
            projects_more=max(len(projects) - PAGE_ROWS, 0),
            warnings_shown=declaration.warnings[:PAGE_ROWS],
            warnings_more=max(len(declaration.warnings) - PAGE_ROWS, 0),
            eapd_csv=f"{reverse('staff:eapd_download')}?{urlencode(query)}",
            eapd_xlsx=f"{reverse('staff:eapd_download')}?{urlencode({**query, 'format': 'xlsx'})}",
            iati_xml=f"{reverse('staff:iati_download')}?{urlencode(query)}",
            atlas_csv=reverse("staff:atlas_download"),
            atlas_xlsx=f"{reverse('staff:atlas_download')}?format=xlsx",
        )
        return TemplateResponse(request, "returns/returns.html", context)


class EapdDownloadView(ReturnsAccessMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            declaration = eapd_declaration(
                user=request.user,
                year=year_from(request.GET),
                local_government=request.GET.get("local_government"),
            )
        except ValidationError as exc:
            return _bad_request(exc)
        return eapd_response(declaration, _fmt(request))


class IatiDownloadView(ReturnsAccessMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            year = year_from(request.GET)
            xml = iati_activities_xml(
                user=request.user, year=year, local_government=request.GET.get("local_government")
            )
        except ValidationError as exc:
            return _bad_request(exc)
        return iati_response(xml, year)


class AtlasDownloadView(StaffAccessMixin, View):
    """The atlas sheet of the partnerships (the partnership list's filters apply)."""

    model = Partnership

    def get(self, request: HttpRequest) -> HttpResponse:
        filters = request.GET.copy()
        filters.pop("format", None)
        try:
            rows = atlas_rows(user=request.user, filters=filters)
        except ValidationError as exc:
            return _bad_request(exc)
        fmt = _fmt(request)
        title = str(ATLAS_TITLE)
        return later_if_big(request, fmt, rows, title=title) or atlas_response(rows, fmt)
