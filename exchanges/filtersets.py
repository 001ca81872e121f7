"""Filters for exchange programs, applications, their documents and participants."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intl_relations.filtersets import BaseFilterSet, choice_filter, country_filter, related_filter
from organisations.models import Organisation
from partnerships.models import LocalGovernment, PartnerCity, Partnership

from .choices import (
    ApplicationStatus,
    AttachmentKind,
    ParticipantDirection,
    ParticipantRole,
    ParticipantStatus,
    ProgramKind,
)
from .models import Application, ApplicationDocument, ExchangeProgram, Participant


class ExchangeProgramFilterSet(BaseFilterSet):
    search_fields = ("title", "description", "eligibility", "partner_city__name")

    kind = choice_filter(ProgramKind.choices)
    country = country_filter("partner_city__country")
    partner_city = related_filter(PartnerCity.objects.all(), "partner_city", _("Partner city"))
    partnership = related_filter(Partnership.objects.all(), "partnership", _("Partnership"))
    local_government = related_filter(
        LocalGovernment.objects.all(), "local_government", _("Local government")
    )
    organisation = related_filter(
        Organisation.objects.all(), "host_organisations", _("Host organisation")
    )
    published = django_filters.BooleanFilter()
    open_for_applications = django_filters.BooleanFilter(
        method="filter_open", label=_("Open for applications today")
    )
    starts_after = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("Starts on or after")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("Starts on or before")
    )

    class Meta:
        model = ExchangeProgram
        fields = [
            "q",
            "kind",
            "country",
            "partner_city",
            "partnership",
            "local_government",
            "organisation",
            "published",
            "open_for_applications",
            "starts_after",
            "starts_before",
        ]

    def filter_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        today = timezone.localdate()
        window = Q(applications_open_on__lte=today, applications_close_on__gte=today)
        return queryset.filter(window if value else ~window)


class ApplicationFilterSet(BaseFilterSet):
    search_fields = ("applicant_name", "applicant_email", "motivation", "organisation__name")

    program = related_filter(ExchangeProgram.objects.all(), "program", _("Program"))
    organisation = related_filter(Organisation.objects.all(), "organisation", _("Organisation"))
    status = choice_filter(ApplicationStatus.choices)
    submitted_after = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__gte", label=_("Submitted on or after")
    )
    submitted_before = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__lte", label=_("Submitted on or before")
    )

    class Meta:
        model = Application
        fields = ["q", "program", "organisation", "status", "submitted_after", "submitted_before"]


class ApplicationDocumentFilterSet(BaseFilterSet):
    search_fields = ("original_name",)

    application = related_filter(Application.objects.all(), "application", _("Application"))
    kind = choice_filter(AttachmentKind.choices)

    class Meta:
        model = ApplicationDocument
        fields = ["q", "application", "kind"]


class ParticipantFilterSet(BaseFilterSet):
    search_fields = ("full_name", "email", "organisation__name")

    program = related_filter(ExchangeProgram.objects.all(), "program", _("Program"))
    application = related_filter(Application.objects.all(), "application", _("Application"))
    organisation = related_filter(Organisation.objects.all(), "organisation", _("Organisation"))
    role = choice_filter(ParticipantRole.choices)
    direction = choice_filter(ParticipantDirection.choices)
    status = choice_filter(ParticipantStatus.choices)
    country = country_filter("home_country", label=_("Home country"))
    departed_after = django_filters.DateFilter(
        field_name="departed_on", lookup_expr="gte", label=_("Departed on or after")
    )
    departed_before = django_filters.DateFilter(
        field_name="departed_on", lookup_expr="lte", label=_("Departed on or before")
    )

    class Meta:
        model = Participant
        fields = [
            "q",
            "program",
            "application",
            "organisation",
            "role",
            "direction",
            "status",
            "country",
            "departed_after",
            "departed_before",
        ]
