"""Where the portal keeps personal data, and what each record becomes once anonymised.

One table (``KINDS``) answers, for every kind of record that holds a person, the
questions the search, the export, the retention run and the erasure all ask: which
field holds the e-mail, which fields hold the name, and which values replace the
personal fields. Everything else on the record (role, status, dates, counts, the
delegation or program it belongs to, the organisation) is a fact about the office's
activity, not about the person, and is kept: the annual reports count members,
applications and participants by role, status, direction and date, so their
figures stay the same after anonymisation.

The edit history (django-simple-history) keeps a full copy of every version of a
record, so anonymising the live row alone would leave the person in the history.
``history_values`` are what those copies' personal fields become.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, Expression, Model, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from delegations.models import DelegationMember
from diaspora.models import Consulate
from exchanges.models import Application, Participant
from organisations.models import Contact
from portal.models import Proposal

# What a required name or text field holds once anonymised. Stored data, so not
# translated: the same marker whatever the language of the person who looks.
MARKER = "[anonymised]"
# A required e-mail field needs an address: one per record (an application's e-mail
# is unique per program) in the ``.invalid`` domain, which can never receive mail.
EMAIL_DOMAIN = "anonymised.invalid"


def anonymous_email(pk: int) -> str:
    return f"anonymised-{pk}@{EMAIL_DOMAIN}"


def _anonymous_email_expression() -> Expression:
    """``anonymous_email`` in SQL, for the history rows (their ``id`` is the record's)."""
    return Concat(
        Value("anonymised-"),
        Cast("id", CharField()),
        Value(f"@{EMAIL_DOMAIN}"),
        output_field=CharField(),
    )


@dataclass(frozen=True)
class PersonalDataKind:
    """One kind of record that holds a person."""

    key: str
    model: type[Model]
    label: Promise
    email_field: str
    name_fields: tuple[str, ...]
    #: The record's personal fields and their neutral values.
    erased: Callable[[Any], dict[str, Any]]
    #: The same for the copies in its history table (SQL expressions allowed).
    history_values: Callable[[], dict[str, Any]]
    #: Rows already anonymised, left alone (a second run changes nothing).
    done: Q
    select_related: tuple[str, ...] = ()
    #: Only these rows may be matched (users: partner members, never staff accounts).
    scope: Q = field(default_factory=Q)
    #: The record whose staff page shows this one, and what to say about it.
    context: Callable[[Any], str] = str
    parent: Callable[[Any], Model | None] = lambda obj: None

    def queryset(self) -> QuerySet:
        return self.model._default_manager.filter(self.scope).select_related(*self.select_related)

    def name(self, obj: Any) -> str:
        return " ".join(str(getattr(obj, name)) for name in self.name_fields if getattr(obj, name))

    def email(self, obj: Any) -> str:
        return getattr(obj, self.email_field)

    def holds_person(self, obj: Model) -> bool:
        """Whether ``obj`` is in scope and not yet anonymised."""
        return self.queryset().filter(pk=obj.pk).exclude(self.done).exists()

    def record_label(self, obj: Model) -> str:
        return f"{obj._meta.label_lower}:{obj.pk}"


def _member_values(obj: Any) -> dict[str, Any]:
    return {"full_name": MARKER, "email": "", "phone": "", "position": ""}


def _application_values(obj: Any) -> dict[str, Any]:
    return {
        "applicant_name": MARKER,
        "applicant_email": anonymous_email(obj.pk),
        "motivation": MARKER,
        "decision_note": "",
    }


def _participant_values(obj: Any) -> dict[str, Any]:
    return {"full_name": MARKER, "email": ""}


def _contact_values(obj: Any) -> dict[str, Any]:
    return {
        "first_name": "",
        "last_name": MARKER,
        "position": "",
        "email": "",
        "phone": "",
        "notes": "",
    }


def _consulate_values(obj: Any) -> dict[str, Any]:
    # The consulate stays in the directory; only the consul's own details go.
    return {"consul_name": "", "email": "", "phone": "", "notes": ""}


def _proposal_values(obj: Any) -> dict[str, Any]:
    return {
        "contact_name": MARKER,
        "contact_email": anonymous_email(obj.pk),
        "staff_notes": "",
    }


def _user_values(obj: Any) -> dict[str, Any]:
    return {
        "username": f"erased-{obj.pk}",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": False,
    }


def _user_history_values() -> dict[str, Any]:
    return {
        "username": Concat(Value("erased-"), Cast("id", CharField()), output_field=CharField()),
        "first_name": "",
        "last_name": "",
        "email": "",
    }


def _delegation_context(obj: Any) -> str:
    delegation = obj.delegation
    return f"{delegation} ({delegation.starts_on.isoformat()} – {delegation.ends_on.isoformat()})"


def _program_context(obj: Any) -> str:
    return str(obj.program)


KINDS: tuple[PersonalDataKind, ...] = (
    PersonalDataKind(
        key="delegation_member",
        model=DelegationMember,
        label=_("Delegation member"),
        email_field="email",
        name_fields=("full_name",),
        erased=_member_values,
        history_values=lambda: _member_values(None),
        done=Q(full_name=MARKER),
        select_related=("delegation",),
        context=_delegation_context,
        parent=lambda obj: obj.delegation,
    ),
    PersonalDataKind(
        key="application",
        model=Application,
        label=_("Application to an exchange program"),
        email_field="applicant_email",
        name_fields=("applicant_name",),
        erased=_application_values,
        history_values=lambda: {
            "applicant_name": MARKER,
            "applicant_email": _anonymous_email_expression(),
            "motivation": MARKER,
            "decision_note": "",
        },
        done=Q(applicant_name=MARKER),
        select_related=("program",),
        context=_program_context,
    ),
    PersonalDataKind(
        key="participant",
        model=Participant,
        label=_("Exchange participant"),
        email_field="email",
        name_fields=("full_name",),
        erased=_participant_values,
        history_values=lambda: _participant_values(None),
        done=Q(full_name=MARKER),
        select_related=("program",),
        context=_program_context,
    ),
    PersonalDataKind(
        key="contact",
        model=Contact,
        label=_("Contact"),
        email_field="email",
        name_fields=("first_name", "last_name"),
        erased=_contact_values,
        history_values=lambda: _contact_values(None),
        done=Q(last_name=MARKER),
        select_related=("organisation", "partner_city"),
        context=lambda obj: str(obj.organisation or obj.partner_city),
    ),
    PersonalDataKind(
        key="consul",
        model=Consulate,
        label=_("Consul"),
        email_field="email",
        name_fields=("consul_name",),
        erased=_consulate_values,
        history_values=lambda: _consulate_values(None),
        done=Q(consul_name="", email="", phone=""),
        context=str,
    ),
    PersonalDataKind(
        key="proposal",
        model=Proposal,
        label=_("Contact of a proposal"),
        email_field="contact_email",
        name_fields=("contact_name",),
        erased=_proposal_values,
        history_values=lambda: {
            "contact_name": MARKER,
            "contact_email": _anonymous_email_expression(),
            "staff_notes": "",
        },
        done=Q(contact_name=MARKER),
        context=lambda obj: obj.title,
    ),
    PersonalDataKind(
        key="user",
        model=User,
        label=_("Partner user account"),
        email_field="email",
        name_fields=("first_name", "last_name", "username"),
        erased=_user_values,
        history_values=_user_history_values,
        done=Q(username__startswith="erased-", is_active=False),
        select_related=("organisation",),
        scope=Q(role=Role.PARTNER, is_superuser=False),
        context=lambda obj: str(obj.organisation or ""),
    ),
)

KINDS_BY_MODEL: dict[str, PersonalDataKind] = {kind.model._meta.label_lower: kind for kind in KINDS}


def kind_of(obj: Model) -> PersonalDataKind:
    return KINDS_BY_MODEL[obj._meta.label_lower]
