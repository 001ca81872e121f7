from django.contrib.auth.password_validation import password_validators_help_text_html
from knox.models import AuthToken
from rest_framework import serializers

from accounts.models import User
from intl_relations.api_base import CompactRelatedField
from organisations.api.serializers import OrganisationCompactSerializer
from organisations.models import Organisation


class UserSerializer(serializers.ModelSerializer):
    organisation = CompactRelatedField(
        OrganisationCompactSerializer,
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
    )
    password = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=False,
        max_length=128,
        style={"input_type": "password"},
        help_text=password_validators_help_text_html(),
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "organisation",
            "preferred_language",
            "is_active",
            "password",
            "date_joined",
            "last_login",
        ]
        read_only_fields = ["date_joined", "last_login"]


class UserCompactSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "role"]


class TokenSerializer(serializers.ModelSerializer):
    """A token as listed: never its secret, which only the login answer holds."""

    current = serializers.SerializerMethodField()

    class Meta:
        model = AuthToken
        fields = ["token_key", "user", "created", "expiry", "current"]
        read_only_fields = fields

    def get_current(self, token: AuthToken) -> bool:
        request = self.context.get("request")
        auth = getattr(request, "auth", None)
        return isinstance(auth, AuthToken) and auth.digest == token.digest


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class LoginAnswerSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Bearer <token>`.")
    token_key = serializers.CharField()
    expiry = serializers.DateTimeField(allow_null=True)
    user = UserCompactSerializer()
