"""The "Personal data" staff page: find a person, download their data, erase them.

Administrators only: who may act here is the permission helper's answer for the
``privacy.erasure`` model (an administrator-only model), as in the admin and the
service. Other staff get 403, like the full export; anonymous visitors sign in.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from intl_relations.permissions import Action
from intl_relations.staff import StaffAccessMixin

from .forms import PersonEraseForm, PersonSearchForm
from .models import Erasure
from .selectors import (
    PersonRecord,
    person_and_namesakes,
    person_export,
    person_records,
    record_from_label,
)
from .services import person_erase


def erased_message(total: int) -> str:
    """What staff read once a person is erased (the staff page and the admin say the same)."""
    return ngettext(
        "The person's data was erased from %(count)d record.",
        "The person's data was erased from %(count)d records.",
        total,
    ) % {"count": total}


class PrivacyAccessMixin(StaffAccessMixin):
    model = Erasure
    permission_action = Action.ADD


def _search(query: str) -> tuple[str, list[PersonRecord]]:
    """``(email, records)`` for what was typed: an address, or else a name."""
    query = query.strip()
    if "@" in query:
        return query.lower(), person_and_namesakes(email=query)
    return "", person_records(name=query)


class PersonSearchView(PrivacyAccessMixin, View):
    template_name = "privacy/person_search.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PersonSearchForm(request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        email, records = _search(query) if query else ("", [])
        context = {
            "title": _("Personal data"),
            "form": form,
            "query": query,
            "email": email,
            "records": records,
            "erasures": Erasure.objects.select_related("erased_by")[:10],
            "retention_years": settings.PERSONAL_DATA_RETENTION_YEARS,
        }
        return TemplateResponse(request, self.template_name, context)


class PersonExportView(PrivacyAccessMixin, View):
    """The JSON document of everything held about one e-mail address."""

    def post(self, request: HttpRequest) -> HttpResponse:
        email = request.POST.get("email", "").strip()
        if "@" not in email:
            messages.error(request, _("Give the person's e-mail address to export their data."))
            return HttpResponseRedirect(reverse("staff:privacy"))
        document = person_export(email=email)
        response = HttpResponse(
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        name = f"personal-data-{timezone.localdate().isoformat()}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PersonEraseView(PrivacyAccessMixin, View):
    """Confirm, with a reason, then erase through ``privacy.services.person_erase``."""

    template_name = "privacy/person_erase.html"

    def _records(self, request: HttpRequest) -> tuple[str, list[PersonRecord], list[PersonRecord]]:
        """What the search finds: records with the e-mail (sure), and others by name."""
        query = (request.POST.get("q") or request.GET.get("q") or "").strip()
        _email, records = _search(query) if query else ("", [])
        sure = [record for record in records if record.matched_by_email]
        optional = [record for record in records if not record.matched_by_email]
        return query, sure, optional

    def _render(
        self,
        request: HttpRequest,
        form: PersonEraseForm,
        query: str,
        sure: list[PersonRecord],
        optional: list[PersonRecord],
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "title": _("Erase a person's data"),
            "form": form,
            "query": query,
            "sure_records": sure,
            "optional_records": optional,
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        query, sure, optional = self._records(request)
        form = PersonEraseForm(sure_records=sure, optional_records=optional)
        return self._render(request, form, query, sure, optional)

    def post(self, request: HttpRequest) -> HttpResponse:
        query, sure, optional = self._records(request)
        form = PersonEraseForm(request.POST, sure_records=sure, optional_records=optional)
        if not form.is_valid():
            return self._render(request, form, query, sure, optional, status=400)
        chosen = [record_from_label(label) for label in form.cleaned_data.get("records", [])]
        try:
            result = person_erase(
                user=request.user,
                reason=form.cleaned_data["reason"],
                # The e-mail is the one searched for, never taken from the form.
                email=query if sure else "",
                records=[record for record in chosen if record is not None],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, form, query, sure, optional, status=400)
        messages.success(request, erased_message(result.total))
        return HttpResponseRedirect(reverse("staff:privacy"))
