"""The weekly check of the partnerships' health, and the e-mail of what changed."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from partnerships.choices import PartnershipStatus
from partnerships.models import Partnership

from .choices import Verdict
from .models import HealthVerdict
from .selectors import with_health

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VerdictChange:
    partnership_id: int
    name: str
    previous: str
    verdict: str
    last_activity: dt.date | None


@transaction.atomic
def health_verdicts_refresh(*, today: dt.date | None = None) -> list[VerdictChange]:
    """Compare each open partnership's verdict with the one kept at the last check.

    The comparison is made in the database: only the partnerships whose verdict moved,
    or that were never checked, come back. A partnership seen for the first time is
    recorded without being reported (there is no "before" to compare with), so the
    first run after installing reports nothing and the next ones report real changes.
    Returns the changes, previous verdict first.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    kept = HealthVerdict.objects.filter(partnership=OuterRef("pk")).values("verdict")
    moved = (
        with_health(Partnership.objects.exclude(status=PartnershipStatus.ENDED), today)
        .annotate(previous=Subquery(kept))
        .exclude(previous__isnull=False, verdict=Subquery(kept))
        .select_related("partner_city", "local_government")
        .order_by("partner_city__name", "pk")
    )
    changes: list[VerdictChange] = []
    new_rows: list[HealthVerdict] = []
    changed_rows: list[HealthVerdict] = []
    for row in moved:
        record = HealthVerdict(
            partnership_id=row.pk, verdict=row.verdict, since=today, checked_at=now
        )
        if row.previous is None:
            new_rows.append(record)
            continue
        changed_rows.append(record)
        changes.append(
            VerdictChange(
                partnership_id=row.pk,
                name=str(row),
                previous=row.previous,
                verdict=row.verdict,
                last_activity=row.last_activity,
            )
        )
    HealthVerdict.objects.bulk_create(new_rows, batch_size=1000)
    HealthVerdict.objects.bulk_update(
        changed_rows, ["verdict", "since", "checked_at"], batch_size=1000
    )
    HealthVerdict.objects.filter(partnership__status=PartnershipStatus.ENDED).delete()
    return changes


def health_editors() -> list[User]:
    """Who hears of the changes: active editors with an e-mail address."""
    return list(User.objects.filter(is_active=True, role=Role.EDITOR).exclude(email=""))


def health_changes_message(changes: list[VerdictChange]) -> tuple[str, str]:
    """The subject and body of the e-mail, in the active language."""
    labels = dict(Verdict.choices)
    base = settings.SITE_URL.rstrip("/")
    lines = [
        _("%(count)s partnership(s) changed verdict since the last weekly check:")
        % {"count": len(changes)},
        "",
    ]
    for change in changes:
        lines.append(
            _("- %(name)s: %(previous)s → %(verdict)s (last activity: %(last)s)")
            % {
                "name": change.name,
                "previous": labels.get(change.previous, change.previous),
                "verdict": labels.get(change.verdict, change.verdict),
                "last": change.last_activity.isoformat() if change.last_activity else _("none"),
            }
        )
        lines.append(
            "  " + base + reverse("staff:partnership_detail", args=[change.partnership_id])
        )
    lines += [
        "",
        _("All partnerships going quiet: %(url)s")
        % {"url": base + reverse("staff:partnershiphealth_list")},
    ]
    subject = _("Partnership health: %(count)s change(s) this week") % {"count": len(changes)}
    return subject, "\n".join(lines)


def health_changes_email(*, today: dt.date | None = None) -> int:
    """Refresh the verdicts and e-mail each editor the changes, in their language.

    Returns how many partnerships changed verdict. Nothing is sent when none did.
    """
    changes = health_verdicts_refresh(today=today)
    if not changes:
        return 0
    for editor in health_editors():
        language: Any = getattr(editor, "preferred_language", None) or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = health_changes_message(changes)
        try:
            send_mail(subject, body, None, [editor.email])
        except Exception:
            # One mailbox refusing must not keep the others from hearing.
            logger.exception("Could not e-mail the partnership health changes to %s", editor.pk)
    return len(changes)
