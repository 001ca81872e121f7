"""Writes of the public portal: proposals, applications with their documents, e-mails.

The business rules stay where they are written once: an application's rules in
``exchanges.services.application_submit``, a registration in
``organisations.services.organisation_register``. These services add what the portal
needs around them (documents stored with the application in one transaction, the
confirmation e-mail).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from exchanges.models import Application, ApplicationDocument, ExchangeProgram
from exchanges.services import application_submit
from intl_relations.permissions import role_of
from intl_relations.services import record_create, set_history
from intl_relations.uploads import validate_document_upload
from organisations.choices import OrganisationStatus

from .choices import ProposalStatus
from .models import Proposal

PROPOSAL_FIELDS = frozenset(
    {
        "kind",
        "title",
        "description",
        "partner_city_name",
        "themes",
        "organisation_name",
        "contact_name",
        "contact_email",
    }
)


@transaction.atomic
def proposal_submit(*, data: Mapping[str, Any], user: Any) -> Proposal:
    """A project or visit proposed to the office by anybody (signed in or not).

    A partner member's proposal is tied to their organisation, so it shows in their
    space; the office reviews it in the staff pages.
    """
    values = dict(data)
    unknown = sorted(set(values) - PROPOSAL_FIELDS)
    if unknown:
        raise ValidationError({key: _("Unknown field.") for key in unknown})
    themes = values.pop("themes", [])
    proposal = Proposal(**values, status=ProposalStatus.NEW)
    if getattr(user, "is_authenticated", False):
        proposal.submitted_by = user
        if user.organisation_id:
            proposal.organisation_id = user.organisation_id
            proposal.organisation_name = proposal.organisation_name or user.organisation.name
    set_history(proposal, user, _("Proposed on the public portal"))
    proposal.full_clean()
    proposal.save()
    proposal.themes.set(themes)
    return proposal


def member_may_apply(user: Any) -> bool:
    """Only members of an approved organisation apply through the portal."""
    organisation = getattr(user, "organisation", None)
    return bool(
        role_of(user) == "partner"
        and organisation is not None
        and organisation.status == OrganisationStatus.APPROVED
    )


@transaction.atomic
def application_submit_with_documents(
    *,
    program: ExchangeProgram,
    user: Any,
    data: Mapping[str, Any],
    documents: Iterable[tuple[str, Any]] = (),
) -> Application:
    """Apply to ``program`` for the member's organisation, with the attached documents.

    The program's rules are ``application_submit``'s; each document is checked by its
    content (type, size) and stored under a random name. Nothing is kept if anything
    is refused.
    """
    if not member_may_apply(user):
        raise PermissionDenied(
            _("Only members of an organisation approved by the office can apply.")
        )
    values = {
        **data,
        "applicant_name": user.get_full_name() or user.username,
        "applicant_email": user.email,
    }
    application = application_submit(
        program=program, user=user, organisation=user.organisation, data=values
    )
    for kind, file in documents:
        extension = validate_document_upload(file)
        original_name = (getattr(file, "name", "") or "")[:255]
        # The stored name is random: a file's address reveals nothing and cannot be guessed.
        file.name = f"{uuid.uuid4().hex}.{extension}"
        record_create(
            model=ApplicationDocument,
            data={
                "application": application,
                "kind": kind,
                "file": file,
                "original_name": original_name,
            },
            user=user,
            reason=_("Attached when applying"),
        )
    return application


def confirmation_path(member: Any) -> tuple[str, str]:
    """The two parts of the link that confirms a member's e-mail address."""
    return (
        urlsafe_base64_encode(force_bytes(member.pk)),
        default_token_generator.make_token(member),
    )


def registration_send_confirmation(*, member: Any, confirm_url: str) -> None:
    """E-mail the new member the link that confirms their address, in their language."""
    with translation.override(member.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "member": member,
            "organisation": member.organisation,
            "confirm_url": confirm_url,
        }
        subject = _("Confirm your e-mail address")
        body = render_to_string("portal/email/confirm_registration.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [member.email])
