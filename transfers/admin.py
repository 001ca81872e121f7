"""Imports in the admin: the jobs, read only, with a link to the staff import pages.

Uploading goes through the staff pages (the same preview, confirm and report as the
API), so the admin does not keep a second import path to maintain.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.choices import Role
from intl_relations.admin import RolePermissionsMixin
from intl_relations.permissions import is_staff_role, role_of

from .models import ImportJob, SavedMapping


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = (
        "original_name",
        "kind",
        "status",
        "created_count",
        "changed_count",
        "rejected_count",
        "requested_by",
        "created_at",
        "staff_page",
    )
    list_filter = ("kind", "status")
    search_fields = ("original_name",)
    exclude = ("report",)
    change_list_template = "admin/transfers/importjob/change_list.html"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in ImportJob._meta.concrete_fields if f.name != "report"]

    @admin.display(description=_("Preview and report"))
    def staff_page(self, job: ImportJob) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("staff:import_detail", args=[job.pk]),
            pgettext_lazy("link", "Open"),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_staff_role(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return role_of(request.user) == Role.ADMINISTRATOR


@admin.register(SavedMapping)
class SavedMappingAdmin(RolePermissionsMixin, admin.ModelAdmin):
    """Saved mappings are made on the staff mapping step; here they are renamed or deleted.

    Their columns and values stay read only: the mapping step checks them against the
    kind's fields, this page would not.
    """

    list_display = ("name", "kind", "created_by", "updated_at")
    list_filter = ("kind",)
    search_fields = ("name",)
    readonly_fields = ("kind", "mapping", "constants", "created_by", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
