from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import PortalModelAdmin

from .models import ReportHighlight, ReportRun


@admin.register(ReportRun)
class ReportRunAdmin(PortalModelAdmin):
    """Report runs are started from the staff pages or the API, which enqueue the job;
    here staff follow them and publish a finished one."""

    list_display = (
        "__str__",
        "local_government",
        "status",
        "progress",
        "requested_by",
        "finished_at",
        "published",
    )
    list_select_related = ("local_government", "requested_by")
    list_filter = ("status", "year", "published")
    search_fields = ("year", "local_government__name")
    readonly_fields = (
        "year",
        "local_government",
        "status",
        "progress",
        "progress_message",
        "requested_by",
        "started_at",
        "finished_at",
        "attempts",
        "error",
        "html_file",
        "pdf_file",
        "xlsx_file",
        "figures",
        "published_at",
    )
    fieldsets = (
        (None, {"fields": ("year", "local_government", "requested_by")}),
        (
            _("Progress"),
            {
                "fields": (
                    "status",
                    "progress",
                    "progress_message",
                    "started_at",
                    "finished_at",
                    "attempts",
                    "error",
                )
            },
        ),
        (_("Outputs"), {"fields": ("html_file", "pdf_file", "xlsx_file", "figures")}),
        (_("Publication"), {"fields": ("published", "published_at")}),
    )

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ReportHighlight)
class ReportHighlightAdmin(PortalModelAdmin):
    list_display = ("title", "year", "position")
    list_filter = ("year",)
    search_fields = ("title", "text")
    fields = ("year", "position", "title", "text")
