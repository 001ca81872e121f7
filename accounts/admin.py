from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

from intl_relations.admin import PortalModelAdmin

from .choices import Role
from .models import User
from .services import _check_partner_has_organisation, token_create


class RoleRulesFormMixin:
    """The account rules of ``accounts.services``, shown on the admin form's fields."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]
        try:
            _check_partner_has_organisation(
                cleaned.get("role", self.instance.role),  # type: ignore[attr-defined]
                cleaned.get("organisation", self.instance.organisation),  # type: ignore[attr-defined]
            )
        except ValidationError as error:
            self.add_error(None, error)  # type: ignore[attr-defined]
        return cleaned


class UserCreationForm(RoleRulesFormMixin, AdminUserCreationForm):
    pass


class UserEditForm(RoleRulesFormMixin, UserChangeForm):
    pass


@admin.register(User)
class UserAdmin(PortalModelAdmin, DjangoUserAdmin):
    """Accounts and their roles: administrators only (the permission helper says so)."""

    form = UserEditForm
    add_form = UserCreationForm
    list_display = (
        "username",
        "last_name",
        "first_name",
        "email",
        "role",
        "organisation",
        "is_active",
        "last_login",
    )
    list_select_related = ("organisation",)
    list_filter = (
        "role",
        ("organisation", admin.RelatedOnlyFieldListFilter),
        "is_active",
        "is_superuser",
        "preferred_language",
    )
    search_fields = ("username", "first_name", "last_name", "email", "organisation__name")
    ordering = ("last_name", "first_name", "username")
    autocomplete_fields = ("organisation",)
    filter_horizontal = ()
    readonly_fields = ("is_staff", "last_login", "date_joined")
    history_list_display = ("role", "organisation", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("first_name", "last_name", "email", "preferred_language")},
        ),
        (
            _("Role"),
            {"fields": ("role", "organisation", "is_active", "is_superuser", "is_staff")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "usable_password",
                    "password1",
                    "password2",
                    "role",
                    "organisation",
                ),
            },
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            # Nobody takes their own role away or locks themselves out.
            fields += ("role", "is_active", "is_superuser")
        return fields

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # As in ``accounts.services``: office staff are ``is_staff``, partner members not.
        obj.is_staff = obj.role != Role.PARTNER
        super().save_model(request, obj, form, change)


class TokenCreationForm(forms.ModelForm):
    class Meta:
        model = AuthToken
        fields = ("user",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only an active account can hold a token (``accounts.services.token_create``).
        self.fields["user"].queryset = User.objects.filter(is_active=True)


class AuthTokenAdmin(PortalModelAdmin):
    """API tokens: administrators see, create and revoke them; only digests are stored."""

    list_display = ("token_key", "user", "created", "expiry")
    list_select_related = ("user",)
    list_filter = ("created", "expiry")
    search_fields = ("token_key", "user__username", "user__last_name", "user__email")
    autocomplete_fields = ("user",)
    date_hierarchy = "created"
    fields = ("user", "token_key", "created", "expiry")
    readonly_fields = ("token_key", "created", "expiry")

    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = TokenCreationForm
            kwargs["fields"] = ("user",)
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return ("user",) if obj is None else self.fields

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # A token is created or revoked, never edited.
        return False

    def save_model(self, request: HttpRequest, obj: AuthToken, form: Any, change: bool) -> None:
        token, secret = token_create(user=form.cleaned_data["user"])
        for field in AuthToken._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        self.message_user(
            request,
            _("The new token of %(user)s is %(token)s. Copy it now: it is never shown again.")
            % {"user": token.user, "token": secret},
            messages.WARNING,
        )


# knox registers its own admin; ours follows the portal's permissions.
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)
admin.site.register(AuthToken, AuthTokenAdmin)
