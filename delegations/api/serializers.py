from django.contrib.auth import get_user_model
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from delegations.models import (
    Delegation,
    DelegationCost,
    DelegationMember,
    FollowUpAction,
    ProgrammeItem,
)
from intl_relations.api_base import CompactRelatedField, InternalFieldsMixin
from organisations.models import Organisation
from partnerships.api.serializers import (
    LocalGovernmentCompactSerializer,
    PartnerCityCompactSerializer,
    theme_codes,
)
from partnerships.models import LocalGovernment, PartnerCity, Partnership


class DelegationSerializer(InternalFieldsMixin, CountryFieldMixin, serializers.ModelSerializer):
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
    officer = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True, queryset=get_user_model().objects.all()
    )
    themes = theme_codes()
    members_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Delegation
        fields = [
            "id",
            "title",
            "direction",
            "status",
            "local_government",
            "partner_city",
            "partnership",
            "country",
            "destination",
            "starts_on",
            "ends_on",
            "purpose",
            "themes",
            "outcomes",
            "officer",
            "published",
            "members_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]
        internal_fields = ["officer"]
        validators = []


class DelegationTransitionSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=20)
    note = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class DelegationMemberSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = DelegationMember
        fields = [
            "id",
            "delegation",
            "full_name",
            "role",
            "position",
            "organisation",
            "email",
            "phone",
            "is_head",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []


class ProgrammeItemSerializer(serializers.ModelSerializer):
    host = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = ProgrammeItem
        fields = [
            "id",
            "delegation",
            "starts_at",
            "ends_at",
            "kind",
            "title",
            "location",
            "host",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class DelegationCostSerializer(serializers.ModelSerializer):
    class Meta:
        model = DelegationCost
        fields = [
            "id",
            "delegation",
            "category",
            "label",
            "amount",
            "paid_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class FollowUpActionSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "delegation",
            "description",
            "owner",
            "due_on",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
