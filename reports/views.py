"""Pages of the annual report: the staff's runs at /staff/reports/, the public reports.

Staff pages sit on the shared staff bases (who may see what is the permission
helper's answer); the public pages serve the published HTML and PDF without login.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from intl_relations.permissions import Action, can
from intl_relations.staff import StaffAccessMixin

from .choices import RunStatus
from .forms import ReportRequestForm
from .models import ReportRun
from .selectors import published_report_for_year, published_reports, report_runs_for
from .services import report_publish, report_request

FORMATS = {
    "html": ("html_file", "text/html; charset=utf-8"),
    "pdf": ("pdf_file", "application/pdf"),
    "xlsx": ("xlsx_file", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
# The stored page is our own rendering with no script; it may not load anything either.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"


def serve_output(run: ReportRun, fmt: str, *, inline: bool) -> HttpResponse:
    """A run's HTML, PDF or XLSX as a download (or shown inline for HTML and PDF)."""
    if fmt not in FORMATS:
        raise Http404
    field_name, content_type = FORMATS[fmt]
    field_file = getattr(run, field_name)
    if not field_file.name or not field_file.storage.exists(field_file.name):
        raise Http404(_("This output is not available."))
    response = FileResponse(
        field_file.open("rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=field_file.name.rsplit("/", 1)[-1],
    )
    if fmt == "html":
        response["Content-Security-Policy"] = REPORT_CSP
    return response


class ReportStaffView(StaffAccessMixin, View):
    model = ReportRun


class ReportRunListView(ReportStaffView):
    """The runs with their status and progress, and the form to start one."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(ReportRequestForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if not can(request.user, Action.ADD, ReportRun):
            raise PermissionDenied
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        run = report_request(
            year=form.cleaned_data["year"],
            user=request.user,
            local_government=form.cleaned_data["local_government"],
        )
        messages.success(request, _("The report %(year)s is being prepared.") % {"year": run.year})
        return redirect("staff:reportrun_detail", pk=run.pk)

    def render(self, form: ReportRequestForm, status: int = 200) -> HttpResponse:
        page = Paginator(report_runs_for(self.request.user), 25).get_page(
            self.request.GET.get("page")
        )
        return TemplateResponse(
            self.request,
            "reports/run_list.html",
            {
                "title": _("Annual reports"),
                "page": page,
                "form": form,
                "can_add": can(self.request.user, Action.ADD, ReportRun),
            },
            status=status,
        )


ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


class ReportRunDetailView(ReportStaffView):
    """A run: status and progress (refreshed every 2 s while it runs), error, downloads."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = get_object_or_404(report_runs_for(request.user), pk=pk)
        context: dict[str, Any] = {
            "title": str(run),
            "run": run,
            "active": run.status in ACTIVE,
            "can_publish": can(request.user, Action.CHANGE, ReportRun),
            "can_add": can(request.user, Action.ADD, ReportRun),
        }
        template = "reports/_run_status.html" if request.htmx else "reports/run_detail.html"
        return TemplateResponse(request, template, context)


class ReportRunPublishView(ReportStaffView):
    permission_action = Action.CHANGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = get_object_or_404(report_runs_for(request.user), pk=pk)
        publish = request.POST.get("published", "1") == "1"
        try:
            report_publish(run=run, user=request.user, published=publish)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The report is now on the public portal.")
                if publish
                else _("The report is no longer public."),
            )
        return redirect("staff:reportrun_detail", pk=run.pk)


class ReportRunRetryView(ReportStaffView):
    """Start the same report again (after a failure, or to refresh its figures)."""

    permission_action = Action.ADD

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = get_object_or_404(report_runs_for(request.user), pk=pk)
        new = report_request(
            year=run.year, user=request.user, local_government=run.local_government
        )
        return redirect("staff:reportrun_detail", pk=new.pk)


class ReportRunDownloadView(ReportStaffView):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        run = get_object_or_404(report_runs_for(request.user), pk=pk)
        return serve_output(run, fmt, inline=fmt == "html")


# --- public ----------------------------------------------------------------------------


def public_report_list(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "reports/public_list.html",
        {"title": _("Annual activity reports"), "reports": published_reports()},
    )


def public_report(request: HttpRequest, year: int, fmt: str = "html") -> HttpResponse:
    """The published report of a year (``?local_government=<id>`` for one of them)."""
    raw = request.GET.get("local_government")
    local_government_id = int(raw) if raw and raw.isdigit() else None
    run = published_report_for_year(year, local_government_id)
    if run is None:
        raise Http404(_("No report is published for this year."))
    return serve_output(run, fmt, inline=fmt in ("html", "pdf"))
