"""Applications to exchange programs: submission, decision by staff, withdrawal.

The rules a program sets (its application window, its group size, its capacity, one
application per person) are checked here, whoever submits: the public portal, the
staff pages or the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.choices import Role
from intl_relations.permissions import Action, can, is_staff_role, restrict, role_of
from intl_relations.services import (
    check_permission,
    check_staff_decision,
    check_transition,
    validate_and_save,
)
from organisations.choices import OrganisationStatus
from organisations.models import Organisation

from .choices import APPLICATION_TRANSITIONS, ApplicationStatus
from .models import Application, ExchangeProgram

SUBMITTED_FIELDS = frozenset(
    {
        "applicant_name",
        "applicant_email",
        "motivation",
        "participants_count",
        "preferred_start_on",
        "preferred_end_on",
    }
)
DECISIONS = frozenset(
    {
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.REJECTED,
    }
)
# The applicant hears of these; "under review" is a step, not a decision.
NOTIFIED = frozenset(
    {ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED}
)


def places_taken(program: ExchangeProgram, *, excluding: Application | None = None) -> int:
    """Participants of the program's accepted applications."""
    accepted = program.applications.filter(status=ApplicationStatus.ACCEPTED)
    if excluding is not None:
        accepted = accepted.exclude(pk=excluding.pk)
    return sum(accepted.values_list("participants_count", flat=True))


def _lock(program: ExchangeProgram) -> ExchangeProgram:
    # Two submissions or decisions at once must not both take the last places.
    return ExchangeProgram.objects.select_for_update().get(pk=program.pk)


@transaction.atomic
def application_submit(
    *,
    program: ExchangeProgram,
    user: Any,
    organisation: Organisation | None,
    data: Mapping[str, Any],
) -> Application:
    """Apply to ``program`` on behalf of ``organisation`` (a partner member's own one).

    Refused, each with a message on its field: outside the application window, a
    group larger than the program allows, more participants than places left, and a
    second application by the same e-mail address to the same program.
    """
    check_permission(user, Action.ADD, Application)
    unknown = sorted(set(data) - SUBMITTED_FIELDS)
    if unknown:
        raise ValidationError({key: _("Unknown field.") for key in unknown})
    if role_of(user) == Role.PARTNER:
        if organisation is not None and organisation.pk != user.organisation_id:
            raise ValidationError(
                {"organisation": _("You can only apply on behalf of your own organisation.")}
            )
        organisation = user.organisation
    if organisation is not None and organisation.status != OrganisationStatus.APPROVED:
        # The same rule on the portal and through the API: staff approve first.
        raise ValidationError(
            {
                "organisation": _(
                    "Your organisation must be approved by the office before it applies."
                )
            }
        )
    if not restrict(ExchangeProgram.objects.filter(pk=program.pk), user).exists():
        raise ValidationError({"program": _("This program does not take applications.")})
    program = _lock(program)

    errors: dict[str, str] = {}
    today = timezone.localdate()
    if today < program.applications_open_on:
        errors["program"] = _("Applications to this program open on %(date)s.") % {
            "date": program.applications_open_on.isoformat()
        }
    elif today > program.applications_close_on:
        errors["program"] = _("Applications to this program closed on %(date)s.") % {
            "date": program.applications_close_on.isoformat()
        }
    count = data.get("participants_count") or 1
    remaining = program.capacity - places_taken(program)
    if count > program.max_participants_per_application:
        errors["participants_count"] = _(
            "This program takes at most %(max)d participants per application."
        ) % {"max": program.max_participants_per_application}
    elif count > remaining:
        errors["participants_count"] = (
            _("The program is full.")
            if remaining <= 0
            else _("Only %(n)d places are left in this program.") % {"n": remaining}
        )
    email = (data.get("applicant_email") or "").strip()
    if email and program.applications.filter(applicant_email__iexact=email).exists():
        errors["applicant_email"] = _(
            "An application with this e-mail address was already made to this program."
        )
    if errors:
        raise ValidationError(errors)

    application = Application(
        program=program,
        organisation=organisation,
        submitted_by=user if getattr(user, "is_authenticated", False) else None,
        **{**data, "applicant_email": email},
    )
    validate_and_save(application, user=user, reason=_("Application submitted"))
    return application


@transaction.atomic
def application_decide(
    *, application: Application, status: str, user: Any, note: str = ""
) -> Application:
    """Staff's decision (under review, accepted, waitlisted, rejected), e-mailed on commit.

    Accepting is refused when the program has no room left for this application's
    participants. The applicant is told in their language (French by default).
    """
    check_staff_decision(user, Application)
    if status == ApplicationStatus.WITHDRAWN:
        raise ValidationError(
            {"status": _("Withdrawing is the applicant's own move, not a decision.")}
        )
    application = Application.objects.select_for_update().get(pk=application.pk)
    current = application.status
    check_transition(Application, APPLICATION_TRANSITIONS, current, status)
    if status == ApplicationStatus.ACCEPTED:
        program = _lock(application.program)
        remaining = program.capacity - places_taken(program, excluding=application)
        if application.participants_count > remaining:
            raise ValidationError(
                {
                    "status": _(
                        "Accepting would exceed the program's capacity: %(n)d places left "
                        "for %(count)d participants."
                    )
                    % {"n": max(remaining, 0), "count": application.participants_count}
                }
            )
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = user
    application.decision_note = note
    validate_and_save(application, user=user, reason=(note or status)[:100])
    if status in NOTIFIED:
        pk = application.pk
        transaction.on_commit(lambda: application_notify_decision(application_id=pk))
    return application


def application_notify_decision(*, application_id: int) -> None:
    """E-mail the applicant the decision, in their language."""
    application = Application.objects.select_related("program", "submitted_by").get(
        pk=application_id
    )
    language = getattr(application.submitted_by, "preferred_language", "") or (
        settings.LANGUAGE_CODE
    )
    with translation.override(language):
        context = {
            "application": application,
            "program": application.program,
            "status": application.get_status_display(),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("exchanges/email/application_decision_subject.txt", context)
        body = render_to_string("exchanges/email/application_decision.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [application.applicant_email],
    )


@transaction.atomic
def application_withdraw(*, application: Application, user: Any) -> Application:
    """The applicant (or their organisation, or the office for them) withdraws."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    own = getattr(user, "is_authenticated", False) and (
        application.submitted_by_id == user.pk
        or (user.organisation_id and application.organisation_id == user.organisation_id)
    )
    office = is_staff_role(user) and can(user, Action.CHANGE, Application)
    if not (own or office):
        raise PermissionDenied(_("Only the applicant can withdraw this application."))
    check_transition(
        Application, APPLICATION_TRANSITIONS, application.status, ApplicationStatus.WITHDRAWN
    )
    application.status = ApplicationStatus.WITHDRAWN
    return validate_and_save(application, user=user, reason=_("Withdrawn by the applicant"))
