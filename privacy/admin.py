"""Erasures in the admin: the trace of each one, and a page to erase a person.

The erase page calls ``privacy.services.person_erase`` like the staff page does; who
may use either is the permission helper's answer for ``privacy.erasure``
(administrators only).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from intl_relations.admin import RolePermissionsMixin
from intl_relations.permissions import Action, can

from .models import Erasure
from .selectors import person_records
from .services import person_erase
from .views import erased_message


class AdminEraseForm(forms.Form):
    email = forms.EmailField(
        label=_("The person's e-mail"),
        help_text=_(
            "Every record with this e-mail is erased. To pick records by name, use "
            "the Personal data staff page."
        ),
    )
    reason = forms.CharField(
        label=_("Reason for the erasure"), widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_("I understand that the person's data will be gone for good.")
    )


@admin.register(Erasure)
class ErasureAdmin(RolePermissionsMixin, admin.ModelAdmin):
    list_display = ("erased_at", "erased_by", "reason", "record_count")
    list_select_related = ("erased_by",)
    readonly_fields = ("erased_at", "erased_by", "reason", "records")
    change_list_template = "admin/privacy/erasure/change_list.html"

    @admin.display(description=_("records"))
    def record_count(self, erasure: Erasure) -> int:
        return len(erasure.records)

    # An erasure is a trace: it is made by erasing someone, never edited or removed.
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list:
        erase = self.admin_site.admin_view(self.erase_view)
        return [path("erase/", erase, name="privacy_erasure_erase"), *super().get_urls()]

    def erase_view(self, request: HttpRequest) -> HttpResponse:
        if not can(request.user, Action.ADD, Erasure):
            raise PermissionDenied
        form = AdminEraseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = person_erase(
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    email=form.cleaned_data["email"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, erased_message(result.total))
                return HttpResponseRedirect(reverse("admin:privacy_erasure_changelist"))
        email = form["email"].value() or ""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Erase a person's data"),
            "form": form,
            "records": person_records(email=email) if "@" in email else [],
        }
        return TemplateResponse(request, "admin/privacy/erasure/erase.html", context)
