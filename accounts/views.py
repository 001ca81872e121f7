"""Sign-in, sign-out and password pages of the staff area (Django's auth views)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, reverse, reverse_lazy

from intl_relations.permissions import is_staff_role
from intl_relations.staff import StaffAccessMixin


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        # Partner members have no staff area: send them to the public portal.
        if not is_staff_role(self.request.user):
            return "/"
        return resolve_url(settings.LOGIN_REDIRECT_URL)


class SignOutView(auth_views.LogoutView):
    def get_default_redirect_url(self) -> str:
        try:
            return reverse(settings.LOGOUT_REDIRECT_URL)
        except NoReverseMatch:
            return reverse("staff:login")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("staff:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("staff:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(StaffAccessMixin, auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("staff:password_change_done")


class PasswordChangeDoneView(StaffAccessMixin, auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"
