"""Writes on personal data: anonymise after the retention period, erase one person.

Both replace a person's fields with neutral values (``registry.KINDS`` says which)
instead of deleting the record: a delegation keeps its number of members, a program
its applications and participants, with their role, status and dates, so the annual
reports of past years keep their figures.

The edit history is kept honestly, despite bulk writes:

* the new version of each record is written with ``bulk_update_with_history``, which
  creates its history row (plain ``queryset.update()`` and ``bulk_update`` would record
  nothing), with who did it (none for the daily run) and the reason;
* the older versions in the history table still hold the person's name and e-mail, so
  their personal fields are overwritten too. The history tables are the audit log,
  not audited models: this is the one place that updates them, and on purpose.

Documents attached to an application (CVs, letters) are deleted, with their files once
the transaction commits.

Who may erase: administrators only (``privacy.erasure`` is in the permission helper's
``ADMIN_ONLY_MODELS``), the same rule on the staff page, in the admin and here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from delegations.models import DelegationMember
from exchanges.models import Application, ApplicationDocument, Participant
from intl_relations.permissions import Action
from intl_relations.services import check_permission, set_history

from .models import Erasure
from .registry import KINDS, KINDS_BY_MODEL, PersonalDataKind, kind_of
from .selectors import normalise_email, records_matching_email

BATCH_SIZE = 500
# simple-history keeps a change reason of at most this many characters.
REASON_LENGTH = 100


@dataclass
class AnonymisationResult:
    """What a retention run changed (or, in a dry run, would change)."""

    cutoff: dt.date
    retention_years: int
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    documents_deleted: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class ErasureResult:
    """What an erasure changed, and the trace it left."""

    erasure: Erasure
    counts: dict[str, int] = field(default_factory=dict)
    documents_deleted: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def retention_cutoff(today: dt.date, retention_years: int) -> dt.date:
    """The same day ``retention_years`` earlier (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - retention_years)
    except ValueError:
        return today.replace(year=today.year - retention_years, day=28)


def expired_records(*, cutoff: dt.date) -> dict[str, QuerySet]:
    """The records still holding a person whose activity ended before ``cutoff``.

    Members of delegations that ended before it; applications and participants of
    programs whose period ended before it (a program without an end date counts from
    its start, and one without dates from the close of its applications).
    """
    program_end = Coalesce(
        "program__ends_on", "program__starts_on", "program__applications_close_on"
    )
    member = KINDS_BY_MODEL["delegations.delegationmember"]
    application = KINDS_BY_MODEL["exchanges.application"]
    participant = KINDS_BY_MODEL["exchanges.participant"]
    return {
        member.key: DelegationMember.objects.filter(delegation__ends_on__lt=cutoff).exclude(
            member.done
        ),
        application.key: Application.objects.alias(program_end=program_end)
        .filter(program_end__lt=cutoff)
        .exclude(application.done),
        participant.key: Participant.objects.alias(program_end=program_end)
        .filter(program_end__lt=cutoff)
        .exclude(participant.done),
    }


def _chunks(pks: Sequence[int], size: int = BATCH_SIZE) -> Iterable[Sequence[int]]:
    for start in range(0, len(pks), size):
        yield pks[start : start + size]


def _anonymise(kind: PersonalDataKind, objs: list[Model], *, user: Any, reason: str) -> int:
    """Replace the personal fields of ``objs`` (one kind), with history; returns the count."""
    if not objs:
        return 0
    now = timezone.now()
    names: set[str] = set()
    for obj in objs:
        values = kind.erased(obj)
        names.update(values)
        for name, value in values.items():
            setattr(obj, name, value)
        # Only the changed fields: the others are unchanged and their foreign keys
        # would each cost a query to validate.
        obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.name not in values])
        if hasattr(obj, "updated_at"):
            obj.updated_at = now
        if isinstance(obj, User):
            obj.set_unusable_password()  # signs them out of every session, too
    if hasattr(objs[0], "updated_at"):
        names.add("updated_at")
    if kind.key == "user":
        names.add("password")
    fields = sorted(names)
    history_user = user if getattr(user, "is_authenticated", False) else None
    bulk_update_with_history(
        objs,
        kind.model,
        fields,
        batch_size=BATCH_SIZE,
        default_user=history_user,
        default_change_reason=reason[:REASON_LENGTH],
    )
    pks = [obj.pk for obj in objs]
    kind.model.history.filter(id__in=pks).update(**kind.history_values())  # type: ignore[attr-defined]
    if kind.key == "user":
        AuthToken.objects.filter(user_id__in=pks).delete()
    return len(objs)


def _delete_documents(application_ids: Sequence[int], *, user: Any, reason: str) -> int:
    """Delete the documents of these applications, with history, and their files."""
    documents = list(ApplicationDocument.objects.filter(application_id__in=application_ids))
    for document in documents:
        set_history(document, user, reason[:REASON_LENGTH])
        name, storage = document.file.name, document.file.storage
        document.delete()
        if name:
            transaction.on_commit(partial(storage.delete, name))
    if documents:
        ApplicationDocument.history.filter(id__in=[doc.pk for doc in documents]).update(
            original_name="", file=""
        )
    return len(documents)


@transaction.atomic
def personal_data_anonymise_expired(
    *,
    today: dt.date,
    retention_years: int,
    user: Any = None,
    dry_run: bool = False,
) -> AnonymisationResult:
    """Anonymise delegation members, applications and participants kept past retention.

    Idempotent: rows already anonymised are not touched again, so a second run the
    same day changes nothing and writes no history. A dry run only counts.
    """
    if retention_years < 0:
        raise ValidationError({"retention_years": _("The retention period cannot be negative.")})
    cutoff = retention_cutoff(today, retention_years)
    result = AnonymisationResult(cutoff=cutoff, retention_years=retention_years, dry_run=dry_run)
    reason = _("Personal data anonymised after the retention period (%(years)s years)") % {
        "years": retention_years
    }
    for key, queryset in expired_records(cutoff=cutoff).items():
        pks = list(queryset.order_by("pk").values_list("pk", flat=True))
        result.counts[key] = len(pks)
        if dry_run or not pks:
            if key == "application" and pks:
                result.documents_deleted += ApplicationDocument.objects.filter(
                    application_id__in=pks
                ).count()
            continue
        kind = next(kind for kind in KINDS if kind.key == key)
        for chunk in _chunks(pks):
            objs = list(kind.model._default_manager.filter(pk__in=chunk))
            _anonymise(kind, objs, user=user, reason=reason)
            if key == "application":
                result.documents_deleted += _delete_documents(chunk, user=user, reason=reason)
    return result


@transaction.atomic
def person_erase(
    *,
    user: Any,
    reason: str,
    email: str = "",
    records: Sequence[Model] = (),
) -> ErasureResult:
    """Erase one person: every record with ``email``, and the ``records`` chosen by staff.

    The records keep their place (a member still counts in their delegation) but lose
    the person's name, e-mail, phone and notes, in their history too; a partner user's
    account is deactivated and its API tokens revoked. Each change is recorded in the
    history with ``user`` and the reason, and an ``Erasure`` row keeps the full reason
    and the list of records, without saying whose they were.
    """
    check_permission(user, Action.ADD, Erasure)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this person's data is erased.")})
    email = normalise_email(email)
    chosen: dict[str, Model] = {}
    for kind in KINDS:
        for obj in records_matching_email(kind, email):
            chosen[kind.record_label(obj)] = obj
    for obj in records:
        kind = kind_of(obj)  # KeyError: not a record that holds a person
        if kind.holds_person(obj):
            chosen.setdefault(kind.record_label(obj), obj)
    if not chosen:
        raise ValidationError(_("No record of this person was found: nothing was erased."))

    history_reason = _("Erased on request: %(reason)s") % {"reason": reason}
    erasure = Erasure(erased_by=user, reason=reason, records=sorted(chosen))
    erasure.full_clean()
    erasure.save()
    result = ErasureResult(erasure=erasure)
    for kind in KINDS:
        objs = [obj for obj in chosen.values() if kind_of(obj) is kind]
        if not objs:
            continue
        result.counts[kind.key] = _anonymise(kind, objs, user=user, reason=history_reason)
        if kind.key == "application":
            result.documents_deleted = _delete_documents(
                [obj.pk for obj in objs], user=user, reason=history_reason
            )
    return result
