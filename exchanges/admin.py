from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import (
    CountryListFilter,
    LifeCycleAdminMixin,
    PortalModelAdmin,
    PortalTabularInline,
)

from .choices import ApplicationStatus
from .models import Application, ApplicationDocument, ExchangeProgram, Participant
from .services import application_decide, application_withdraw

PARTICIPANT_FIELDS = (
    "full_name",
    "email",
    "organisation",
    "role",
    "direction",
    "home_country",
    "status",
    "departed_on",
    "returned_on",
)


class ParticipantInline(PortalTabularInline):
    model = Participant
    fields = PARTICIPANT_FIELDS
    autocomplete_fields = ("organisation",)


class ApplicationDocumentInline(PortalTabularInline):
    model = ApplicationDocument
    fields = ("kind", "file", "original_name")


@admin.register(ExchangeProgram)
class ExchangeProgramAdmin(PortalModelAdmin):
    list_display = (
        "title",
        "kind",
        "partner_city",
        "capacity",
        "applications_open_on",
        "applications_close_on",
        "published",
    )
    list_select_related = ("partner_city",)
    list_filter = ("kind", "local_government", "published")
    date_hierarchy = "applications_open_on"
    search_fields = ("title", "description", "partner_city__name")
    autocomplete_fields = ("local_government", "partner_city", "partnership", "host_organisations")
    inlines = (ParticipantInline,)
    history_list_display = ("capacity", "published")
    fieldsets = (
        (None, {"fields": ("title", "kind", "description", "eligibility")}),
        (
            _("With whom"),
            {"fields": ("local_government", "partner_city", "partnership", "host_organisations")},
        ),
        (
            _("Applications"),
            {
                "fields": (
                    "capacity",
                    "max_participants_per_application",
                    "applications_open_on",
                    "applications_close_on",
                )
            },
        ),
        (_("Exchange dates"), {"fields": ("starts_on", "ends_on")}),
        (_("Publication"), {"fields": ("published",)}),
    )


@admin.register(Application)
class ApplicationAdmin(LifeCycleAdminMixin, PortalModelAdmin):
    """Applications are reviewed here; they are submitted on the portal, the staff pages
    or the API, where the program's window, group size and capacity are checked."""

    list_display = (
        "applicant_name",
        "program",
        "organisation",
        "participants_count",
        "status",
        "submitted_at",
        "decided_at",
    )
    list_select_related = ("program", "organisation")
    list_filter = ("status", "program__kind", "program")
    date_hierarchy = "submitted_at"
    search_fields = ("applicant_name", "applicant_email", "organisation__name", "program__title")
    autocomplete_fields = ("organisation",)
    readonly_fields = (
        "program",
        "participants_count",
        "submitted_by",
        "submitted_at",
        "decided_at",
        "decided_by",
        "decision_note",
    )
    inlines = (ApplicationDocumentInline, ParticipantInline)
    history_list_display = ("status", "decided_by")
    lifecycle_statuses = [
        (status, label)
        for status, label in ApplicationStatus.choices
        if status != ApplicationStatus.SUBMITTED
    ]
    fieldsets = (
        (None, {"fields": ("program", "organisation", "participants_count")}),
        (
            _("Applicant"),
            {
                "fields": (
                    "applicant_name",
                    "applicant_email",
                    "motivation",
                    "preferred_start_on",
                    "preferred_end_on",
                )
            },
        ),
        (
            _("Decision"),
            {
                "fields": (
                    "status",
                    "submitted_by",
                    "submitted_at",
                    "decided_at",
                    "decided_by",
                    "decision_note",
                )
            },
        ),
    )

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # The participants of an application take part in the application's program.
        if formset.model is Participant:
            for participant_form in formset.forms:
                participant_form.instance.program_id = form.instance.program_id
        super().save_formset(request, form, formset, change)

    def change_status(self, request: HttpRequest, obj: Application, status: str) -> None:
        if status == ApplicationStatus.WITHDRAWN:
            application_withdraw(application=obj, user=request.user)
        else:
            application_decide(application=obj, status=status, user=request.user)


@admin.register(ApplicationDocument)
class ApplicationDocumentAdmin(PortalModelAdmin):
    list_display = ("__str__", "application", "kind", "created_at")
    list_select_related = ("application__program",)
    list_filter = ("kind",)
    search_fields = ("original_name", "application__applicant_name")
    autocomplete_fields = ("application",)
    fields = ("application", "kind", "file", "original_name")


@admin.register(Participant)
class ParticipantAdmin(PortalModelAdmin):
    list_display = ("full_name", "program", "organisation", "role", "direction", "status")
    list_select_related = ("program", "organisation")
    list_filter = ("status", "role", "direction", ("home_country", CountryListFilter))
    date_hierarchy = "departed_on"
    search_fields = ("full_name", "email", "program__title")
    autocomplete_fields = ("program", "application", "organisation")
    fieldsets = (
        (None, {"fields": ("program", "application", "status")}),
        (_("Person"), {"fields": ("full_name", "email", "organisation", "role", "home_country")}),
        (_("Journey"), {"fields": ("direction", "departed_on", "returned_on")}),
    )
