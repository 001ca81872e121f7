from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from intl_relations.api_base import CompactRelatedField
from organisations.models import Contact, Organisation
from partnerships.api.serializers import PartnerCityCompactSerializer
from partnerships.models import PartnerCity


class OrganisationCompactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class OrganisationSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "acronym",
            "kind",
            "status",
            "is_local",
            "country",
            "city",
            "address",
            "website",
            "email",
            "phone",
            "registration_number",
            "description",
            "published",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]


class ContactSerializer(serializers.ModelSerializer):
    organisation = CompactRelatedField(
        OrganisationCompactSerializer,
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
    )
    partner_city = CompactRelatedField(
        PartnerCityCompactSerializer,
        queryset=PartnerCity.objects.all(),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Contact
        fields = [
            "id",
            "first_name",
            "last_name",
            "position",
            "organisation",
            "partner_city",
            "email",
            "phone",
            "languages",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
