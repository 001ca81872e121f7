"""Who may see a staff page, and the staff pages' addresses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.mixins import AccessMixin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.views import View

from intl_relations.permissions import Action, can, is_staff_role, restrict

# --- URLs -----------------------------------------------------------------------------


def url_name(model: type[models.Model] | models.Model, action: str) -> str:
    """``staff:<model_name>_<action>``: every staff page of a model follows this pattern."""
    return f"staff:{model._meta.model_name}_{action}"


def staff_url(obj: type[models.Model] | models.Model, action: str = "detail") -> str | None:
    """The staff page of ``obj`` (an instance for detail/edit/delete, a model for list/add)."""
    try:
        if isinstance(obj, models.Model):
            return reverse(url_name(obj, action), args=[obj.pk])
        return reverse(url_name(obj, action))
    except NoReverseMatch:
        return None


def crud_urls(
    prefix: str,
    *,
    list_view: type[View] | None = None,
    detail_view: type[View] | None = None,
    create_view: type[View] | None = None,
    update_view: type[View] | None = None,
    delete_view: type[View] | None = None,
) -> list:
    """The five usual pages of a model under ``prefix/``, named after the model."""
    views = [list_view, detail_view, create_view, update_view, delete_view]
    model = next(v.model for v in views if v is not None)
    name = model._meta.model_name
    patterns = []
    if list_view:
        patterns.append(path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"))
    if create_view:
        patterns.append(path(f"{prefix}/add/", create_view.as_view(), name=f"{name}_add"))
    if detail_view:
        patterns.append(path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}_detail"))
    if update_view:
        patterns.append(
            path(f"{prefix}/<int:pk>/edit/", update_view.as_view(), name=f"{name}_edit")
        )
    if delete_view:
        patterns.append(
            path(f"{prefix}/<int:pk>/delete/", delete_view.as_view(), name=f"{name}_delete")
        )
    return patterns


# --- Access ---------------------------------------------------------------------------


class StaffAccessMixin(AccessMixin):
    """Only office staff (viewer, editor, administrator) reach a staff page.

    Anonymous visitors are sent to the sign-in page; a signed-in partner member, or a
    staff member without the page's action on its model, gets 403. The action and model
    are asked of the one permission helper, never decided here.
    """

    model: type[models.Model] | None = None
    permission_action: Action = Action.VIEW

    def get_permission_model(self) -> type[models.Model] | None:
        return self.model

    def has_permission(self) -> bool:
        user = self.request.user
        if not is_staff_role(user):
            return False
        model = self.get_permission_model()
        return model is None or can(user, self.permission_action, model)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_permission():
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def model_permissions(self, model: type[models.Model] | None = None) -> dict[str, bool]:
        model = model or self.model
        user = self.request.user
        return {
            "can_add": can(user, Action.ADD, model),
            "can_change": can(user, Action.CHANGE, model),
            "can_delete": can(user, Action.DELETE, model),
        }


class StaffPageView(StaffAccessMixin, View):
    """A staff page that is not tied to one model (dashboard, calendar)."""

    template_name: str = ""
    title: str = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"title": self.title, **kwargs}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return TemplateResponse(request, self.template_name, self.get_context_data())


class ModelStaffView(StaffAccessMixin, View):
    """Shared by the model pages: the scoped queryset and the names shown."""

    #: A callable ``selector(user=...)`` returning the tuned, restricted queryset; when
    #: absent, the model's default manager passed through ``restrict``.
    selector: Callable[..., QuerySet] | None = None
    template_name: str = ""

    def get_queryset(self, action: Action = Action.VIEW) -> QuerySet:
        user = self.request.user
        if self.selector is not None:
            queryset = type(self).selector(user=user)
        else:
            queryset = self.model._default_manager.all()
        # Always restricted here too: a selector that forgot would otherwise leak rows.
        return restrict(queryset, user, action)

    def base_context(self) -> dict[str, Any]:
        opts = self.model._meta
        return {
            "opts": opts,
            "verbose_name": opts.verbose_name,
            "verbose_name_plural": opts.verbose_name_plural,
            "list_url": staff_url(self.model, "list"),
            "add_url": staff_url(self.model, "add"),
            **self.model_permissions(),
        }
