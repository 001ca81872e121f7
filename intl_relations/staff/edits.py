"""The staff create, update and delete pages, and workflow actions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.forms import (
    BaseFormSet,
    ModelForm,
)
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from intl_relations.permissions import Action

from .access import ModelStaffView, staff_url

# --- Create, update -------------------------------------------------------------------


class StaffFormView(ModelStaffView):
    """Shared by create and update: a ModelForm, optional inline formsets, saved by services."""

    form_class: type[ModelForm] | None = None
    #: ``{"members": DelegationMemberFormSet}``: inline formsets saved with the record.
    formset_classes: dict[str, type[BaseFormSet]] = {}
    template_name = "staff/form.html"

    def get_object(self) -> models.Model | None:
        return None

    def get_form(self, obj: models.Model | None) -> ModelForm:
        kwargs: dict[str, Any] = {"instance": obj}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        else:
            kwargs["initial"] = self.get_initial()
        form = self.form_class(**kwargs)
        if hasattr(form, "limit_choices"):
            form.limit_choices(self.request.user)
        return form

    def get_initial(self) -> dict[str, Any]:
        """Prefill from the query string (``?partner_city=3`` from a partner city page)."""
        form_fields = self.form_class.base_fields
        return {key: value for key, value in self.request.GET.items() if key in form_fields}

    def get_formsets(self, obj: models.Model | None) -> dict[str, BaseFormSet]:
        formsets = {}
        for prefix, formset_class in self.formset_classes.items():
            kwargs: dict[str, Any] = {"instance": obj, "prefix": prefix}
            if self.request.method == "POST":
                kwargs.update(data=self.request.POST, files=self.request.FILES)
            formset = formset_class(**kwargs)
            share_choices(formset)
            opts = formset.model._meta
            formset.title = capfirst(opts.verbose_name_plural)
            formset.item_name = capfirst(opts.verbose_name)
            formsets[prefix] = formset
        return formsets

    def save(self, form: ModelForm, formsets: dict[str, BaseFormSet]) -> models.Model:
        """Save the record and its inline rows through the services, all or nothing."""
        user = self.request.user
        with transaction.atomic():
            obj = save_form(form, user=user)
            for formset in formsets.values():
                save_formset(formset, parent=obj, user=user)
        return obj

    def render(
        self,
        obj: models.Model | None,
        form: ModelForm,
        formsets: dict[str, BaseFormSet],
        status: int = 200,
    ) -> HttpResponse:
        context = {
            **self.base_context(),
            "object": obj,
            "form": form,
            "formsets": formsets,
            "title": self.get_title(obj),
            "cancel_url": staff_url(obj, "detail") if obj else staff_url(self.model, "list"),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get_title(self, obj: models.Model | None) -> str:
        if obj is None:
            return _("New %(name)s") % {"name": self.model._meta.verbose_name}
        return _("Edit %(name)s") % {"name": obj}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        return self.render(obj, self.get_form(obj), self.get_formsets(obj))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        form = self.get_form(obj)
        formsets = self.get_formsets(obj)
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            try:
                saved = self.save(form, formsets)
            except ValidationError as exc:
                # A rule checked by a service: shown next to its field, nothing saved.
                _add_errors(form, exc)
            except RowRejectedError:
                pass
            else:
                messages.success(request, self.success_message(saved, created=obj is None))
                return HttpResponseRedirect(self.get_success_url(saved))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render(obj, form, formsets, status=200)

    def success_message(self, obj: models.Model, *, created: bool) -> str:
        if created:
            return _("%(name)s “%(obj)s” was created.") % {
                "name": str(self.model._meta.verbose_name).capitalize(),
                "obj": obj,
            }
        return _("%(name)s “%(obj)s” was saved.") % {
            "name": str(self.model._meta.verbose_name).capitalize(),
            "obj": obj,
        }

    def get_success_url(self, obj: models.Model) -> str:
        return staff_url(obj, "detail") or staff_url(self.model, "list") or "/staff/"


def share_choices(formset: BaseFormSet) -> None:
    """Read each related-record list once for all the rows of a formset.

    Without this, every row's select (an organisation, a host) runs its own query, and
    a delegation with 30 members would cost 30 more queries than one with 2.
    """
    cache: dict[str, list] = {}
    for subform in [*formset.forms, formset.empty_form]:
        for name, formfield in subform.fields.items():
            if isinstance(formfield, forms.ModelChoiceField):
                if name not in cache:
                    cache[name] = list(formfield.choices)
                formfield.widget.choices = cache[name]


def form_data(form: ModelForm) -> dict[str, Any]:
    """The cleaned values of the form's model fields, as the services take them."""
    names = {f.name for f in form._meta.model._meta.get_fields() if f.concrete}
    return {key: value for key, value in form.cleaned_data.items() if key in names}


def save_form(form: ModelForm, *, user: Any) -> models.Model:
    """Create or update ``form.instance`` with the generic services (rules, history)."""
    from intl_relations import services

    data = form_data(form)
    if form.instance.pk is None:
        # Values the view set on the instance before validation (a parent) are kept.
        for name in getattr(form, "preset_fields", ()):
            data.setdefault(name, getattr(form.instance, name))
        return services.record_create(model=form._meta.model, data=data, user=user)
    return services.record_update(instance=form.instance, data=data, user=user)


def save_formset(formset: BaseFormSet, *, parent: models.Model, user: Any) -> None:
    """Create, update and delete the inline rows of ``parent`` one by one via the services."""
    from intl_relations import services

    fk_name = formset.fk.name
    for subform in formset.forms:
        if not subform.has_changed() and subform.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(subform):
            if subform.instance.pk is not None:
                services.record_delete(instance=subform.instance, user=user)
            continue
        data = form_data(subform)
        data.pop("id", None)
        data[fk_name] = parent
        try:
            if subform.instance.pk is None:
                services.record_create(model=formset.model, data=data, user=user)
            elif subform.has_changed():
                services.record_update(instance=subform.instance, data=data, user=user)
        except ValidationError as exc:
            _add_errors(subform, exc)
            raise RowRejectedError from exc


class RowRejectedError(Exception):
    """An inline row was refused by a service; its errors are already on its form."""


def _add_errors(form: ModelForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class StaffCreateView(StaffFormView):
    permission_action = Action.ADD


class StaffUpdateView(StaffFormView):
    permission_action = Action.CHANGE

    def get_object(self) -> models.Model:
        return get_object_or_404(self.get_queryset(Action.CHANGE), pk=self.kwargs["pk"])


# --- Delete ---------------------------------------------------------------------------


class StaffDeleteView(ModelStaffView):
    """Asks for confirmation; a record still referenced is explained, never a 500."""

    permission_action = Action.DELETE
    template_name = "staff/delete.html"

    def get_object(self) -> models.Model:
        return get_object_or_404(self.get_queryset(Action.DELETE), pk=self.kwargs["pk"])

    def render(self, obj: models.Model, protected: Iterable[Any] = (), status: int = 200):
        context = {
            **self.base_context(),
            "object": obj,
            "title": _("Delete %(name)s") % {"name": obj},
            "protected": list(protected)[:20],
            "cancel_url": staff_url(obj, "detail"),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.get_object())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from intl_relations import services

        obj = self.get_object()
        label = str(obj)
        try:
            services.record_delete(instance=obj, user=request.user)
        except (ProtectedError, RestrictedError) as exc:
            blocking = (
                exc.protected_objects
                if isinstance(exc, ProtectedError)
                else (exc.restricted_objects)
            )
            messages.error(
                request,
                _(
                    "“%(obj)s” cannot be deleted: other records still refer to it. "
                    "Delete or change them first."
                )
                % {"obj": label},
            )
            return self.render(obj, blocking, status=409)
        messages.success(
            request,
            _("%(name)s “%(obj)s” was deleted.")
            % {"name": str(self.model._meta.verbose_name).capitalize(), "obj": label},
        )
        return HttpResponseRedirect(staff_url(self.model, "list") or "/staff/")


# --- Workflow actions -----------------------------------------------------------------


class StaffActionView(ModelStaffView):
    """A POST-only workflow step (change a status, renew, decide) calling one service.

    The form is shown on the record's detail page (see ``workflow_action``); a refused
    step comes back there with the service's message, nothing changed.
    """

    permission_action = Action.CHANGE
    form_class: type[forms.Form] | None = None
    #: Keeps the ids of the fields unique when several steps share a detail page.
    form_prefix: str = ""

    def get_object(self) -> models.Model:
        return get_object_or_404(self.get_queryset(Action.CHANGE), pk=self.kwargs["pk"])

    def get_form_kwargs(self, obj: models.Model) -> dict[str, Any]:
        return {}

    @classmethod
    def blank_form(cls, obj: models.Model) -> forms.Form | None:
        """The empty form shown on the detail page."""
        if cls.form_class is None:
            return None
        return cls.form_class(prefix=cls.form_prefix or None, **cls().get_form_kwargs(obj))

    def perform(self, obj: models.Model, data: dict[str, Any]) -> str:
        """Call the service; return the success message. Raise ValidationError to refuse."""
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        data: dict[str, Any] = {}
        if self.form_class is not None:
            form = self.form_class(
                request.POST, prefix=self.form_prefix or None, **self.get_form_kwargs(obj)
            )
            if not form.is_valid():
                for field, errors in form.errors.items():
                    label = form.fields[field].label if field in form.fields else ""
                    for error in errors:
                        messages.error(request, f"{label}: {error}" if label else error)
                return HttpResponseRedirect(staff_url(obj, "detail") or "/staff/")
            data = form.cleaned_data
        try:
            message = self.perform(obj, data)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return HttpResponseRedirect(staff_url(obj, "detail") or "/staff/")


def workflow_action(
    title: Any, url: str, form: forms.Form | None = None, *, button: Any = None, style: str = ""
) -> dict[str, Any]:
    """One step offered on a detail page: a small form posting to its action view."""
    return {
        "template": "includes/workflow_action.html",
        "title": title,
        "url": url,
        "form": form,
        "button": button or title,
        "style": style,
    }
