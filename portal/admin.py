from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import PortalModelAdmin

from .models import Proposal


@admin.register(Proposal)
class ProposalAdmin(PortalModelAdmin):
    list_display = ("title", "kind", "organisation", "contact_name", "status", "created_at")
    list_select_related = ("organisation",)
    list_filter = ("status", "kind", "themes")
    date_hierarchy = "created_at"
    search_fields = ("title", "description", "contact_name", "contact_email", "organisation__name")
    autocomplete_fields = ("organisation", "themes")
    readonly_fields = ("submitted_by", "created_at")
    history_list_display = ("status",)
    fieldsets = (
        (None, {"fields": ("kind", "title", "description", "partner_city_name", "themes")}),
        (
            _("Proposed by"),
            {
                "fields": (
                    "organisation",
                    "organisation_name",
                    "contact_name",
                    "contact_email",
                    "submitted_by",
                    "created_at",
                )
            },
        ),
        (_("Follow-up by the office"), {"fields": ("status", "staff_notes")}),
    )
