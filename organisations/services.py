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
