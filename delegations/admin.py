from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import (
    CountryListFilter,
    LifeCycleAdminMixin,
    PortalModelAdmin,
    PortalTabularInline,
)

from .choices import DelegationStatus
from .models import Delegation, DelegationCost, DelegationMember, FollowUpAction, ProgrammeItem
from .services import delegation_change_status

MEMBER_FIELDS = ("full_name", "role", "position", "organisation", "email", "phone", "is_head")
PROGRAMME_FIELDS = ("starts_at", "ends_at", "kind", "title", "location", "host")
COST_FIELDS = ("category", "label", "amount", "paid_by")
FOLLOW_UP_FIELDS = ("description", "owner", "due_on", "status")


class DelegationMemberInline(PortalTabularInline):
    model = DelegationMember
    fields = MEMBER_FIELDS
    autocomplete_fields = ("organisation",)


class ProgrammeItemInline(PortalTabularInline):
    model = ProgrammeItem
    fields = PROGRAMME_FIELDS
    autocomplete_fields = ("host",)


class DelegationCostInline(PortalTabularInline):
    model = DelegationCost
    fields = COST_FIELDS


class FollowUpActionInline(PortalTabularInline):
    model = FollowUpAction
    fields = FOLLOW_UP_FIELDS


@admin.register(Delegation)
class DelegationAdmin(LifeCycleAdminMixin, PortalModelAdmin):
    list_display = (
        "title",
        "direction",
        "status",
        "country",
        "partner_city",
        "starts_on",
        "ends_on",
        "published",
    )
    list_select_related = ("partner_city",)
    list_filter = (
        "direction",
        "status",
        ("country", CountryListFilter),
        "themes",
        "local_government",
        "published",
    )
    date_hierarchy = "starts_on"
    search_fields = ("title", "destination", "purpose", "partner_city__name")
    autocomplete_fields = ("local_government", "partner_city", "partnership", "themes")
    inlines = (
        DelegationMemberInline,
        ProgrammeItemInline,
        DelegationCostInline,
        FollowUpActionInline,
    )
    history_list_display = ("status", "published")
    lifecycle_statuses = DelegationStatus.choices
    fieldsets = (
        (None, {"fields": ("title", "direction", "status", "starts_on", "ends_on")}),
        (
            _("Where and with whom"),
            {
                "fields": (
                    "local_government",
                    "partner_city",
                    "partnership",
                    "country",
                    "destination",
                )
            },
        ),
        (_("Content"), {"fields": ("purpose", "themes", "outcomes", "officer")}),
        (_("Publication"), {"fields": ("published",)}),
    )

    def change_status(self, request: HttpRequest, obj: Delegation, status: str) -> None:
        delegation_change_status(delegation=obj, status=status, user=request.user)


class DelegationPartAdmin(PortalModelAdmin):
    """Base of the admins of a delegation's parts, usually edited inline."""

    list_select_related = ("delegation",)
    autocomplete_fields = ("delegation",)


@admin.register(DelegationMember)
class DelegationMemberAdmin(DelegationPartAdmin):
    list_display = ("full_name", "delegation", "role", "position", "organisation", "is_head")
    list_select_related = ("delegation", "organisation")
    list_filter = ("role", "is_head")
    search_fields = ("full_name", "email", "position", "delegation__title")
    autocomplete_fields = ("delegation", "organisation")
    fields = ("delegation", *MEMBER_FIELDS)


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(DelegationPartAdmin):
    list_display = ("title", "delegation", "kind", "starts_at", "location", "host")
    list_select_related = ("delegation", "host")
    list_filter = ("kind",)
    date_hierarchy = "starts_at"
    search_fields = ("title", "location", "delegation__title")
    autocomplete_fields = ("delegation", "host")
    fields = ("delegation", *PROGRAMME_FIELDS, "notes")


@admin.register(DelegationCost)
class DelegationCostAdmin(DelegationPartAdmin):
    list_display = ("label", "delegation", "category", "amount", "paid_by")
    list_filter = ("category",)
    search_fields = ("label", "paid_by", "delegation__title")
    fields = ("delegation", *COST_FIELDS)


@admin.register(FollowUpAction)
class FollowUpActionAdmin(DelegationPartAdmin):
    list_display = ("description", "delegation", "owner", "due_on", "status")
    list_select_related = ("delegation", "owner")
    list_filter = ("status",)
    date_hierarchy = "due_on"
    search_fields = ("description", "delegation__title")
    fields = ("delegation", *FOLLOW_UP_FIELDS)
