from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from intl_relations.admin import PortalModelAdmin

from .models import Download
from .services import downloads_for


@admin.register(Download)
class DownloadAdmin(PortalModelAdmin):
    """Read-only, and only one's own, as on the staff pages: a download is asked for
    from a list, built by a worker and deleted after ``DOWNLOADS_KEEP_DAYS`` days; its
    file holds what its requester could see."""

    list_display = ("title", "format", "rows", "status", "created_at", "finished_at")
    list_filter = ("status", "format")
    search_fields = ("title",)
    exclude = ("file",)
    readonly_fields = tuple(f.name for f in Download._meta.fields if f.name not in {"id", "file"})

    def get_queryset(self, request: HttpRequest) -> Any:
        return downloads_for(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
