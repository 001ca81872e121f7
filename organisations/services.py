"""Decisions on the organisations that register through the public portal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intl_relations.services import check_staff_decision, validate_and_save

from .choices import OrganisationStatus
from .models import Organisation


def _decide(organisation: Organisation, status: str, user: Any, reason: str) -> Organisation:
    check_staff_decision(user, Organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != OrganisationStatus.PENDING:
        raise ValidationError(
            {
                "status": _(
                    "Only a registration waiting for approval can be decided; "
                    "this one is “%(status)s”."
                )
                % {"status": organisation.get_status_display()}
            }
        )
    organisation.status = status
    return validate_and_save(organisation, user=user, reason=reason[:100])


@transaction.atomic
def organisation_approve(*, organisation: Organisation, user: Any) -> Organisation:
    """Accept a partner organisation's registration: its members may now act for it."""
    return _decide(organisation, OrganisationStatus.APPROVED, user, _("Registration approved"))


@transaction.atomic
def organisation_reject(*, organisation: Organisation, user: Any, reason: str = "") -> Organisation:
    """Refuse a registration; ``reason`` is kept in the history."""
    return _decide(
        organisation, OrganisationStatus.REJECTED, user, reason or _("Registration rejected")
    )


# --- Registration through the public portal ------------------------------------------
# An organisation signs up with its first member's account. The member confirms their
# e-mail address (the account stays inactive until then) and the organisation waits
# for the office's approval (``pending``) before its members may apply or propose.

ORGANISATION_REGISTRATION_FIELDS = frozenset(
    {
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
    }
)


@transaction.atomic
def organisation_register(
    *,
    organisation_data: dict[str, Any],
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    language: str = "fr",
) -> Any:
    """Create a pending, unpublished organisation and its first member (inactive).

    Returns the member; their account is activated by ``member_confirm_email``.
    The e-mail address is the member's username, so it must be new.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    from accounts.choices import Role

    user_model = get_user_model()
    unknown = sorted(set(organisation_data) - ORGANISATION_REGISTRATION_FIELDS)
    if unknown:
        raise ValidationError({key: _("Unknown field.") for key in unknown})
    email = user_model.objects.normalize_email(email).strip().lower()
    if (
        user_model.objects.filter(email__iexact=email).exists()
        or user_model.objects.filter(username__iexact=email).exists()
    ):
        raise ValidationError(
            {"email": _("An account already uses this e-mail address: sign in instead.")}
        )
    member = user_model(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=Role.PARTNER,
        is_active=False,
        is_staff=False,
        preferred_language=language if language in ("fr", "en") else "fr",
    )
    try:
        validate_password(password, member)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None

    organisation = Organisation(
        **organisation_data, status=OrganisationStatus.PENDING, published=False
    )
    validate_and_save(organisation, user=None, reason=_("Registered on the public portal"))
    member.organisation = organisation
    member.set_password(password)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_confirm_email(*, member: Any) -> Any:
    """Activate a registered member once they followed the link sent to their address."""
    if not member.is_active:
        member.is_active = True
        member.save(update_fields=["is_active"])
    return member
