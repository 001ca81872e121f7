"""Read-only shapes of the insight endpoints."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from insight.choices import Verdict
from insight.health import health_reasons, suggested_action
from partnerships.api.serializers import (
    LocalGovernmentCompactSerializer,
    PartnerCityCompactSerializer,
)
from partnerships.models import PartnerCity, Partnership


class SuggestedActionSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("The next step, in the reader's language."))
    url = serializers.CharField(help_text=_("The staff page where it is taken."))


class PartnershipHealthSerializer(serializers.ModelSerializer):
    """A partnership's last activity per source, its activity counts and its verdict."""

    partner_city = PartnerCityCompactSerializer(read_only=True)
    local_government = LocalGovernmentCompactSerializer(read_only=True)
    verdict = serializers.ChoiceField(choices=Verdict.choices, read_only=True)
    last_activity = serializers.DateField(read_only=True, allow_null=True)
    last_delegation_in = serializers.DateField(read_only=True, allow_null=True)
    last_delegation_out = serializers.DateField(read_only=True, allow_null=True)
    last_exchange = serializers.DateField(read_only=True, allow_null=True)
    last_spending = serializers.DateField(read_only=True, allow_null=True)
    last_follow_up = serializers.DateField(read_only=True, allow_null=True)
    last_document = serializers.DateField(read_only=True, allow_null=True)
    last_contact = serializers.DateField(read_only=True, allow_null=True)
    last_agreement = serializers.DateField(read_only=True, allow_null=True)
    activity_1y = serializers.IntegerField(read_only=True)
    activity_3y = serializers.IntegerField(read_only=True)
    activity_5y = serializers.IntegerField(read_only=True)
    reasons = serializers.SerializerMethodField()
    suggested_action = serializers.SerializerMethodField()

    class Meta:
        model = Partnership
        fields = [
            "id",
            "partner_city",
            "local_government",
            "kind",
            "status",
            "review_on",
            "verdict",
            "last_activity",
            "last_delegation_in",
            "last_delegation_out",
            "last_exchange",
            "last_spending",
            "last_follow_up",
            "last_document",
            "last_contact",
            "last_agreement",
            "activity_1y",
            "activity_3y",
            "activity_5y",
            "reasons",
            "suggested_action",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_reasons(self, obj: Any) -> list[str]:
        return health_reasons(obj)

    @extend_schema_field(SuggestedActionSerializer(allow_null=True))
    def get_suggested_action(self, obj: Any) -> dict[str, str] | None:
        step = suggested_action(obj)
        return {"label": step.label, "url": step.url} if step else None


class PartnerCityReciprocitySerializer(CountryFieldMixin, serializers.ModelSerializer):
    """A partner city and the balance of what went each way over the period asked."""

    delegations_received = serializers.IntegerField(read_only=True)
    delegations_sent = serializers.IntegerField(read_only=True)
    delegation_balance = serializers.IntegerField(
        read_only=True, help_text=_("Delegations received minus delegations sent.")
    )
    people_received = serializers.IntegerField(read_only=True)
    people_sent = serializers.IntegerField(read_only=True)
    participants_received = serializers.IntegerField(read_only=True)
    participants_sent = serializers.IntegerField(read_only=True)
    exchange_balance = serializers.IntegerField(
        read_only=True, help_text=_("Exchange participants received minus sent.")
    )
    city_paid_hosting = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        help_text=_("Costs of incoming delegations paid by the city (EUR)."),
    )
    city_paid_travel = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        help_text=_("Costs of outgoing delegations paid by the city (EUR)."),
    )
    paid_by_others = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        help_text=_("Delegation costs paid by someone else: the partner or another funder."),
    )
    cooperation_spent = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        help_text=_("Spent on cooperation projects with the partner city (EUR)."),
    )

    class Meta:
        model = PartnerCity
        fields = [
            "id",
            "name",
            "country",
            "region",
            "delegations_received",
            "delegations_sent",
            "delegation_balance",
            "people_received",
            "people_sent",
            "participants_received",
            "participants_sent",
            "exchange_balance",
            "city_paid_hosting",
            "city_paid_travel",
            "paid_by_others",
            "cooperation_spent",
        ]
        read_only_fields = fields
