"""The staff's own downloads: their list, one download's page (refreshed while it is
prepared), and its file."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from intl_relations.staff.access import StaffAccessMixin

from .models import Download
from .services import download_if_big, downloads_for

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def later_if_big(
    request: HttpRequest, fmt: str, rows: QuerySet | int, *, title: str
) -> HttpResponse | None:
    """When the download of ``rows`` is too big to build now: queue it and send the
    browser to its page. None when the list may write the file at once."""
    download = download_if_big(request, fmt, rows, title=title)
    if download is None:
        return None
    return redirect("staff:download_detail", pk=download.pk)


def file_response(download: Download) -> FileResponse:
    """The download's file, as an attachment; 404 when it is not (or no longer) there."""
    if not download.file.name or not download.file.storage.exists(download.file.name):
        raise Http404(_("This file is not available."))
    return FileResponse(
        download.file.open("rb"),
        content_type=CONTENT_TYPES[download.format],
        as_attachment=True,
        filename=download.file.name.rsplit("/", 1)[-1],
    )


class DownloadStaffView(StaffAccessMixin, View):
    model = Download


class DownloadListView(DownloadStaffView):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(downloads_for(request.user), 25).get_page(request.GET.get("page"))
        context = {
            "title": _("My downloads"),
            "page": page,
            "active": any(d.active for d in page.object_list),
            "keep_days": settings.DOWNLOADS_KEEP_DAYS,
        }
        return TemplateResponse(request, "downloads/list.html", context)


class DownloadDetailView(DownloadStaffView):
    """Its status, refreshed every 2 s while it is prepared; then its file."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        download = get_object_or_404(downloads_for(request.user), pk=pk)
        context = {"title": str(download), "download": download}
        template = "downloads/_status.html" if request.htmx else "downloads/detail.html"
        return TemplateResponse(request, template, context)


class DownloadFileView(DownloadStaffView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return file_response(get_object_or_404(downloads_for(request.user), pk=pk))
