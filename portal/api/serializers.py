from rest_framework import serializers

from intl_relations.api_base import InternalFieldsMixin
from organisations.models import Organisation
from partnerships.api.serializers import theme_codes
from portal.models import Proposal


class ProposalSerializer(InternalFieldsMixin, serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    themes = theme_codes()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "partner_city_name",
            "themes",
            "organisation",
            "organisation_name",
            "contact_name",
            "contact_email",
            "submitted_by",
            "status",
            "staff_notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["submitted_by", "created_at", "updated_at"]
        internal_fields = ["staff_notes"]
