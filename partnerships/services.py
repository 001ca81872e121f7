"""Business moves of a partnership: its life cycle and its renewals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intl_relations.services import check_staff_decision, check_transition, validate_and_save

from .choices import PARTNERSHIP_TRANSITIONS, PartnershipStatus
from .models import Partnership


@transaction.atomic
def partnership_change_status(
    *,
    partnership: Partnership,
    status: str,
    user: Any,
    note: str = "",
    on: dt.date | None = None,
) -> Partnership:
    """Move ``partnership`` along its life cycle (``PARTNERSHIP_TRANSITIONS``).

    Ending sets ``ended_on`` (``on`` or today); becoming active without a signing date
    sets ``signed_on`` the same way. ``note`` is kept as the history's change reason.
    """
    check_staff_decision(user, Partnership)
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    current = partnership.status
    check_transition(Partnership, PARTNERSHIP_TRANSITIONS, current, status)
    day = on or timezone.localdate()
    if status == PartnershipStatus.ENDED:
        partnership.ended_on = day
    if status == PartnershipStatus.ACTIVE and partnership.signed_on is None:
        partnership.signed_on = day
    partnership.status = status
    reason = note or _("Status changed from %(old)s to %(new)s") % {"old": current, "new": status}
    return validate_and_save(partnership, user=user, reason=reason[:100])


@transaction.atomic
def partnership_renew(
    *,
    partnership: Partnership,
    user: Any,
    renewed_on: dt.date,
    next_review_on: dt.date | None,
    note: str = "",
) -> Partnership:
    """Record that an active partnership was renewed, and when it is next reviewed."""
    check_staff_decision(user, Partnership)
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    errors: dict[str, str] = {}
    if partnership.status != PartnershipStatus.ACTIVE:
        errors["status"] = _(
            "Only an active partnership can be renewed; this one is “%(status)s”."
        ) % {"status": partnership.get_status_display()}
    if partnership.signed_on and renewed_on < partnership.signed_on:
        errors["renewed_on"] = _(
            "A partnership cannot be renewed before it was signed (%(date)s)."
        ) % {"date": partnership.signed_on.isoformat()}
    if next_review_on is not None and next_review_on <= renewed_on:
        errors["next_review_on"] = _("The next review must come after the renewal.")
    if errors:
        raise ValidationError(errors)
    partnership.last_renewed_on = renewed_on
    partnership.review_on = next_review_on
    reason = note or _("Renewed on %(date)s") % {"date": renewed_on.isoformat()}
    return validate_and_save(partnership, user=user, reason=reason[:100])
