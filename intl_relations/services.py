"""Generic writes shared by every app: create, update and delete one record.

The REST API, the staff pages and imports call these for plain CRUD; business moves
(a status change, an application decision) have their own services in each app.
Every write

* checks the permission helper (the user may perform the action on that row, and the
  row is still in their scope afterwards: a partner member cannot create a contact for
  another organisation),
* tells django-simple-history who did it (token-authenticated API users are not seen by
  its middleware, so ``_history_user`` is set explicitly),
* validates the whole instance (``full_clean``, constraints included) and raises Django's
  ``ValidationError`` with field-level messages,
* runs in one transaction, so nothing is half saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from intl_relations.permissions import Action, can, restrict

M = TypeVar("M", bound=models.Model)

# Fields that only the dedicated services change (status life cycles, decisions).
GOVERNED_FIELDS: dict[str, frozenset[str]] = {
    "partnerships.partnership": frozenset({"status"}),
    "delegations.delegation": frozenset({"status"}),
    "exchanges.application": frozenset({"status", "decided_at", "decided_by", "submitted_by"}),
    "organisations.organisation": frozenset({"status"}),
}


def governed_fields(model: type[models.Model]) -> frozenset[str]:
    return GOVERNED_FIELDS.get(model._meta.label_lower, frozenset())


def check_permission(user: Any, action: Action | str, model: type[models.Model]) -> None:
    if not can(user, action, model):
        raise PermissionDenied(_("You do not have permission to perform this action."))


def check_in_scope(user: Any, action: Action | str, instance: models.Model) -> None:
    """Refuse a write that leaves the row outside what the user may act on."""
    manager = type(instance)._default_manager
    if not restrict(manager.filter(pk=instance.pk), user, action).exists():
        raise PermissionDenied(_("You cannot act on records outside your organisation."))


def set_history(instance: models.Model, user: Any, reason: str = "") -> None:
    """Record who made the change (and why) in the instance's history row."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]


def validate_and_save(instance: M, *, user: Any, reason: str = "") -> M:
    set_history(instance, user, reason)
    instance.full_clean()
    instance.save()
    return instance


def _split_many_to_many(
    model: type[models.Model], data: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    m2m_names = {field.name for field in model._meta.many_to_many}
    plain = {key: value for key, value in data.items() if key not in m2m_names}
    many = {key: value for key, value in data.items() if key in m2m_names}
    return plain, many


def _refuse_unknown_fields(model: type[models.Model], data: Mapping[str, Any]) -> None:
    names = {field.name for field in model._meta.get_fields() if field.concrete}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValidationError({key: _("Unknown field.") for key in unknown})


@transaction.atomic
def record_create(*, model: type[M], data: Mapping[str, Any], user: Any, reason: str = "") -> M:
    """Create one ``model`` row from ``data`` (many-to-many values are set after saving)."""
    check_permission(user, Action.ADD, model)
    _refuse_unknown_fields(model, data)
    plain, many = _split_many_to_many(model, data)
    instance = model(**plain)
    validate_and_save(instance, user=user, reason=reason)
    for name, values in many.items():
        getattr(instance, name).set(values)
    check_in_scope(user, Action.ADD, instance)
    return instance


@transaction.atomic
def record_update(*, instance: M, data: Mapping[str, Any], user: Any, reason: str = "") -> M:
    """Change the fields of ``instance`` given in ``data``; governed fields are refused."""
    model = type(instance)
    check_permission(user, Action.CHANGE, model)
    check_in_scope(user, Action.CHANGE, instance)
    _refuse_unknown_fields(model, data)
    governed = {
        key: _("This field is changed by its own action, not by an update.")
        for key in governed_fields(model)
        if key in data and data[key] != getattr(instance, key)
    }
    if governed:
        raise ValidationError(governed)
    plain, many = _split_many_to_many(model, data)
    for name, value in plain.items():
        setattr(instance, name, value)
    validate_and_save(instance, user=user, reason=reason)
    for name, values in many.items():
        getattr(instance, name).set(values)
    check_in_scope(user, Action.CHANGE, instance)
    return instance


@transaction.atomic
def record_delete(*, instance: models.Model, user: Any, reason: str = "") -> None:
    """Delete ``instance``; a row still referenced (PROTECT) raises ``ProtectedError``."""
    check_permission(user, Action.DELETE, type(instance))
    check_in_scope(user, Action.DELETE, instance)
    set_history(instance, user, reason)
    instance.delete()


def check_staff_decision(user: Any, model: type[models.Model]) -> None:
    """Status moves and decisions are the office's (editors and administrators)."""
    from intl_relations.permissions import is_staff_role

    if not (is_staff_role(user) and can(user, Action.CHANGE, model)):
        raise PermissionDenied(_("Only the office's editors can take this decision."))


def transition_error(model: type[models.Model], current: str, requested: str) -> ValidationError:
    """The 400 a client gets for a move the life cycle does not allow."""
    labels = dict(model._meta.get_field("status").choices or [])
    return ValidationError(
        {
            "status": _("The status cannot change from “%(current)s” to “%(requested)s”.")
            % {
                "current": labels.get(current, current),
                "requested": labels.get(requested, requested),
            }
        },
        code="invalid_transition",
    )


def check_transition(
    model: type[models.Model],
    transitions: Mapping[str, tuple[str, ...]],
    current: str,
    requested: str,
) -> None:
    labels = dict(model._meta.get_field("status").choices or [])
    if requested not in labels:
        raise ValidationError(
            {"status": _("“%(value)s” is not a valid status.") % {"value": requested}},
            code="invalid_choice",
        )
    if requested not in transitions.get(current, ()):
        raise transition_error(model, current, requested)
