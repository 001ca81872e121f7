from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from exchanges.models import Application, ApplicationDocument, ExchangeProgram, Participant
from intl_relations.api_base import CompactRelatedField, DocumentFileField
from organisations.api.serializers import OrganisationCompactSerializer
from organisations.models import Organisation
from partnerships.api.serializers import (
    LocalGovernmentCompactSerializer,
    PartnerCityCompactSerializer,
)
from partnerships.models import LocalGovernment, PartnerCity, Partnership


class ExchangeProgramCompactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExchangeProgram
        fields = ["id", "title"]


class ExchangeProgramSerializer(serializers.ModelSerializer):
    local_government = CompactRelatedField(
        LocalGovernmentCompactSerializer, queryset=LocalGovernment.objects.all()
    )
    partner_city = CompactRelatedField(
        PartnerCityCompactSerializer,
        queryset=PartnerCity.objects.all(),
        required=False,
        allow_null=True,
    )
    partnership = serializers.PrimaryKeyRelatedField(
        queryset=Partnership.objects.all(), required=False, allow_null=True
    )
    host_organisations = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Organisation.objects.all()
    )
    places_taken = serializers.IntegerField(
        read_only=True, help_text="Participants of the accepted applications."
    )
    places_left = serializers.SerializerMethodField()
    applications_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ExchangeProgram
        fields = [
            "id",
            "title",
            "kind",
            "local_government",
            "partner_city",
            "partnership",
            "host_organisations",
            "capacity",
            "max_participants_per_application",
            "applications_open_on",
            "applications_close_on",
            "starts_on",
            "ends_on",
            "eligibility",
            "description",
            "published",
            "places_taken",
            "places_left",
            "applications_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_places_left(self, program: ExchangeProgram) -> int:
        return max(program.capacity - getattr(program, "places_taken", 0), 0)


class ApplicationSerializer(serializers.ModelSerializer):
    program = CompactRelatedField(
        ExchangeProgramCompactSerializer, queryset=ExchangeProgram.objects.all()
    )
    organisation = CompactRelatedField(
        OrganisationCompactSerializer,
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
    )
    documents_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "program",
            "organisation",
            "submitted_by",
            "applicant_name",
            "applicant_email",
            "motivation",
            "participants_count",
            "preferred_start_on",
            "preferred_end_on",
            "status",
            "submitted_at",
            "decided_at",
            "decided_by",
            "decision_note",
            "documents_count",
            "updated_at",
        ]
        read_only_fields = [
            "submitted_by",
            "status",
            "submitted_at",
            "decided_at",
            "decided_by",
            "decision_note",
            "updated_at",
        ]
        validators = []  # the services check the one-application-per-person rule


class ApplicationDecisionSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=20)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ApplicationDocumentSerializer(serializers.ModelSerializer):
    file = DocumentFileField()

    class Meta:
        model = ApplicationDocument
        fields = ["id", "application", "kind", "file", "original_name", "created_at"]
        read_only_fields = ["created_at"]


class ParticipantSerializer(CountryFieldMixin, serializers.ModelSerializer):
    program = CompactRelatedField(
        ExchangeProgramCompactSerializer, queryset=ExchangeProgram.objects.all()
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    application = serializers.PrimaryKeyRelatedField(
        queryset=Application.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Participant
        fields = [
            "id",
            "program",
            "application",
            "full_name",
            "email",
            "organisation",
            "role",
            "direction",
            "home_country",
            "status",
            "departed_on",
            "returned_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
