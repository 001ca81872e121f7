"""Reads of personal data: where a person appears, and the export of what we hold.

A person is found by e-mail (exact, case-insensitive: the sure match) or by name
(contains, case-insensitive: a hint, since two people share a name). Only records
that still hold someone are found: anonymised rows carry no name or e-mail any more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, F, Model, Q, QuerySet, Value
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Concat
from django.utils import timezone
from django_countries.fields import Country

from exchanges.models import Application
from portal.models import Proposal

from .registry import KINDS, KINDS_BY_MODEL, PersonalDataKind

# A name search shorter than this would list half the portal.
MIN_NAME_LENGTH = 3
# Per kind of record: a search that finds more is too vague to act on.
SEARCH_LIMIT = 50


@dataclass(frozen=True)
class PersonRecord:
    """One record where a person appears, as the staff page lists it."""

    kind: PersonalDataKind
    obj: Model
    matched_by_email: bool

    @property
    def label(self) -> str:
        return self.kind.record_label(self.obj)

    @property
    def name(self) -> str:
        return self.kind.name(self.obj)

    @property
    def email(self) -> str:
        return self.kind.email(self.obj)

    @property
    def context(self) -> str:
        return self.kind.context(self.obj)

    @property
    def page_object(self) -> Model:
        """The record whose staff page shows this one (a member: their delegation)."""
        return self.kind.parent(self.obj) or self.obj


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _email_q(kind: PersonalDataKind, email: str) -> Q:
    return Q(**{f"{kind.email_field}__iexact": email})


def _name_q(kind: PersonalDataKind, name: str) -> Q:
    """``name`` within any name field, or within them all joined ("Jana Novak")."""
    q = Q()
    for field_name in kind.name_fields:
        q |= Q(**{f"{field_name}__icontains": name})
    if len(kind.name_fields) > 1:
        q |= Q(person_name__icontains=name)
    return q


def _with_person_name(kind: PersonalDataKind, queryset: QuerySet) -> QuerySet:
    if len(kind.name_fields) < 2:
        return queryset
    parts: list[Any] = []
    for field_name in kind.name_fields:
        parts.extend([F(field_name), Value(" ")])
    return queryset.alias(person_name=Concat(*parts[:-1], output_field=CharField()))


def records_matching_email(kind: PersonalDataKind, email: str) -> list[Model]:
    """Every record of ``kind`` with this e-mail (none for an empty e-mail)."""
    email = normalise_email(email)
    if not email:
        return []
    return list(kind.queryset().filter(_email_q(kind, email)).exclude(kind.done).order_by("pk"))


def person_records(*, email: str = "", name: str = "") -> list[PersonRecord]:
    """The records where a person appears: by e-mail, and by name when one is given."""
    email = normalise_email(email)
    name = name.strip()
    if len(name) < MIN_NAME_LENGTH:
        name = ""
    found: list[PersonRecord] = []
    for kind in KINDS:
        q = Q(pk__in=[])
        if email:
            q |= _email_q(kind, email)
        if name:
            q |= _name_q(kind, name)
        if not (email or name):
            continue
        rows = (
            _with_person_name(kind, kind.queryset())
            .filter(q)
            .exclude(kind.done)
            .order_by("pk")[:SEARCH_LIMIT]
        )
        found.extend(
            PersonRecord(
                kind=kind,
                obj=obj,
                matched_by_email=bool(email) and kind.email(obj).lower() == email,
            )
            for obj in rows
        )
    return found


def person_and_namesakes(*, email: str) -> list[PersonRecord]:
    """The records with ``email``, then those bearing one of their names but not it.

    A delegation member is often typed in without an e-mail: staff tick, among these
    namesakes, the records that are the same person.
    """
    found = person_records(email=email)
    seen = {record.label for record in found}
    names = sorted({record.name for record in found if len(record.name) >= MIN_NAME_LENGTH})
    for name in names:
        for record in person_records(name=name):
            if record.label not in seen:
                seen.add(record.label)
                found.append(record)
    return found


def record_from_label(label: str) -> Model | None:
    """The record named ``app.model:pk`` if it is one that can hold a person."""
    model_label, _, pk = label.partition(":")
    kind = KINDS_BY_MODEL.get(model_label)
    if kind is None or not pk.isdigit():
        return None
    return kind.queryset().exclude(kind.done).filter(pk=int(pk)).first()


# --- export -----------------------------------------------------------------------


def _value(obj: Model, field: Any) -> Any:
    if field.is_relation:
        related = getattr(obj, field.name)
        return None if related is None else {"id": related.pk, "label": str(related)}
    value = getattr(obj, field.name)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Country):
        return value.code or ""
    return value


# Never part of an export: secrets, not data about the person.
EXCLUDED_FIELDS = frozenset({"password"})


def _record_data(obj: Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in EXCLUDED_FIELDS:
            continue
        data[field.name] = _value(obj, field)
    return data


def _history_data(obj: Model) -> list[dict[str, Any]]:
    history = getattr(obj, "history", None)
    if history is None:
        return []
    # The history table leaves some fields out (a user's password and last sign-in).
    kept = {field.attname for field in history.model._meta.concrete_fields}
    names = [
        field.attname
        for field in obj._meta.concrete_fields
        if field.name not in EXCLUDED_FIELDS and not field.is_relation and field.attname in kept
    ]
    rows = history.order_by("history_date").values(
        "history_date", "history_type", "history_change_reason", "history_user__username", *names
    )
    return [
        {
            "date": row.pop("history_date"),
            "change": {"+": "created", "~": "changed", "-": "deleted"}[row.pop("history_type")],
            "reason": row.pop("history_change_reason") or "",
            "by": row.pop("history_user__username") or "",
            "values": row,
        }
        for row in rows
    ]


def _export_record(kind: PersonalDataKind, obj: Model) -> dict[str, Any]:
    data: dict[str, Any] = {
        "record": kind.record_label(obj),
        "kind": str(kind.label),
        "data": _record_data(obj),
        "history": _history_data(obj),
    }
    if isinstance(obj, Application):
        data["documents"] = [
            {"kind": doc.get_kind_display(), "name": doc.original_name, "file": doc.file.name}
            for doc in obj.documents.all()
        ]
    if kind.key == "user":
        data["applications_submitted"] = list(
            Application.objects.filter(submitted_by_id=obj.pk)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        data["proposals_submitted"] = list(
            Proposal.objects.filter(submitted_by_id=obj.pk)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return data


def person_export(*, email: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the portal holds about the person with ``email``, as plain JSON data.

    Every record that carries the e-mail, with all its fields, the documents attached
    to an application, and each version of it kept in the edit history. Records of
    other people (the delegation the member belonged to, the program applied to) are
    named, not copied.
    """
    email = normalise_email(email)
    records = {
        kind.key: [_export_record(kind, obj) for obj in records_matching_email(kind, email)]
        for kind in KINDS
    }
    return {
        "email": email,
        "generated_at": (now or timezone.now()).isoformat(timespec="seconds"),
        "records": {key: rows for key, rows in records.items() if rows},
        "count": sum(len(rows) for rows in records.values()),
    }
