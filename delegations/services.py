"""Business moves of a delegation: its status from planned to done or cancelled."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intl_relations.services import check_staff_decision, check_transition, validate_and_save

from .choices import DELEGATION_TRANSITIONS, DelegationStatus
from .models import Delegation


@transaction.atomic
def delegation_change_status(
    *, delegation: Delegation, status: str, user: Any, note: str = ""
) -> Delegation:
    """Move ``delegation`` along ``DELEGATION_TRANSITIONS``; a visit is done once it began."""
    check_staff_decision(user, Delegation)
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    current = delegation.status
    check_transition(Delegation, DELEGATION_TRANSITIONS, current, status)
    if status == DelegationStatus.DONE and delegation.starts_on > timezone.localdate():
        raise ValidationError(
            {
                "status": _("A delegation cannot be done before it starts (%(date)s).")
                % {"date": delegation.starts_on.isoformat()}
            }
        )
    delegation.status = status
    reason = note or _("Status changed from %(old)s to %(new)s") % {"old": current, "new": status}
    return validate_and_save(delegation, user=user, reason=reason[:100])
