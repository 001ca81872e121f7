from django.contrib.auth import authenticate, logout
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from knox.models import AuthToken
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.filtersets import UserFilterSet
from accounts.models import User
from accounts.selectors import user_list
from accounts.services import token_create, token_revoke, user_create, user_update
from intl_relations.api_base import ErrorDocumentingAutoSchema, RecordViewSet
from intl_relations.permissions import Action, can

from .serializers import LoginAnswerSerializer, LoginSerializer, TokenSerializer, UserSerializer


class UserViewSet(RecordViewSet):
    """People who sign in: administrators create them and set their role and organisation."""

    queryset = User.objects.all()
    selector = staticmethod(user_list)
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
    ordering_fields = ["username", "last_name", "role", "date_joined", "last_login"]
    export_fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "organisation",
        "is_active",
        "last_login",
    )
    export_filename = "users"

    def create_record(self, data):
        return user_create(data=data, user=self.request.user)

    def update_record(self, instance, data):
        return user_update(instance=instance, data=data, user=self.request.user)

    def delete_record(self, instance):
        if instance.pk == self.request.user.pk:
            raise ValidationError({"non_field_errors": [_("You cannot delete your own account.")]})
        super().delete_record(instance)


class LoginView(APIView):
    """Exchange a username and password for an API token.

    Sign-in goes through Django's ``authenticate``, so failed attempts are counted and
    locked out like on the sign-in page.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    schema = ErrorDocumentingAutoSchema()

    @extend_schema(request=LoginSerializer, responses={200: LoginAnswerSerializer})
    def post(self, request):
        payload = LoginSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=payload.validated_data["username"],
            password=payload.validated_data["password"],
        )
        if user is None:
            if getattr(request._request, "axes_locked_out", False):
                raise exceptions.Throttled(
                    detail=_("Too many failed sign-in attempts. Try again later.")
                )
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Unable to sign in with these credentials.")]}
            )
        token, secret = token_create(user=user)
        answer = {
            "token": secret,
            "token_key": token.token_key,
            "expiry": token.expiry,
            "user": user,
        }
        return Response(LoginAnswerSerializer(answer).data)


class LogoutView(APIView):
    """Revoke the token this request is signed with (or end the session)."""

    permission_classes = [IsAuthenticated]
    schema = ErrorDocumentingAutoSchema()

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            token_revoke(token=request.auth, user=request.user)
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "user",
            OpenApiTypes.INT,
            description="Administrators: list the tokens of this user instead of their own.",
        )
    ]
)
class TokenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """One's API tokens (without their secret); revoke one by its key."""

    queryset = AuthToken.objects.all()
    serializer_class = TokenSerializer
    permission_classes = [IsAuthenticated]
    schema = ErrorDocumentingAutoSchema()
    filter_backends: list = []
    lookup_field = "token_key"
    lookup_value_regex = "[A-Za-z0-9_-]{1,64}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuthToken.objects.none()
        user = self.request.user
        tokens = AuthToken.objects.order_by("-created")
        administrator = can(user, Action.DELETE, AuthToken)
        if self.action == "list":
            wanted = self.request.query_params.get("user")
            if wanted and administrator:
                if not wanted.isdigit():
                    raise exceptions.ValidationError({"user": [_("A whole number is required.")]})
                return tokens.filter(user_id=int(wanted))
            return tokens.filter(user=user)
        return tokens if administrator else tokens.filter(user=user)

    def perform_destroy(self, instance):
        token_revoke(token=instance, user=self.request.user)
