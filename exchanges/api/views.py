from pathlib import PurePath

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from exchanges.filtersets import (
    ApplicationDocumentFilterSet,
    ApplicationFilterSet,
    ExchangeProgramFilterSet,
    ParticipantFilterSet,
)
from exchanges.models import Application, ApplicationDocument, ExchangeProgram, Participant
from exchanges.selectors import (
    application_document_list,
    application_list,
    exchange_program_list,
    participant_list,
)
from exchanges.services import application_decide, application_submit, application_withdraw
from intl_relations.api_base import RecordViewSet
from intl_relations.permissions import Action
from intl_relations.services import record_create

from .serializers import (
    ApplicationDecisionSerializer,
    ApplicationDocumentSerializer,
    ApplicationSerializer,
    ExchangeProgramSerializer,
    ParticipantSerializer,
)


class ExchangeProgramViewSet(RecordViewSet):
    """Exchange programs, their capacity and application window."""

    queryset = ExchangeProgram.objects.all()
    selector = staticmethod(exchange_program_list)
    serializer_class = ExchangeProgramSerializer
    filterset_class = ExchangeProgramFilterSet
    ordering_fields = [
        "title",
        "kind",
        "applications_open_on",
        "applications_close_on",
        "starts_on",
        "capacity",
    ]
    export_fields = (
        "title",
        "kind",
        "local_government",
        "partner_city",
        "capacity",
        "max_participants_per_application",
        "applications_open_on",
        "applications_close_on",
        "starts_on",
        "ends_on",
        ("places_taken", _("Places taken")),
        ("applications_count", _("Applications")),
        "published",
    )
    export_filename = "exchange-programs"


class ApplicationViewSet(RecordViewSet):
    """Applications to exchange programs; partner members see their own."""

    queryset = Application.objects.all()
    selector = staticmethod(application_list)
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilterSet
    ordering_fields = ["submitted_at", "decided_at", "applicant_name", "status"]
    export_fields = (
        "program",
        "organisation",
        "applicant_name",
        "applicant_email",
        "participants_count",
        "preferred_start_on",
        "preferred_end_on",
        "status",
        "submitted_at",
        "decided_at",
        "decision_note",
    )
    export_filename = "applications"

    def create_record(self, data):
        # Submitting checks the program's window, group size, capacity and duplicates.
        program = data.pop("program")
        organisation = data.pop("organisation", None)
        return application_submit(
            program=program, organisation=organisation, user=self.request.user, data=data
        )

    @extend_schema(request=ApplicationDecisionSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], permission_action=Action.CHANGE)
    def decide(self, request, pk=None):
        """The office's decision; the applicant is told by e-mail."""
        application = self.get_object()
        payload = ApplicationDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        application_decide(application=application, user=request.user, **payload.validated_data)
        return Response(self.get_serializer(self._reload(application)).data)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], permission_action=Action.VIEW)
    def withdraw(self, request, pk=None):
        """The applicant withdraws their application."""
        application = application_withdraw(application=self.get_object(), user=request.user)
        return Response(self.get_serializer(self._reload(application)).data)


class ApplicationDocumentViewSet(RecordViewSet):
    """Documents attached to applications."""

    queryset = ApplicationDocument.objects.all()
    selector = staticmethod(application_document_list)
    serializer_class = ApplicationDocumentSerializer
    filterset_class = ApplicationDocumentFilterSet
    ordering_fields = ["kind", "created_at"]
    export_fields = ("application", "kind", "original_name", "created_at")
    export_filename = "application-documents"

    def create_record(self, data):
        if not data.get("original_name") and data.get("file") is not None:
            # The stored name is random (``validate_upload``); keep the one the client sent.
            sent = getattr(data["file"], "client_name", data["file"].name)
            data["original_name"] = PurePath(sent).name[:255]
        return record_create(model=ApplicationDocument, data=data, user=self.request.user)


class ParticipantViewSet(RecordViewSet):
    """People who took part in exchanges."""

    queryset = Participant.objects.all()
    selector = staticmethod(participant_list)
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilterSet
    ordering_fields = ["full_name", "status", "departed_on", "returned_on"]
    # Programme by programme in the order they were recorded, then by name: an order of
    # records, not of dates, so a client paging through sees every participant once
    # even while a programme's dates change, and page 1,000 costs what page 1 does.
    ordering = ("program_id", "full_name", "id")
    export_fields = (
        "program",
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
    export_filename = "participants"
