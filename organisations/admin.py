from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import (
    CountryListFilter,
    LifeCycleAdminMixin,
    PortalModelAdmin,
    PortalTabularInline,
)

from .choices import OrganisationStatus
from .models import Contact, Organisation
from .services import organisation_approve, organisation_reject


class ContactInline(PortalTabularInline):
    model = Contact
    fields = ("first_name", "last_name", "position", "email", "phone", "languages")


@admin.register(Organisation)
class OrganisationAdmin(LifeCycleAdminMixin, PortalModelAdmin):
    list_display = ("name", "acronym", "kind", "city", "country", "status", "published")
    list_filter = ("kind", "status", "is_local", ("country", CountryListFilter), "published")
    search_fields = ("name", "acronym", "city", "registration_number", "email")
    inlines = (ContactInline,)
    history_list_display = ("status", "published")
    # A registration made on the public portal is approved or rejected, once.
    lifecycle_statuses = [
        (status, OrganisationStatus(status).label)
        for status in (OrganisationStatus.APPROVED, OrganisationStatus.REJECTED)
    ]
    fieldsets = (
        (None, {"fields": ("name", "acronym", "kind", "registration_number", "description")}),
        (
            _("Address and contact"),
            {"fields": ("is_local", "country", "city", "address", "website", "email", "phone")},
        ),
        (_("Registration and publication"), {"fields": ("status", "published")}),
    )

    def change_status(self, request: HttpRequest, obj: Organisation, status: str) -> None:
        if status == OrganisationStatus.APPROVED:
            organisation_approve(organisation=obj, user=request.user)
        else:
            organisation_reject(organisation=obj, user=request.user)


@admin.register(Contact)
class ContactAdmin(PortalModelAdmin):
    list_display = ("last_name", "first_name", "position", "organisation", "partner_city", "email")
    list_select_related = ("organisation", "partner_city")
    search_fields = ("last_name", "first_name", "email", "organisation__name", "partner_city__name")
    autocomplete_fields = ("organisation", "partner_city")
    fieldsets = (
        (None, {"fields": ("first_name", "last_name", "position")}),
        (_("Works for"), {"fields": ("organisation", "partner_city")}),
        (_("Contact details"), {"fields": ("email", "phone", "languages")}),
        (_("Notes"), {"fields": ("notes",)}),
    )
