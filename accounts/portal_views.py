"""Partner organisations' accounts on the public portal: register, confirm, sign in.

(The staff area's sign-in and password pages are in ``accounts/views.py``.)
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from intl_relations.permissions import is_staff_role, role_of
from intl_relations.services import record_update
from organisations.services import member_confirm_email, organisation_register
from portal import spam
from portal.services import confirmation_path, registration_send_confirmation

from .portal_forms import OrganisationProfileForm, RegistrationForm, SignInForm

REGISTRATION_SCOPE = "registration"


def _refuse_rate_limited(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    messages.error(
        request,
        _(
            "Too many forms were sent from your connection in a short time. "
            "Please try again in an hour."
        ),
    )
    return render(request, template, context, status=429)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """An organisation and its first member sign up; the member confirms by e-mail."""
    template = "portal/account/register.html"
    if request.user.is_authenticated:
        return redirect("portal:account")
    form = RegistrationForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST":
        if spam.is_rate_limited(REGISTRATION_SCOPE, request):
            return _refuse_rate_limited(request, template, context)
        spam.count_submission(REGISTRATION_SCOPE, request)
        if form.is_spam():
            # Look the same as a success to the robot; nothing is saved.
            return redirect("portal:register_done")
        if form.is_valid():
            try:
                member = organisation_register(
                    organisation_data=form.organisation_data(),
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    email=form.cleaned_data["member_email"],
                    password=form.cleaned_data["password1"],
                    language=get_language() or "fr",
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                uidb64, token = confirmation_path(member)
                url = request.build_absolute_uri(
                    reverse("portal:register_confirm", args=[uidb64, token])
                )
                registration_send_confirmation(member=member, confirm_url=url)
                return redirect("portal:register_done")
    return render(request, template, context)


def _add_errors(form: RegistrationForm, error: ValidationError) -> None:
    rename = {"email": "member_email", "password": "password1"}
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            name = rename.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/account/register_done.html")


def register_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link of the confirmation e-mail: the account becomes active."""
    user_model = get_user_model()
    try:
        member = user_model.objects.select_related("organisation").get(
            pk=force_str(urlsafe_base64_decode(uidb64))
        )
    except (ValueError, TypeError, OverflowError, user_model.DoesNotExist):
        member = None
    if member is None or not default_token_generator.check_token(member, token):
        return render(request, "portal/account/confirm_invalid.html", status=400)
    member_confirm_email(member=member)
    messages.success(request, _("Your e-mail address is confirmed. You can sign in."))
    return render(request, "portal/account/confirmed.html", {"member": member})


class SignInView(auth_views.LoginView):
    """Partner members sign in here; django-axes counts the failures."""

    template_name = "portal/account/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        if is_staff_role(self.request.user):
            return reverse("staff:dashboard")
        return reverse("portal:account")


class SignOutView(auth_views.LogoutView):
    def get_default_redirect_url(self) -> str:
        return reverse("portal:home")


@login_required(login_url="portal:login")
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """A member keeps their organisation's details up to date."""
    organisation = getattr(request.user, "organisation", None)
    if role_of(request.user) != "partner" or organisation is None:
        raise PermissionDenied(_("Only partner organisation members have a profile here."))
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            record_update(
                instance=organisation,
                data=data,
                user=request.user,
                reason=_("Updated by a member on the portal"),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your organisation's profile is saved."))
            return redirect("portal:account")
    return render(request, "portal/account/profile.html", {"form": form})
