"""The staff dashboard at ``/staff/``: the year at a glance and what needs attention.

Every block is one aggregated or sliced query through the permission helper, so the
page costs the same number of queries with ten partnerships or ten thousand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from cooperation.models import BudgetLine, CooperationProject, Network
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationCost
from diaspora.models import Consulate, DiasporaGroup
from exchanges.choices import ApplicationStatus, ParticipantStatus
from exchanges.models import Application, ExchangeProgram, Participant
from organisations.models import Organisation
from partnerships.choices import PartnershipKind, PartnershipStatus
from partnerships.models import PartnerCity, Partnership

from .exports import JSONTextObject, json_list_response
from .links import url_expression
from .permissions import restrict
from .staff import HISTORY_CHANGES, StaffPageView

REVIEW_WINDOW_DAYS = 90
LIST_LIMIT = 8
RECENT_CHANGES = 12
MONEY = DecimalField(max_digits=16, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=MONEY)

# The records whose history feeds "recent changes".
HISTORY_MODELS = (
    Partnership,
    PartnerCity,
    Delegation,
    ExchangeProgram,
    Application,
    CooperationProject,
    Organisation,
    Consulate,
    DiasporaGroup,
    Network,
)


def year_figures(user: Any, year: int) -> dict[str, Any]:
    """Key figures of ``year``: partnerships in force by kind, visits, people, money."""
    by_kind = dict(
        restrict(Partnership.objects.filter(status=PartnershipStatus.ACTIVE), user)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    partnerships = [
        {"kind": kind, "label": label, "count": by_kind.get(kind, 0)}
        for kind, label in PartnershipKind.choices
    ]
    delegations = (
        restrict(Delegation.objects.filter(starts_on__year=year), user)
        .exclude(status=DelegationStatus.CANCELLED)
        .aggregate(
            incoming=Count("pk", filter=Q(direction=Direction.INCOMING)),
            outgoing=Count("pk", filter=Q(direction=Direction.OUTGOING)),
        )
    )
    participants = (
        restrict(Participant.objects.filter(departed_on__year=year), user)
        .exclude(status=ParticipantStatus.CANCELLED)
        .count()
    )
    projects_spent = restrict(BudgetLine.objects.filter(year=year), user).aggregate(
        total=Coalesce(Sum("spent_amount"), ZERO)
    )["total"]
    # What the city paid for the year's delegations (a cost paid by a partner is not ours).
    delegation_costs = (
        restrict(DelegationCost.objects.filter(delegation__starts_on__year=year, paid_by=""), user)
        .exclude(delegation__status=DelegationStatus.CANCELLED)
        .aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
    )
    return {
        "year": year,
        "partnerships_by_kind": partnerships,
        "biggest_kind": max((row["count"] for row in partnerships), default=0) or 1,
        "active_partnerships": sum(row["count"] for row in partnerships),
        "delegations_incoming": delegations["incoming"],
        "delegations_outgoing": delegations["outgoing"],
        "participants": participants,
        "projects_spent": projects_spent,
        "delegation_costs": delegation_costs,
        "money_spent": projects_spent + delegation_costs,
    }


def upcoming_delegations(user: Any, today: dt.date) -> list[Delegation]:
    return list(
        restrict(Delegation.objects.all(), user)
        .filter(
            ends_on__gte=today,
            status__in=[DelegationStatus.PLANNED, DelegationStatus.CONFIRMED],
        )
        .select_related("partner_city")
        .order_by("starts_on", "title")[:LIST_LIMIT]
    )


def partnerships_to_review(user: Any, today: dt.date) -> list[Partnership]:
    """Open partnerships whose review or renewal date is past or within 90 days."""
    rows = list(
        restrict(Partnership.objects.all(), user)
        .exclude(status=PartnershipStatus.ENDED)
        .filter(review_on__lte=today + dt.timedelta(days=REVIEW_WINDOW_DAYS))
        .select_related("partner_city", "local_government")
        .order_by("review_on")[:LIST_LIMIT]
    )
    for row in rows:
        row.overdue = row.review_on < today
    return rows


def applications_waiting(user: Any) -> tuple[list[Application], int]:
    waiting = restrict(Application.objects.all(), user).filter(
        status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW]
    )
    return (
        list(waiting.select_related("program").order_by("submitted_at")[:LIST_LIMIT]),
        waiting.count(),
    )


def recent_changes(user: Any, limit: int = RECENT_CHANGES) -> list[dict[str, Any]]:
    """The latest changes across the main records, newest first: one query over all the
    history tables (each read backwards along its date's index), one for the names of
    the partnerships' cities and one for the authors."""
    parts = [_history_rows(model, source) for source, model in enumerate(HISTORY_MODELS)]
    rows = list(parts[0].union(*parts[1:], all=True).order_by("-change_date")[:limit])
    city_ids = {row["change_city"] for row in rows if row["change_city"]}
    cities = dict(PartnerCity.objects.filter(pk__in=city_ids).values_list("pk", "name"))
    authors = get_user_model().objects.in_bulk({row["change_user"] for row in rows} - {None})
    kinds = dict(PartnershipKind.choices)
    changes = []
    for row in rows:
        model = HISTORY_MODELS[row["change_source"]]
        title = row["change_title"] or f"#{row['change_record']}"
        if model is Partnership:
            # Partnerships have no name of their own: their partner city's and their kind.
            title = f"{cities.get(row['change_city'], '?')} – {kinds.get(title, title)}"
        changes.append(
            {
                "date": row["change_date"],
                "user": authors.get(row["change_user"]),
                "type": HISTORY_CHANGES.get(row["change_type"], row["change_type"]),
                "kind": row["change_type"],
                "model": model._meta.verbose_name,
                "title": title,
                "url": None
                if row["change_type"] == "-"
                else _detail_url(model, row["change_record"]),
            }
        )
    return changes


def _history_rows(model: Any, source: int) -> QuerySet:
    """A history table's changes as the columns every table shares: the name the record
    had at that moment, read from the history row itself."""
    historical = model.history.model
    if model is Consulate:
        title = Concat("city", Value(" ("), "country", Value(")"), output_field=CharField())
    elif model is Partnership:
        title = F("kind")
    else:
        title = F(next(n for n in ("title", "name", "applicant_name") if _has(historical, n)))
    city = F("partner_city_id") if model is Partnership else Value(None)
    # The same types in every part: PostgreSQL then merges the tables' date indexes.
    return historical._default_manager.order_by().values(
        change_date=F("history_date"),
        change_type=F("history_type"),
        change_user=Cast("history_user_id", BigIntegerField()),
        change_record=Cast("id", BigIntegerField()),
        change_title=Cast(title, CharField()),
        change_city=Cast(city, BigIntegerField()),
        change_source=Value(source, output_field=IntegerField()),
    )


def _has(model: Any, name: str) -> bool:
    return any(field.name == name for field in model._meta.fields)


def _detail_url(model: Any, pk: int) -> str | None:
    try:
        return reverse(f"staff:{model._meta.model_name}_detail", args=[pk])
    except NoReverseMatch:  # a page not mounted is simply not linked
        return None


def mapped_cities(user: Any) -> QuerySet[PartnerCity]:
    """Partner cities with coordinates and a partnership that has not ended."""
    open_partnership = (
        restrict(Partnership.objects.all(), user)
        .filter(partner_city=OuterRef("pk"))
        .exclude(status=PartnershipStatus.ENDED)
    )
    return restrict(PartnerCity.objects.all(), user).filter(
        Exists(open_partnership), latitude__isnull=False, longitude__isnull=False
    )


def map_points(user: Any) -> HttpResponse:
    """The dashboard map's points (``mapped_cities``, by name) as a JSON array written by
    the database: name, country, coordinates and link of each."""
    point = JSONTextObject(
        name=F("name"),
        country=F("country"),
        lat=Cast("latitude", FloatField()),
        lng=Cast("longitude", FloatField()),
        url=url_expression("staff:partnercity_detail"),
    )
    return json_list_response(mapped_cities(user).order_by("name", "pk"), point)


class DashboardView(StaffPageView):
    template_name = "staff/dashboard.html"
    title = _("Dashboard")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        today = timezone.localdate()
        applications, applications_count = applications_waiting(user)
        return super().get_context_data(
            today=today,
            figures=year_figures(user, today.year),
            upcoming=upcoming_delegations(user, today),
            to_review=partnerships_to_review(user, today),
            review_window=REVIEW_WINDOW_DAYS,
            applications=applications,
            applications_count=applications_count,
            changes=recent_changes(user),
            # The points themselves come from ``DashboardMapPoints`` (megabytes at
            # national scale): the page only says how many there are.
            map_points_count=mapped_cities(user).count(),
            map_points_url=reverse("staff:dashboard_map_points"),
            map_config={
                "countries": static("vendor/world-atlas/countries-110m.json"),
                "tiles": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
            },
            **kwargs,
        )


class DashboardMapPoints(StaffPageView):
    """The dashboard map's partner cities as JSON, fetched by ``static/js/map.js``."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = map_points(request.user)
        add_never_cache_headers(response)  # office data: no shared or stale copy
        return response
