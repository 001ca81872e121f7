"""Reads of exchange programs, applications, documents and participants."""

from collections.abc import Mapping
from typing import Any

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from intl_relations.permissions import Action
from intl_relations.selectors import apply_filters, count_of, scoped

from .choices import ApplicationStatus
from .filtersets import (
    ApplicationDocumentFilterSet,
    ApplicationFilterSet,
    ExchangeProgramFilterSet,
    ParticipantFilterSet,
)
from .models import Application, ApplicationDocument, ExchangeProgram, Participant


def accepted_participants(program_ref: Any = None) -> Coalesce:
    """Participants of the program's accepted applications (the places taken)."""
    taken = (
        Application.objects.filter(
            program=program_ref if program_ref is not None else OuterRef("pk"),
            status=ApplicationStatus.ACCEPTED,
        )
        .order_by()
        .values("program")
        .annotate(total=Sum("participants_count"))
        .values("total")
    )
    return Coalesce(Subquery(taken, output_field=IntegerField()), 0)


def exchange_program_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[ExchangeProgram]:
    qs = (
        scoped(ExchangeProgram.objects.all(), user, action)
        .select_related("partner_city", "local_government", "partnership")
        .prefetch_related("host_organisations")
        .annotate(
            places_taken=accepted_participants(),
            applications_count=count_of(scoped(Application.objects.all(), user), "program"),
        )
    )
    return apply_filters(qs, ExchangeProgramFilterSet, filters)


def application_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Application]:
    qs = (
        scoped(Application.objects.all(), user, action)
        .select_related("program", "organisation", "submitted_by", "decided_by")
        .annotate(documents_count=count_of(ApplicationDocument.objects.all(), "application"))
    )
    return apply_filters(qs, ApplicationFilterSet, filters)


def application_document_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[ApplicationDocument]:
    qs = scoped(ApplicationDocument.objects.select_related("application"), user, action)
    return apply_filters(qs, ApplicationDocumentFilterSet, filters)


def participant_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Participant]:
    qs = scoped(
        Participant.objects.select_related("program", "organisation", "application"),
        user,
        action,
    )
    return apply_filters(qs, ParticipantFilterSet, filters)
