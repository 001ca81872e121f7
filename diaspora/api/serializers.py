from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from diaspora.models import Consulate, DiasporaGroup
from intl_relations.api_base import CompactRelatedField, InternalFieldsMixin
from organisations.models import Organisation
from partnerships.api.serializers import LocalGovernmentCompactSerializer
from partnerships.models import LocalGovernment, Partnership


class ConsulateSerializer(InternalFieldsMixin, CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Consulate
        fields = [
            "id",
            "country",
            "kind",
            "consul_name",
            "consul_title",
            "address",
            "city",
            "jurisdiction",
            "email",
            "phone",
            "website",
            "opening_hours",
            "notes",
            "published",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        internal_fields = ["notes"]
        validators = []


class DiasporaGroupSerializer(CountryFieldMixin, serializers.ModelSerializer):
    local_government = CompactRelatedField(
        LocalGovernmentCompactSerializer, queryset=LocalGovernment.objects.all()
    )
    associations = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Organisation.objects.all()
    )
    consulates = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Consulate.objects.all()
    )
    partnerships = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Partnership.objects.all()
    )

    class Meta:
        model = DiasporaGroup
        fields = [
            "id",
            "name",
            "origin_country",
            "estimated_size",
            "size_source",
            "size_year",
            "local_government",
            "associations",
            "consulates",
            "partnerships",
            "description",
            "published",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []
