"""Accounts and API tokens: created and changed by administrators, tokens by their owner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from intl_relations.permissions import Action, can, role_of
from intl_relations.services import check_permission, record_create, record_update

from .choices import Role
from .models import User


def _check_password(password: str | None, user: User) -> None:
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None


def _check_partner_has_organisation(role: str, organisation: Any) -> None:
    if role == Role.PARTNER and organisation is None:
        raise ValidationError(
            {"organisation": _("A partner organisation member needs an organisation.")}
        )


@transaction.atomic
def user_create(*, data: Mapping[str, Any], user: Any) -> User:
    """Create an account (administrators only); ``password`` is hashed, never stored."""
    check_permission(user, Action.ADD, User)
    values = dict(data)
    password = values.pop("password", None)
    role = values.get("role", Role.PARTNER)
    _check_partner_has_organisation(role, values.get("organisation"))
    values.setdefault("is_staff", role != Role.PARTNER)
    attributes = ("username", "first_name", "last_name", "email")
    _check_password(password, User(**{k: values[k] for k in attributes if k in values}))
    # Without a password the account signs in only after a reset (or never, for a robot).
    values["password"] = make_password(password or None)
    return record_create(model=User, data=values, user=user)


@transaction.atomic
def user_update(*, instance: User, data: Mapping[str, Any], user: Any) -> User:
    """Change an account; an administrator cannot take their own administrator role away."""
    values = dict(data)
    password = values.pop("password", None)
    role = values.get("role", instance.role)
    _check_partner_has_organisation(role, values.get("organisation", instance.organisation))
    if instance.pk == getattr(user, "pk", None) and role != instance.role:
        raise ValidationError({"role": _("You cannot change your own role.")})
    if "role" in values:
        values.setdefault("is_staff", role != Role.PARTNER)
    _check_password(password, instance)
    if password:
        values["password"] = make_password(password)
    return record_update(instance=instance, data=values, user=user)


def token_create(*, user: User, expiry: dt.timedelta | None = None) -> tuple[AuthToken, str]:
    """A new API token for ``user``; the secret is returned once and only its hash is kept."""
    if role_of(user) is None:
        raise PermissionDenied(_("Only active accounts can hold API tokens."))
    if expiry is None:
        return AuthToken.objects.create(user=user)
    return AuthToken.objects.create(user=user, expiry=expiry)


def token_revoke(*, token: AuthToken, user: Any) -> None:
    """Revoke one token: one's own, or anybody's for an administrator."""
    if token.user_id != getattr(user, "pk", None) and not can(user, Action.DELETE, AuthToken):
        raise PermissionDenied(_("You can only revoke your own tokens."))
    token.delete()


def token_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete every API token past its expiry (nightly); returns how many went.

    Authentication refuses an expired token on its own; this keeps the table small.
    """
    deleted, _ = AuthToken.objects.filter(expiry__lt=now or timezone.now()).delete()
    return deleted
