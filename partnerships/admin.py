from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import (
    CountryListFilter,
    LifeCycleAdminMixin,
    PortalModelAdmin,
    PortalTabularInline,
)
from organisations.admin import ContactInline

from .choices import PartnershipStatus
from .models import LocalGovernment, PartnerCity, Partnership, PartnershipDocument, Theme
from .services import partnership_change_status

COORDINATES = (_("Place"), {"fields": ("latitude", "longitude", "population")})


@admin.register(Theme)
class ThemeAdmin(PortalModelAdmin):
    """The fixed vocabulary of themes: loaded by a migration, read-only here."""

    list_display = ("__str__", "code")
    search_fields = ("code",)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        # People search by the name they read ("Santé", "Health"), which is the
        # translated label of the stored code.
        term = search_term.strip().casefold()
        if not term:
            return queryset, False
        codes = [
            theme.code for theme in queryset if term in str(theme).casefold() or term in theme.code
        ]
        return queryset.filter(code__in=codes), False


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(PortalModelAdmin):
    list_display = ("name", "kind", "country", "official_code", "population", "is_default")
    list_filter = ("kind", "is_default")
    search_fields = ("name", "official_code")
    fieldsets = (
        (None, {"fields": ("name", "kind", "country", "official_code", "is_default")}),
        COORDINATES,
    )


@admin.register(PartnerCity)
class PartnerCityAdmin(PortalModelAdmin):
    list_display = ("name", "local_name", "kind", "country", "region", "population")
    list_filter = ("kind", ("country", CountryListFilter))
    search_fields = ("name", "local_name", "region")
    inlines = (ContactInline,)
    fieldsets = (
        (None, {"fields": ("name", "local_name", "kind", "country", "region")}),
        (
            COORDINATES[0],
            {"fields": ("latitude", "longitude", "population", "population_year", "languages")},
        ),
        (_("Contact"), {"fields": ("website", "email", "phone")}),
        (_("Description"), {"fields": ("description", "notes")}),
    )


class PartnershipDocumentInline(PortalTabularInline):
    model = PartnershipDocument
    fields = ("kind", "title", "file", "dated_on", "language", "is_public")


@admin.register(Partnership)
class PartnershipAdmin(LifeCycleAdminMixin, PortalModelAdmin):
    list_display = (
        "partner_city",
        "local_government",
        "kind",
        "status",
        "signed_on",
        "review_on",
        "published",
    )
    list_select_related = ("partner_city", "local_government")
    list_filter = (
        "status",
        "kind",
        ("partner_city__country", CountryListFilter),
        "themes",
        "local_government",
        "published",
    )
    date_hierarchy = "signed_on"
    search_fields = ("partner_city__name", "partner_city__local_name", "local_government__name")
    autocomplete_fields = (
        "local_government",
        "co_holders",
        "partner_city",
        "themes",
        "co_partners",
    )
    inlines = (PartnershipDocumentInline,)
    history_list_display = ("status", "published")
    lifecycle_statuses = PartnershipStatus.choices
    fieldsets = (
        (None, {"fields": ("local_government", "co_holders", "partner_city", "kind", "status")}),
        (_("Dates"), {"fields": ("signed_on", "last_renewed_on", "review_on", "ended_on")}),
        (_("Content"), {"fields": ("themes", "co_partners", "summary", "notes", "officer")}),
        (_("Publication"), {"fields": ("published",)}),
    )

    def change_status(self, request: HttpRequest, obj: Partnership, status: str) -> None:
        partnership_change_status(partnership=obj, status=status, user=request.user)


@admin.register(PartnershipDocument)
class PartnershipDocumentAdmin(PortalModelAdmin):
    list_display = ("title", "partnership", "kind", "dated_on", "language", "is_public")
    list_select_related = ("partnership__partner_city", "partnership__local_government")
    list_filter = ("kind", "is_public")
    date_hierarchy = "dated_on"
    search_fields = ("title", "partnership__partner_city__name")
    autocomplete_fields = ("partnership",)
