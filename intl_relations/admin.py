"""Shared bases of the Django admin: one site, one permission path, edit history everywhere.

The admin asks the same questions as the REST API and the staff pages, through
``intl_relations.permissions``: ``can(user, action, model)`` for what a person may do
with a model, ``restrict(queryset, user)`` for which rows they see. Django's own
model permissions (groups, ``user_permissions``) play no part for the portal's models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, FileField, Model, Q, QuerySet, URLField
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from simple_history.admin import SimpleHistoryAdmin

from .permissions import STAFF_ROLES, Action, can, is_staff_role, restrict
from .services import governed_fields
from .uploads import download_url


class PortalAdminLoginForm(AdminAuthenticationForm):
    """Office staff sign in by role (administrator, editor, viewer), not by ``is_staff``."""

    def confirm_login_allowed(self, user: Any) -> None:
        AuthenticationForm.confirm_login_allowed(self, user)
        if not is_staff_role(user):
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class PortalAdminSite(admin.AdminSite):
    """The admin of the portal, open to the office's staff roles only.

    Partner organisation members and anonymous visitors are sent to the sign-in page.
    """

    site_header = _("International relations")
    site_title = _("International relations office")
    index_title = _("Administration")
    login_form = PortalAdminLoginForm

    def has_permission(self, request: HttpRequest) -> bool:
        # ``role_of`` is None for an inactive or anonymous user.
        return is_staff_role(request.user)


def staff_users() -> QuerySet:
    """People who can be put in charge of something: the office's staff."""
    return get_user_model()._default_manager.filter(Q(role__in=STAFF_ROLES) | Q(is_superuser=True))


class _LinkedFile:
    """A stored file as the file widget shows it, linked to the permission-checked view."""

    def __init__(self, file: Any, url: str) -> None:
        self.file, self.url = file, url

    def __str__(self) -> str:
        return str(self.file)


class DownloadLinkFileWidget(AdminFileWidget):
    """The admin's file input, whose "currently" link goes to the download view.

    Uploads are never served from ``MEDIA_URL`` in production, so the stock widget's
    link would answer 404; the download view checks who asks, as everywhere else.
    """

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if getattr(value, "name", None) and instance is not None and instance.pk:
            url = download_url(instance)
            if url:
                context["widget"]["value"] = _LinkedFile(value, url)
        return context


class RolePermissionsMixin:
    """Admin permissions from the portal's one permission helper.

    Shared by model admins and inlines, so an inline never offers what its model's
    own admin would refuse.
    """

    model: type[Model]

    def _allowed(self, request: HttpRequest, action: Action) -> bool:
        return is_staff_role(request.user) and can(request.user, action, self.model)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request, Action.VIEW)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, Action.VIEW)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, Action.ADD)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, Action.CHANGE)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, Action.DELETE)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = restrict(super().get_queryset(request), request.user, Action.VIEW)  # type: ignore[misc]
        # The same joins serve the changelist, the change page, the history page and
        # the autocomplete answers, which all show ``str(obj)``.
        related = getattr(self, "list_select_related", None)
        if isinstance(related, list | tuple) and related:
            queryset = queryset.select_related(*related)
        return queryset

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if isinstance(db_field, URLField):
            # Websites typed without a scheme ("www.example.org") are HTTPS today.
            kwargs.setdefault("assume_scheme", "https")
        if isinstance(db_field, FileField):
            kwargs["widget"] = DownloadLinkFileWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # Officers and owners are chosen among the office's staff. Editors may not
        # browse the user admin, so an autocomplete on users would refuse them.
        if (
            db_field.remote_field.model is get_user_model()
            and "queryset" not in kwargs
            and db_field.name not in self.get_autocomplete_fields(request)  # type: ignore[attr-defined]
        ):
            kwargs["queryset"] = staff_users()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class PortalModelAdmin(RolePermissionsMixin, SimpleHistoryAdmin):
    """Base of every admin of the portal: role permissions and the edit history.

    Fields that only their own service changes (a status, a decision: see
    ``intl_relations.services.GOVERNED_FIELDS``) are read-only on the change form and
    kept as they are when a record is saved, a revert from the history included.

    A model without a history table (themes, report runs, API tokens) falls back to
    Django's own history page, built from the admin log.
    """

    list_per_page = 50
    history_list_display: list[str] = []

    def __init__(self, model: type[Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        self.tracks_history = hasattr(model._meta, "simple_history_manager_attribute")
        if not self.tracks_history:
            self.object_history_template = None

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is None:
            return fields
        return fields + tuple(sorted(governed_fields(self.model) - set(fields)))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        governed = [
            self.model._meta.get_field(name).attname for name in governed_fields(self.model)
        ]
        if change and governed:
            stored = self.model._default_manager.filter(pk=obj.pk).values(*governed).get()
            for attname, value in stored.items():
                setattr(obj, attname, value)
        super().save_model(request, obj, form, change)

    def get_urls(self) -> list[Any]:
        if not self.tracks_history:
            # No past versions (API tokens): simple_history's version page would answer 500.
            return admin.ModelAdmin.get_urls(self)
        return super().get_urls()

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> Any:
        if not self.tracks_history:
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)


class PortalTabularInline(RolePermissionsMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


class PortalStackedInline(RolePermissionsMixin, admin.StackedInline):
    extra = 0
    show_change_link = True


class LifeCycleAdminMixin:
    """Status changes as admin actions that go through the domain's service.

    The status is read-only on the change form (it is a governed field, see
    ``PortalModelAdmin``); each target status is an action on the changelist. A
    transition the service refuses becomes an error message naming the record, never
    a server error, and the other selected records still move.
    """

    # (value, label) pairs of the statuses a record can be moved to.
    lifecycle_statuses: Iterable[tuple[str, str]] = ()

    def change_status(self, request: HttpRequest, obj: Any, status: str) -> None:
        """Move ``obj`` to ``status`` through the service (which raises ``ValidationError``)."""
        raise NotImplementedError

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)  # type: ignore[misc]
        if self.actions is None or not self.has_change_permission(request):  # type: ignore[attr-defined]
            return actions
        for status, label in self.lifecycle_statuses:
            name = f"move_to_{status}"
            description = format_lazy(_("Move selected to “{status}”"), status=label)
            actions[name] = (self._status_action(status), name, description)
        return actions

    @staticmethod
    def _status_action(status: str) -> Callable[..., None]:
        def action(modeladmin: Any, request: HttpRequest, queryset: QuerySet) -> None:
            modeladmin.apply_status(request, queryset, status)

        action.__name__ = f"move_to_{status}"
        return action

    def apply_status(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        moved = 0
        for obj in queryset:
            try:
                self.change_status(request, obj, status)
            except (ValidationError, PermissionDenied) as exc:
                reasons = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                self.message_user(  # type: ignore[attr-defined]
                    request,
                    format_lazy("{obj}: {errors}", obj=obj, errors=" ".join(reasons)),
                    messages.ERROR,
                )
            else:
                moved += 1
        if moved:
            self.message_user(  # type: ignore[attr-defined]
                request,
                ngettext("%(count)d record moved.", "%(count)d records moved.", moved)
                % {"count": moved},
                messages.SUCCESS,
            )


class CountryListFilter(admin.FieldListFilter):
    """Filter on a country field offering only the countries present, by their name.

    Django's default would list all 249 ISO countries.
    """

    def __init__(
        self,
        field: Any,
        request: HttpRequest,
        params: dict,
        model: type[Model],
        model_admin: Any,
        field_path: str,
    ) -> None:
        self.lookup_kwarg = field_path
        self.lookup_val = params.get(field_path)
        codes = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list(field_path, flat=True)
            .distinct()
        )
        self.lookup_choices = sorted(
            ((code, countries.name(code)) for code in codes if code), key=lambda item: item[1]
        )
        super().__init__(field, request, params, model, model_admin, field_path)

    def expected_parameters(self) -> list[str]:
        return [self.lookup_kwarg]

    def has_output(self) -> bool:
        return bool(self.lookup_choices)

    def get_facet_counts(self, pk_attname: str, filtered_qs: QuerySet) -> dict[str, Any]:
        return {
            f"{index}__c": Count(pk_attname, filter=Q(**{self.lookup_kwarg: code}))
            for index, (code, _name) in enumerate(self.lookup_choices)
        }

    def choices(self, changelist: Any) -> Iterable[dict[str, Any]]:
        counts = self.get_facet_queryset(changelist) if changelist.add_facets else None
        yield {
            "selected": self.lookup_val is None,
            "query_string": changelist.get_query_string(remove=[self.lookup_kwarg]),
            "display": _("All"),
        }
        for index, (code, name) in enumerate(self.lookup_choices):
            yield {
                "selected": self.lookup_val is not None and code in self.lookup_val,
                "query_string": changelist.get_query_string({self.lookup_kwarg: code}),
                "display": f"{name} ({counts[f'{index}__c']})" if counts else name,
            }
