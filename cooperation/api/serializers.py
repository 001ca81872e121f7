from django.contrib.auth import get_user_model
from rest_framework import serializers

from cooperation.models import BudgetLine, CooperationProject, Network, NetworkMembership
from intl_relations.api_base import CompactRelatedField, InternalFieldsMixin
from organisations.models import Organisation
from partnerships.api.serializers import (
    LocalGovernmentCompactSerializer,
    PartnerCityCompactSerializer,
    theme_codes,
)
from partnerships.models import LocalGovernment, PartnerCity, Partnership

MONEY = {"max_digits": 16, "decimal_places": 2, "read_only": True}


class NetworkCompactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Network
        fields = ["id", "name", "acronym"]


class NetworkSerializer(serializers.ModelSerializer):
    members_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Network
        fields = [
            "id",
            "name",
            "acronym",
            "scope",
            "website",
            "description",
            "members_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class NetworkMembershipSerializer(serializers.ModelSerializer):
    network = CompactRelatedField(NetworkCompactSerializer, queryset=Network.objects.all())
    local_government = CompactRelatedField(
        LocalGovernmentCompactSerializer, queryset=LocalGovernment.objects.all()
    )

    class Meta:
        model = NetworkMembership
        fields = [
            "id",
            "network",
            "local_government",
            "role",
            "joined_on",
            "left_on",
            "annual_fee",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []


class CooperationProjectSerializer(InternalFieldsMixin, serializers.ModelSerializer):
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
    partners = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Organisation.objects.all()
    )
    officer = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True, queryset=get_user_model().objects.all()
    )
    themes = theme_codes()
    planned_total = serializers.DecimalField(**MONEY)
    spent_total = serializers.DecimalField(**MONEY)
    apd_total = serializers.DecimalField(**MONEY)

    class Meta:
        model = CooperationProject
        fields = [
            "id",
            "title",
            "title_en",
            "partnership",
            "partner_city",
            "local_government",
            "status",
            "themes",
            "partners",
            "starts_on",
            "ends_on",
            "objectives",
            "objectives_en",
            "results",
            "officer",
            "published",
            "planned_total",
            "spent_total",
            "apd_total",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        internal_fields = ["officer"]


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "project",
            "year",
            "label",
            "category",
            "funding_source",
            "funder",
            "planned_amount",
            "spent_amount",
            "apd_amount",
            "water_one_percent",
            "apd_heading",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
