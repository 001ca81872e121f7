"""The one permission helper: who may do what, on which rows.

Every entry point (REST API, staff pages, admin, public portal, exports, reports)
asks the same two questions here:

* ``can(user, action, model)``: may this user perform this action on this model at all?
* ``restrict(queryset, user, action)``: which rows of this queryset may they act on?

Rows outside the scope are simply absent, so a guessed id answers 404, never 403.
The table ``VISIBILITY`` below is the whole answer to "who sees what" for people
who are not office staff: anonymous visitors see what is published, partner
organisation members also see their own organisation's records.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.choices import Role

if TYPE_CHECKING:
    from accounts.models import User


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.EDITOR, Role.VIEWER})

# Models only administrators may change: people's accounts and their roles; and
# erasures of a person's data (the "Personal data" page, its admin and its service).
ADMIN_ONLY_MODELS = frozenset({"accounts.user", "knox.authtoken", "privacy.erasure"})

# What a partner organisation member may write, always within their own scope and
# always through the services that check the business rules.
PARTNER_WRITES: dict[str, frozenset[Action]] = {
    "exchanges.application": frozenset({Action.ADD}),
    "exchanges.applicationdocument": frozenset({Action.ADD}),
    "portal.proposal": frozenset({Action.ADD}),
    "organisations.organisation": frozenset({Action.CHANGE}),
    "organisations.contact": frozenset({Action.ADD, Action.CHANGE, Action.DELETE}),
}

# A person's own requests rather than the office's records: every staff role, viewers
# included, makes them (a viewer downloads the lists it reads); each sees only their own
# (``downloads.services.downloads_for``).
OWN_REQUESTS = frozenset({"downloads.download"})

NOTHING = Q(pk__in=[])


def role_of(user: Any) -> str | None:
    """The user's effective role, or None for an anonymous or inactive visitor."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Role.ADMINISTRATOR if user.is_superuser else user.role


def is_staff_role(user: Any) -> bool:
    return role_of(user) in STAFF_ROLES


def _label(model: type[Model] | Model) -> str:
    return model._meta.label_lower


def can(user: Any, action: Action | str, model: type[Model] | Model) -> bool:
    """May ``user`` perform ``action`` on ``model`` (before any row scoping)?"""
    action = Action(action)
    role = role_of(user)
    label = _label(model)
    if role == Role.ADMINISTRATOR:
        return True
    if label in ADMIN_ONLY_MODELS:
        return False
    if action == Action.VIEW:
        # Everybody reads; ``restrict`` decides which rows.
        return True
    if label in OWN_REQUESTS:
        return role in STAFF_ROLES
    if role == Role.EDITOR:
        return True
    if role == Role.PARTNER and user.organisation_id:
        return action in PARTNER_WRITES.get(label, frozenset())
    return False


# --- Row scoping for people who are not office staff ------------------------------
# Each entry: (rows anyone may see, rows the member's own organisation may see).
# A ``None`` for "own" means partner members see only the public rows.


def _published(**extra: Any) -> Callable[[Any], Q]:
    return lambda user: Q(published=True, **extra)


def _own(path: str) -> Callable[[Any], Q]:
    def rule(user: Any) -> Q:
        if not user.is_authenticated or not getattr(user, "organisation_id", None):
            return NOTHING
        return Q(**{path: user.organisation_id})

    return rule


def _own_application(prefix: str = "") -> Callable[[Any], Q]:
    def rule(user: Any) -> Q:
        if not user.is_authenticated:
            return NOTHING
        q = Q(**{f"{prefix}submitted_by": user.pk})
        if user.organisation_id:
            q |= Q(**{f"{prefix}organisation": user.organisation_id})
        return q

    return rule


def _partner_city_public(user: Any) -> Q:
    from partnerships.models import Partnership

    return Q(Exists(Partnership.objects.filter(partner_city=OuterRef("pk"), published=True)))


def _everyone(user: Any) -> Q:
    return Q()


def _nobody(user: Any) -> Q:
    return NOTHING


def _organisation_own(user: Any) -> Q:
    if not user.is_authenticated or not getattr(user, "organisation_id", None):
        return NOTHING
    return Q(pk=user.organisation_id)


def _own_self(user: Any) -> Q:
    return Q(pk=user.pk) if user.is_authenticated else NOTHING


VISIBILITY: dict[str, tuple[Callable[[Any], Q], Callable[[Any], Q]]] = {
    "accounts.user": (_nobody, _own_self),
    "organisations.organisation": (
        lambda user: Q(published=True, status="approved"),
        _organisation_own,
    ),
    "organisations.contact": (_nobody, _own("organisation")),
    "partnerships.theme": (_everyone, _nobody),
    "partnerships.localgovernment": (_everyone, _nobody),
    "partnerships.partnercity": (_partner_city_public, _nobody),
    "partnerships.partnership": (_published(), _nobody),
    "partnerships.partnershipdocument": (
        lambda user: Q(is_public=True, partnership__published=True),
        _nobody,
    ),
    "cooperation.network": (_everyone, _nobody),
    "cooperation.networkmembership": (_nobody, _nobody),
    "cooperation.cooperationproject": (_published(), _nobody),
    "cooperation.budgetline": (_nobody, _nobody),
    "delegations.delegation": (_published(), _nobody),
    "delegations.delegationmember": (_nobody, _nobody),
    "delegations.programmeitem": (_nobody, _nobody),
    "delegations.delegationcost": (_nobody, _nobody),
    "delegations.followupaction": (_nobody, _nobody),
    "diaspora.consulate": (_published(), _nobody),
    "diaspora.diasporagroup": (_published(), _nobody),
    "exchanges.exchangeprogram": (_published(), _nobody),
    "exchanges.application": (_nobody, _own_application()),
    "exchanges.applicationdocument": (_nobody, _own_application("application__")),
    "exchanges.participant": (_nobody, _own("organisation")),
    "reports.reportrun": (lambda user: Q(published=True, status="done"), _nobody),
    "reports.reporthighlight": (_nobody, _nobody),
    "portal.proposal": (_nobody, _own_application()),
}


def visibility_q(user: Any, model: type[Model]) -> Q:
    """The rows of ``model`` a non-staff ``user`` may see. Unlisted models: none."""
    public, own = VISIBILITY.get(_label(model), (_nobody, _nobody))
    q = public(user)
    # An empty Q means every row; OR-ing it with another Q would keep only the other.
    if role_of(user) == Role.PARTNER and q:
        q |= own(user)
    return q


def restrict(queryset: QuerySet, user: Any, action: Action | str = Action.VIEW) -> QuerySet:
    """Narrow ``queryset`` to the rows ``user`` may perform ``action`` on."""
    action = Action(action)
    model = queryset.model
    if not can(user, action, model):
        return queryset.none()
    if is_staff_role(user):
        return queryset
    q = visibility_q(user, model)
    if action != Action.VIEW:
        # Partner members write only their own rows, never merely public ones.
        _, own = VISIBILITY.get(_label(model), (_nobody, _nobody))
        q = own(user)
    return queryset.filter(q)


def can_view_object(user: Any, obj: Model) -> bool:
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


class RolePermission(BasePermission):
    """DRF side of the helper: the viewset's queryset is restricted by the same rules."""

    ACTIONS = {
        "GET": Action.VIEW,
        "HEAD": Action.VIEW,
        "OPTIONS": Action.VIEW,
        "POST": Action.ADD,
        "PUT": Action.CHANGE,
        "PATCH": Action.CHANGE,
        "DELETE": Action.DELETE,
    }

    def has_permission(self, request: Any, view: Any) -> bool:
        model = getattr(getattr(view, "queryset", None), "model", None)
        if model is None:
            return request.method in SAFE_METHODS or is_staff_role(request.user)
        action = getattr(view, "permission_action", None) or self.ACTIONS.get(
            request.method, Action.CHANGE
        )
        return can(request.user, action, model)


def user_role_for_display(user: User | None) -> str:
    return role_of(user) or "anonymous"


class StaffReadPermission(BasePermission):
    """Reads for office staff only: figures computed over every record of the office
    (the territory diagnosis), which no partner member or visitor may see. Anonymous
    callers are asked to authenticate (401), partner members refused (403)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return request.method in SAFE_METHODS and is_staff_role(request.user)
