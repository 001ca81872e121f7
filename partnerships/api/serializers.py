from django.contrib.auth import get_user_model
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from intl_relations.api_base import CompactRelatedField, DocumentFileField, InternalFieldsMixin
from organisations.models import Organisation
from partnerships.models import (
    LocalGovernment,
    PartnerCity,
    Partnership,
    PartnershipDocument,
    Theme,
)


class ThemeCodesField(serializers.SlugRelatedField):
    """Themes by their code (``water``, ``culture``…), read and written alike."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("queryset", Theme.objects.all())
        super().__init__(**kwargs)


def theme_codes(**kwargs):
    return ThemeCodesField(many=True, required=False, **kwargs)


class ThemeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_code_display", read_only=True)

    class Meta:
        model = Theme
        fields = ["id", "code", "name"]


class PartnerCityCompactSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = PartnerCity
        fields = ["id", "name", "country"]


class LocalGovernmentCompactSerializer(serializers.ModelSerializer):
    class Meta:
        model = LocalGovernment
        fields = ["id", "name"]


class LocalGovernmentSerializer(CountryFieldMixin, serializers.ModelSerializer):
    partnerships_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LocalGovernment
        fields = [
            "id",
            "name",
            "kind",
            "country",
            "official_code",
            "population",
            "latitude",
            "longitude",
            "is_default",
            "partnerships_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # constraints are checked by the service's full_clean


class PartnerCitySerializer(InternalFieldsMixin, CountryFieldMixin, serializers.ModelSerializer):
    partnerships_count = serializers.IntegerField(read_only=True)
    active_partnerships_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PartnerCity
        fields = [
            "id",
            "name",
            "local_name",
            "kind",
            "country",
            "region",
            "latitude",
            "longitude",
            "population",
            "population_year",
            "languages",
            "website",
            "email",
            "phone",
            "description",
            "notes",
            "partnerships_count",
            "active_partnerships_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        internal_fields = ["notes"]
        validators = []


class PartnershipSerializer(InternalFieldsMixin, serializers.ModelSerializer):
    local_government = CompactRelatedField(
        LocalGovernmentCompactSerializer, queryset=LocalGovernment.objects.all()
    )
    partner_city = CompactRelatedField(
        PartnerCityCompactSerializer, queryset=PartnerCity.objects.all()
    )
    co_holders = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=LocalGovernment.objects.all()
    )
    co_partners = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Organisation.objects.all()
    )
    officer = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True, queryset=get_user_model().objects.all()
    )
    themes = theme_codes()
    documents_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id",
            "local_government",
            "co_holders",
            "partner_city",
            "kind",
            "status",
            "signed_on",
            "last_renewed_on",
            "review_on",
            "ended_on",
            "themes",
            "co_partners",
            "summary",
            "notes",
            "officer",
            "published",
            "documents_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]
        internal_fields = ["notes", "officer"]
        validators = []


class PartnershipTransitionSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=20)
    note = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False, allow_null=True, default=None)


class PartnershipRenewSerializer(serializers.Serializer):
    renewed_on = serializers.DateField()
    next_review_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class PartnershipDocumentSerializer(serializers.ModelSerializer):
    file = DocumentFileField()

    class Meta:
        model = PartnershipDocument
        fields = [
            "id",
            "partnership",
            "kind",
            "title",
            "file",
            "dated_on",
            "language",
            "is_public",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
