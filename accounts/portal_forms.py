"""Forms of the partner organisations' accounts on the public portal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from portal.public_forms import HoneypotMixin

PROFILE_FIELDS = [
    "name",
    "acronym",
    "kind",
    "country",
    "city",
    "address",
    "website",
    "email",
    "phone",
    "registration_number",
    "description",
]


class OrganisationFieldsForm(forms.ModelForm):
    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        autocomplete = {
            "name": "organization",
            "email": "email",
            "phone": "tel",
            "website": "url",
            "address": "street-address",
            "city": "address-level2",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]


class OrganisationProfileForm(OrganisationFieldsForm):
    """What a member keeps up to date: the organisation's details, not its status."""


class RegistrationForm(HoneypotMixin, OrganisationFieldsForm):
    """An organisation's details and its first member's account, in one form."""

    first_name = forms.CharField(
        label=_("Your first name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Your last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    member_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("You sign in with it; we send a confirmation link there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(
        label=_("I agree that the office keeps these details to handle our registration."),
    )

    ORGANISATION_FIELDS = PROFILE_FIELDS
    MEMBER_FIELDS = ("first_name", "last_name", "member_email", "password1", "password2")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data

    def _post_clean(self) -> None:
        # The organisation is built by the service, not by ModelForm.save().
        pass

    def organisation_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.ORGANISATION_FIELDS]

    def member_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in (*self.MEMBER_FIELDS, "accept_terms")]

    def organisation_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.ORGANISATION_FIELDS}


class SignInForm(AuthenticationForm):
    """Django's sign-in form, asking for the e-mail address partner members sign in with."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address or username")
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username", "")
        # Members sign in with their e-mail address, stored in lower case.
        return username.strip().lower() if "@" in username else username
