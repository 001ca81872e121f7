from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import CountryListFilter, PortalModelAdmin

from .models import Consulate, DiasporaGroup


@admin.register(Consulate)
class ConsulateAdmin(PortalModelAdmin):
    list_display = ("__str__", "country", "kind", "consul_name", "city", "published")
    list_filter = (("country", CountryListFilter), "kind", "city", "published")
    search_fields = ("consul_name", "city", "jurisdiction")
    history_list_display = ("consul_name", "published")
    fieldsets = (
        (None, {"fields": ("country", "kind", "consul_name", "consul_title")}),
        (_("Where"), {"fields": ("address", "city", "jurisdiction", "opening_hours")}),
        (_("Contact"), {"fields": ("email", "phone", "website")}),
        (_("Notes and publication"), {"fields": ("notes", "published")}),
    )


@admin.register(DiasporaGroup)
class DiasporaGroupAdmin(PortalModelAdmin):
    list_display = (
        "name",
        "origin_country",
        "estimated_size",
        "size_source",
        "size_year",
        "local_government",
        "published",
    )
    list_select_related = ("local_government",)
    list_filter = (("origin_country", CountryListFilter), "size_source", "published")
    search_fields = ("name", "description")
    autocomplete_fields = ("local_government", "associations", "consulates", "partnerships")
    history_list_display = ("estimated_size", "published")
    fieldsets = (
        (None, {"fields": ("name", "origin_country", "local_government", "description")}),
        (_("Estimated size"), {"fields": ("estimated_size", "size_source", "size_year")}),
        (_("Links"), {"fields": ("associations", "consulates", "partnerships")}),
        (_("Publication"), {"fields": ("published",)}),
    )
