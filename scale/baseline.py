"""The hand-written views the API is measured against: ``.values()`` and ``json``.

Only mounted by the benchmark's URLs (``scale.bench_urls``), never in the product.
Each returns the same 50 rows as its API list with the bench's filters (same
filter, same order, same columns and counts, themes by code), with no
authentication, serializer, pagination count or filter form: the limit of what this
stack (Django, PostgreSQL, gunicorn) can serve for that page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from delegations.models import Delegation, DelegationMember
from exchanges.models import Application, ApplicationDocument, Participant
from intl_relations.selectors import count_of
from partnerships.api.serializers import PartnerCitySerializer
from partnerships.models import PartnerCity, Partnership, PartnershipDocument

PAGE = 50


# The many-to-many columns of each list: (column, its field on the model, the value kept).
RELATED: dict[str, list[tuple[str, str]]] = {
    "partnerships": [
        ("themes", "theme__code"),
        ("co_holders", "localgovernment_id"),
        ("co_partners", "organisation_id"),
    ],
    "delegations": [("themes", "theme__code")],
}


def _partnerships(params: Any) -> tuple[QuerySet, str | None]:
    qs = (
        Partnership.objects.filter(status=params.get("status", "active"))
        .annotate(documents_count=count_of(PartnershipDocument.objects.all(), "partnership"))
        .order_by("-signed_on", "pk")
        .values(
            "id",
            "local_government_id",
            "local_government__name",
            "partner_city_id",
            "partner_city__name",
            "partner_city__country",
            "kind",
            "status",
            "signed_on",
            "last_renewed_on",
            "review_on",
            "ended_on",
            "summary",
            "notes",
            "officer_id",
            "published",
            "documents_count",
            "created_at",
            "updated_at",
        )
    )
    return qs, "partnership"


def _partner_cities(params: Any) -> tuple[QuerySet, str | None]:
    visible = Partnership.objects.all()
    qs = (
        PartnerCity.objects.filter(country=params.get("country", "DE"))
        .annotate(
            partnerships_count=count_of(visible, "partner_city"),
            active_partnerships_count=count_of(visible.filter(status="active"), "partner_city"),
        )
        .order_by("name", "country", "pk")
        # The API's own columns, so the two answers cannot drift apart.
        .values(*PartnerCitySerializer.Meta.fields)
    )
    return qs, None


def _delegations(params: Any) -> tuple[QuerySet, str | None]:
    qs = (
        Delegation.objects.filter(
            direction=params.get("direction", "incoming"),
            starts_on__gte=params.get("starts_after", "2020-01-01"),
        )
        .annotate(members_count=count_of(DelegationMember.objects.all(), "delegation"))
        .order_by("-starts_on", "title", "pk")
        .values(
            "id",
            "title",
            "direction",
            "status",
            "local_government_id",
            "local_government__name",
            "partner_city_id",
            "partner_city__name",
            "partner_city__country",
            "partnership_id",
            "country",
            "destination",
            "starts_on",
            "ends_on",
            "purpose",
            "outcomes",
            "officer_id",
            "published",
            "members_count",
            "created_at",
            "updated_at",
        )
    )
    return qs, "delegation"


def _members(params: Any) -> tuple[QuerySet, str | None]:
    qs = (
        DelegationMember.objects.filter(role=params.get("role", "elected"))
        .order_by("delegation_id", "-is_head", "full_name", "pk")
        .values(
            "id",
            "delegation_id",
            "full_name",
            "role",
            "position",
            "organisation_id",
            "email",
            "phone",
            "is_head",
            "created_at",
            "updated_at",
        )
    )
    return qs, None


def _applications(params: Any) -> tuple[QuerySet, str | None]:
    qs = (
        Application.objects.filter(status=params.get("status", "accepted"))
        .annotate(documents_count=count_of(ApplicationDocument.objects.all(), "application"))
        .order_by("-submitted_at", "pk")
        .values(
            "id",
            "program_id",
            "program__title",
            "organisation_id",
            "organisation__name",
            "submitted_by_id",
            "applicant_name",
            "applicant_email",
            "motivation",
            "participants_count",
            "preferred_start_on",
            "preferred_end_on",
            "status",
            "submitted_at",
            "decided_at",
            "decided_by_id",
            "decision_note",
            "documents_count",
            "created_at",
            "updated_at",
        )
    )
    return qs, None


def _participants(params: Any) -> tuple[QuerySet, str | None]:
    qs = (
        Participant.objects.filter(status=params.get("status", "took_part"))
        .order_by("program_id", "full_name", "pk")
        .values(
            "id",
            "program_id",
            "program__title",
            "application_id",
            "full_name",
            "email",
            "organisation_id",
            "role",
            "direction",
            "home_country",
            "status",
            "departed_on",
            "returned_on",
            "created_at",
            "updated_at",
        )
    )
    return qs, None


BASELINES: dict[str, Callable[[Any], tuple[QuerySet, str | None]]] = {
    "partnerships": _partnerships,
    "partner-cities": _partner_cities,
    "delegations": _delegations,
    "delegation-members": _members,
    "applications": _applications,
    "participants": _participants,
}


def baseline_list(request: HttpRequest, name: str) -> HttpResponse:
    """One page of rows as JSON, with their many-to-many columns (one query each)."""
    if name not in BASELINES:
        raise Http404
    queryset, owner = BASELINES[name](request.GET)
    rows = list(queryset[:PAGE])
    ids = [row["id"] for row in rows]
    for column, value in RELATED.get(name, []):
        through = queryset.model._meta.get_field(column).remote_field.through
        values: dict[int, list[Any]] = {}
        for row_id, item in through.objects.filter(**{f"{owner}_id__in": ids}).values_list(
            f"{owner}_id", value
        ):
            values.setdefault(row_id, []).append(item)
        for row in rows:
            row[column] = values.get(row["id"], [])
    body = json.dumps({"results": rows}, cls=DjangoJSONEncoder)
    return HttpResponse(body, content_type="application/json")
