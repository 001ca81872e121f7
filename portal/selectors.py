"""Reads of the public portal: published records only, a member's own space, proposals."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, OuterRef, QuerySet

from delegations.choices import DelegationStatus
from delegations.models import Delegation
from diaspora.models import Consulate, DiasporaGroup
from exchanges.choices import ParticipantStatus
from exchanges.models import Application, ApplicationDocument, ExchangeProgram, Participant
from intl_relations.permissions import Action, restrict
from intl_relations.selectors import apply_filters, scoped
from organisations.choices import OrganisationKind
from organisations.models import Organisation
from partnerships.choices import PartnershipStatus
from partnerships.models import PartnerCity, Partnership, PartnershipDocument

from .filtersets import ProposalFilterSet
from .models import Proposal


def proposal_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Proposal]:
    qs = scoped(
        Proposal.objects.select_related("organisation", "submitted_by").prefetch_related("themes"),
        user,
        action,
    )
    return apply_filters(qs, ProposalFilterSet, filters)


# --- The public portal ----------------------------------------------------------------
# Public pages show what the public may see, whoever looks: the permission helper's
# answer for an anonymous visitor. (Staff see unpublished records in the staff pages,
# never on the portal, so the portal never shows them something the public would not.)


def public_viewer() -> AnonymousUser:
    return AnonymousUser()


def public_partner_cities() -> QuerySet[PartnerCity]:
    from partnerships.selectors import partner_city_list

    return partner_city_list(user=public_viewer())


def public_partnerships() -> QuerySet[Partnership]:
    from partnerships.selectors import partnership_list

    return partnership_list(user=public_viewer())


def public_partnership_documents() -> QuerySet[PartnershipDocument]:
    from partnerships.selectors import partnership_document_list

    return partnership_document_list(user=public_viewer())


def public_map_cities() -> QuerySet[PartnerCity, dict[str, Any]]:
    """Published partner cities with coordinates, as plain rows.

    No model instance: at national scale the map draws thousands of cities, and
    building an object (and its prefetched partnerships) for each cost more than the
    rest of the answer.
    """
    return (
        public_partner_cities()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("name", "pk")
        .values("pk", "name", "country", "latitude", "longitude", "partnerships_count")
    )


def public_map_partnerships() -> QuerySet[Partnership]:
    """The published partnerships of a mapped city (the outer row: ``OuterRef("pk")``),
    in the order the map lists them."""
    return (
        restrict(Partnership.objects.all(), public_viewer())
        .filter(partner_city=OuterRef("pk"))
        .order_by("kind", "pk")
    )


def public_delegations() -> QuerySet[Delegation]:
    from delegations.selectors import delegation_list

    return delegation_list(user=public_viewer()).exclude(status=DelegationStatus.CANCELLED)


def delegation_news(
    *, today: dt.date, past_days: int = 180, limit: int = 6
) -> tuple[list[Delegation], list[Delegation]]:
    """Published delegations: the upcoming ones (soonest first) and the recent ones."""
    delegations = public_delegations()
    # The few ids first, by the end date's index; then their rows with what they show.
    # Asked at once, PostgreSQL would walk 30,000 published delegations in date order,
    # joins and all, looking for the handful not over yet (18 ms against 1 at national
    # scale): it cannot know that those are the last ones.
    upcoming = list(
        delegations.filter(ends_on__gte=today)
        .order_by("starts_on", "title")
        .values_list("pk", flat=True)[:limit]
    )
    recent = list(
        delegations.filter(ends_on__lt=today, ends_on__gte=today - dt.timedelta(days=past_days))
        .order_by("-starts_on", "title")
        .values_list("pk", flat=True)[:limit]
    )
    rows = delegations.in_bulk(upcoming + recent)
    return [rows[pk] for pk in upcoming], [rows[pk] for pk in recent]


def public_programs() -> QuerySet[ExchangeProgram]:
    from exchanges.selectors import exchange_program_list

    return exchange_program_list(user=public_viewer())


def open_programs(*, today: dt.date) -> QuerySet[ExchangeProgram]:
    """Published programs whose application window is open today, closing soonest first."""
    return (
        public_programs()
        .filter(applications_open_on__lte=today, applications_close_on__gte=today)
        .order_by("applications_close_on", "title")
    )


def public_consulates() -> QuerySet[Consulate]:
    return restrict(Consulate.objects.all(), public_viewer())


ASSOCIATION_KINDS = (
    OrganisationKind.DIASPORA_ASSOCIATION,
    OrganisationKind.SOLIDARITY_ASSOCIATION,
)


def public_associations() -> QuerySet[Organisation]:
    """Published, approved diaspora and international solidarity associations."""
    return (
        restrict(Organisation.objects.all(), public_viewer())
        .filter(kind__in=ASSOCIATION_KINDS)
        .order_by("name")
    )


def public_diaspora_groups() -> QuerySet[DiasporaGroup]:
    from diaspora.selectors import diaspora_group_list

    return diaspora_group_list(user=public_viewer()).order_by("name")


def key_figures(*, today: dt.date) -> dict[str, int]:
    """The home page's figures, over published records only."""
    partnerships = restrict(Partnership.objects.all(), public_viewer())
    cities = public_partner_cities()
    programs = restrict(ExchangeProgram.objects.all(), public_viewer())
    mapped = cities.order_by().aggregate(
        cities=Count("pk"), countries=Count("country", distinct=True)
    )
    return {
        "partner_cities": mapped["cities"],
        "active_partnerships": partnerships.filter(status=PartnershipStatus.ACTIVE).count(),
        "countries": mapped["countries"],
        "delegations_this_year": public_delegations().filter(starts_on__year=today.year).count(),
        # A count, not a list: participants themselves are never public.
        "exchange_participants": Participant.objects.filter(program__in=programs)
        .exclude(status=ParticipantStatus.CANCELLED)
        .count(),
    }


# --- A partner member's own space -------------------------------------------------------


def member_applications(*, user: Any) -> QuerySet[Application]:
    from exchanges.selectors import application_list

    return application_list(user=user).order_by("-submitted_at")


def member_application_documents(*, user: Any) -> QuerySet[ApplicationDocument]:
    from exchanges.selectors import application_document_list

    return application_document_list(user=user)


def member_proposals(*, user: Any) -> QuerySet[Proposal]:
    if not getattr(user, "is_authenticated", False):
        return Proposal.objects.none()
    return proposal_list(user=user)
