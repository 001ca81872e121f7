from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import PortalModelAdmin, PortalTabularInline

from .models import BudgetLine, CooperationProject, Network, NetworkMembership

MEMBERSHIP_FIELDS = ("role", "joined_on", "left_on", "annual_fee")
BUDGET_FIELDS = (
    "year",
    "label",
    "category",
    "funding_source",
    "funder",
    "planned_amount",
    "spent_amount",
    "apd_amount",
    "water_one_percent",
    "apd_heading",
)


class NetworkMembershipInline(PortalTabularInline):
    model = NetworkMembership
    fields = ("local_government", *MEMBERSHIP_FIELDS)
    autocomplete_fields = ("local_government",)


@admin.register(Network)
class NetworkAdmin(PortalModelAdmin):
    list_display = ("name", "acronym", "scope", "website")
    list_filter = ("scope",)
    search_fields = ("name", "acronym")
    inlines = (NetworkMembershipInline,)
    fieldsets = ((None, {"fields": ("name", "acronym", "scope", "website", "description")}),)


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(PortalModelAdmin):
    list_display = ("network", "local_government", *MEMBERSHIP_FIELDS)
    list_select_related = ("network", "local_government")
    list_filter = ("role", "network", "local_government")
    search_fields = ("network__name", "network__acronym", "local_government__name")
    autocomplete_fields = ("network", "local_government")
    fieldsets = (
        (None, {"fields": ("network", "local_government", "role")}),
        (_("Membership"), {"fields": ("joined_on", "left_on", "annual_fee", "notes")}),
    )


class BudgetLineInline(PortalTabularInline):
    model = BudgetLine
    fields = BUDGET_FIELDS


@admin.register(CooperationProject)
class CooperationProjectAdmin(PortalModelAdmin):
    list_display = (
        "title",
        "partner_city",
        "local_government",
        "status",
        "starts_on",
        "ends_on",
        "published",
    )
    list_select_related = ("partner_city", "local_government")
    list_filter = ("status", "themes", "local_government", "published")
    date_hierarchy = "starts_on"
    search_fields = ("title", "partner_city__name", "objectives")
    autocomplete_fields = ("partnership", "partner_city", "local_government", "themes", "partners")
    inlines = (BudgetLineInline,)
    history_list_display = ("status", "published")
    fieldsets = (
        (None, {"fields": ("title", "title_en", "status", "starts_on", "ends_on", "officer")}),
        (
            _("With whom"),
            {"fields": ("local_government", "partnership", "partner_city", "partners")},
        ),
        (_("Content"), {"fields": ("themes", "objectives", "objectives_en", "results")}),
        (_("Publication"), {"fields": ("published",)}),
    )


@admin.register(BudgetLine)
class BudgetLineAdmin(PortalModelAdmin):
    list_display = (
        "project",
        "year",
        "label",
        "funding_source",
        "planned_amount",
        "spent_amount",
        "apd_amount",
        "water_one_percent",
    )
    list_select_related = ("project",)
    list_filter = ("year", "category", "apd_heading", "funding_source", "water_one_percent")
    search_fields = ("label", "funder", "project__title")
    autocomplete_fields = ("project",)
    fieldsets = (
        (None, {"fields": ("project", "year", "label", "category")}),
        (_("Funding"), {"fields": ("funding_source", "funder")}),
        (
            _("Amounts"),
            {
                "fields": (
                    "planned_amount",
                    "spent_amount",
                    "apd_amount",
                    "water_one_percent",
                    "apd_heading",
                )
            },
        ),
    )
