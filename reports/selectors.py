"""Reads for the annual report: the figures of a year, and the runs people may see.

Every figure is aggregated in the database (``values().annotate()`` with filtered
``Count``/``Sum``), so building the report costs a fixed number of queries whatever
the size of the data: a national deployment with 50,000 delegations and 500,000
members is no slower to count than a single city's. Python only reshapes the few
aggregated rows that come back (one per kind, month, country…).

The figures are plain JSON (numbers, strings, lists, dicts): they are kept on the
run, and the HTML, PDF and spreadsheet are all drawn from them, so the three outputs
never disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractMonth
from django.db.models.sql.constants import LOUTER
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries
from django_cte import CTE, with_cte

from cooperation.choices import BudgetCategory, FundingSource, ProjectStatus
from cooperation.models import BudgetLine, CooperationProject
from delegations.choices import CostCategory, DelegationStatus, Direction, MemberRole
from delegations.models import Delegation, DelegationCost, DelegationMember
from diaspora.choices import ConsulateKind, SizeSource
from diaspora.models import Consulate, DiasporaGroup
from exchanges.choices import (
    ApplicationStatus,
    ParticipantDirection,
    ParticipantStatus,
    ProgramKind,
)
from exchanges.models import Application, ExchangeProgram, Participant
from insight import report as insight_report
from intl_relations.permissions import restrict
from partnerships.choices import PartnershipKind, PartnershipStatus, ThemeCode
from partnerships.models import LocalGovernment, PartnerCity, Partnership
from reports.choices import RunStatus
from reports.models import ReportHighlight, ReportRun

ProgressCallback = Callable[[int, str], None]

MONEY = DecimalField(max_digits=16, decimal_places=2)
ZERO_MONEY = Value(Decimal("0"), output_field=MONEY)

# How many rows of a long ranking the figures keep (the spreadsheet and the page show
# these; a national deployment has thousands of countries × programs × projects).
TOP_COUNTRIES = 25
TOP_PROJECTS = 20
TOP_DIASPORA_GROUPS = 30


# --- runs ---------------------------------------------------------------------------


def report_runs_for(user: Any) -> QuerySet[ReportRun]:
    """The runs ``user`` may see, newest first, with what their list shows."""
    return restrict(
        ReportRun.objects.select_related("local_government", "requested_by"), user
    ).order_by("-created_at")


def published_reports() -> QuerySet[ReportRun]:
    """The published annual reports, newest year first: what the public portal lists."""
    return (
        ReportRun.objects.filter(published=True, status=RunStatus.DONE)
        .select_related("local_government")
        .order_by("-year", "local_government__name")
    )


def published_report_for_year(
    year: int, local_government_id: int | None = None
) -> ReportRun | None:
    """The published report of a year: the whole portal's unless a local government is named."""
    runs = published_reports().filter(year=year)
    if local_government_id is None:
        return runs.filter(local_government__isnull=True).first() or runs.first()
    return runs.filter(local_government_id=local_government_id).first()


# --- helpers ----------------------------------------------------------------------


def _money(value: Decimal | None) -> float:
    return float(round(value or Decimal("0"), 2))


def _label(choices: Any, code: str) -> str:
    return str(dict(choices.choices).get(code, code))


@functools.lru_cache(maxsize=16)
def _country_names(language: str | None) -> dict[str, str]:
    return {code: str(name) for code, name in countries}


def _country(code: str) -> str:
    """A country's name in the active language (``countries.name`` costs 50 µs a call)."""
    return _country_names(get_language()).get(code, "") if code else ""


def _month_label(month: int) -> str:
    return str(MONTHS[month]).capitalize()


def _rows_by(rows: Iterable[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in rows}


def _folded(rows: Iterable[dict[str, Any]], key: str, *fields: str) -> dict[Any, dict[str, Any]]:
    """Rows grouped finer (by kind and status) added up by ``key`` alone: ``fields``
    summed for each value of ``key``."""
    folded: dict[Any, dict[str, Any]] = {}
    for row in rows:
        totals = folded.setdefault(row[key], dict.fromkeys(fields, 0))
        for field in fields:
            totals[field] += row[field] or 0
    return folded


def _summed(rows: Iterable[dict[str, Any]], *keys: str) -> dict[str, Any]:
    """The totals of ``keys`` over grouped rows: a group-by that puts every record in
    exactly one group (its kind, its status) already holds the section's totals, so
    they are added up here instead of counted again by another query."""
    rows = list(rows)
    return {key: sum(row[key] or 0 for row in rows) for key in keys}


def _change(value: float, previous: float) -> dict[str, Any]:
    change = round(value - previous, 2)
    percent = round(100 * change / previous, 1) if previous else None
    return {"change": change, "change_percent": percent}


_DIRECTION_COUNTS = {
    "incoming": Count("pk", filter=Q(direction=Direction.INCOMING)),
    "outgoing": Count("pk", filter=Q(direction=Direction.OUTGOING)),
    "total": Count("pk"),
}


class YearScope:
    """A year, and optionally one local government, as query filters for each model."""

    def __init__(self, year: int, local_government: LocalGovernment | None = None) -> None:
        self.year = year
        self.local_government = local_government
        self.start = dt.date(year, 1, 1)
        self.end = dt.date(year, 12, 31)

    @property
    def lg_id(self) -> int | None:
        return self.local_government.pk if self.local_government else None

    # Partnerships are held by a local government, or pooled as co-holders; the
    # co-holder test is a sub-query so that a partnership is never counted twice.
    def partnerships(self) -> QuerySet[Partnership]:
        qs = Partnership.objects.all()
        if self.lg_id:
            co_held = Partnership.co_holders.through.objects.filter(
                localgovernment_id=self.lg_id
            ).values("partnership_id")
            qs = qs.filter(Q(local_government_id=self.lg_id) | Q(pk__in=co_held))
        return qs

    def q_started(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}signed_on__range": (self.start, self.end)})

    def q_renewed(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}last_renewed_on__range": (self.start, self.end)})

    def q_ended(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}ended_on__range": (self.start, self.end)})

    def q_active(self, prefix: str = "") -> Q:
        """In force on 31 December: signed by then, and not ended by then.

        A partnership marked ended without a date is taken as ended; one still being
        explored or negotiated was never in force.
        """
        p = prefix
        not_ended = Q(**{f"{p}ended_on__gt": self.end}) | (
            Q(**{f"{p}ended_on__isnull": True}) & ~Q(**{f"{p}status": PartnershipStatus.ENDED})
        )
        return (
            Q(**{f"{p}signed_on__lte": self.end})
            & not_ended
            & ~Q(
                **{
                    f"{p}status__in": [
                        PartnershipStatus.EXPLORING,
                        PartnershipStatus.NEGOTIATING,
                    ]
                }
            )
        )

    def delegations(self) -> QuerySet[Delegation]:
        """Delegations that took place (or were to) in the year, cancelled ones excepted."""
        qs = Delegation.objects.filter(starts_on__range=(self.start, self.end))
        if self.lg_id:
            qs = qs.filter(local_government_id=self.lg_id)
        return qs.exclude(status=DelegationStatus.CANCELLED)

    def cancelled_delegations(self) -> QuerySet[Delegation]:
        qs = Delegation.objects.filter(
            starts_on__range=(self.start, self.end), status=DelegationStatus.CANCELLED
        )
        if self.lg_id:
            qs = qs.filter(local_government_id=self.lg_id)
        return qs

    def q_program(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}local_government_id": self.lg_id}) if self.lg_id else Q()

    def programs(self) -> QuerySet[ExchangeProgram]:
        """Programs that ran, or took applications, during the year."""
        runs = Q(starts_on__lte=self.end) & (
            Q(ends_on__gte=self.start) | Q(ends_on__isnull=True, starts_on__gte=self.start)
        )
        open_for_applications = Q(applications_open_on__lte=self.end) & Q(
            applications_close_on__gte=self.start
        )
        return ExchangeProgram.objects.filter(self.q_program()).filter(runs | open_for_applications)

    def applications(self) -> QuerySet[Application]:
        start = timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))
        end = timezone.make_aware(dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min))
        return Application.objects.filter(self.q_program("program__")).filter(
            submitted_at__gte=start, submitted_at__lt=end
        )

    def participants(self) -> QuerySet[Participant]:
        """People who left (or were to leave) on an exchange during the year."""
        return Participant.objects.filter(self.q_program("program__")).filter(
            departed_on__range=(self.start, self.end)
        )

    def budget_lines(self) -> QuerySet[BudgetLine]:
        qs = BudgetLine.objects.filter(year=self.year)
        if self.lg_id:
            qs = qs.filter(project__local_government_id=self.lg_id)
        return qs

    def projects(self) -> QuerySet[CooperationProject]:
        """Projects under way at some point of the year (cancelled ones excepted)."""
        qs = CooperationProject.objects.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=self.end),
            Q(ends_on__isnull=True) | Q(ends_on__gte=self.start),
        ).exclude(status=ProjectStatus.CANCELLED)
        if self.lg_id:
            qs = qs.filter(local_government_id=self.lg_id)
        return qs

    # Grouped figures two sections show (each its own way): read once per report.

    @functools.cached_property
    def delegations_by_country(self) -> list[dict[str, Any]]:
        """Every country the year's delegations went to or came from, busiest first."""
        return list(
            self.delegations()
            .values("country")
            .annotate(**_DIRECTION_COUNTS)
            .order_by("-total", "country")
        )

    @functools.cached_property
    def partnerships_by_country(self) -> list[dict[str, Any]]:
        """Per partner country: partnerships in force on 31 December, signed in the year."""
        return list(
            self.partnerships()
            .filter(self.q_active() | self.q_started())
            .values("partner_city__country")
            .annotate(
                active=Count("pk", filter=self.q_active()),
                started=Count("pk", filter=self.q_started()),
            )
            .order_by("-active", "-started", "partner_city__country")
        )

    @functools.cached_property
    def members_by_role(self) -> dict[str, dict[str, Any]]:
        """The year's delegation members per role, received and sent."""
        return _rows_by(
            DelegationMember.objects.filter(delegation__in=self.delegations())
            .values("role")
            .annotate(
                incoming=Count("pk", filter=Q(delegation__direction=Direction.INCOMING)),
                outgoing=Count("pk", filter=Q(delegation__direction=Direction.OUTGOING)),
                total=Count("pk"),
            )
            .order_by(),
            "role",
        )

    def diaspora_groups(self) -> QuerySet[DiasporaGroup]:
        qs = DiasporaGroup.objects.all()
        if self.lg_id:
            qs = qs.filter(local_government_id=self.lg_id)
        return qs


# --- the key figures, for the year and the one before ---------------------------------


def _key_labels() -> dict[str, str]:
    return {
        "partnerships_started": _("Partnerships signed"),
        "partnerships_renewed": _("Partnerships renewed"),
        "partnerships_ended": _("Partnerships ended"),
        "partnerships_active": _("Partnerships in force on 31 December"),
        "delegations_incoming": _("Delegations received"),
        "delegations_outgoing": _("Delegations sent"),
        "delegation_members": _("Members of delegations"),
        "exchange_applications": _("Applications to exchange programs"),
        "exchange_participants": _("Exchange participants"),
        "projects": _("Cooperation projects under way"),
        "spent": _("Cooperation spending (EUR)"),
        "apd": _("Official development assistance (EUR)"),
        "water_one_percent": _("Water and sanitation 1 % spending (EUR)"),
    }


def key_totals(scope: YearScope) -> dict[str, float | int]:
    """The headline numbers of a year, in six queries."""
    p = scope.partnerships().aggregate(
        started=Count("pk", filter=scope.q_started()),
        renewed=Count("pk", filter=scope.q_renewed()),
        ended=Count("pk", filter=scope.q_ended()),
        active=Count("pk", filter=scope.q_active()),
    )
    d = scope.delegations().aggregate(
        incoming=Count("pk", filter=Q(direction=Direction.INCOMING)),
        outgoing=Count("pk", filter=Q(direction=Direction.OUTGOING)),
    )
    members = DelegationMember.objects.filter(delegation__in=scope.delegations()).count()
    applications = scope.applications().count()
    participants = scope.participants().exclude(status=ParticipantStatus.CANCELLED).count()
    money = scope.budget_lines().aggregate(
        spent=Coalesce(Sum("spent_amount"), ZERO_MONEY),
        apd=Coalesce(Sum("apd_amount"), ZERO_MONEY),
        water=Coalesce(Sum("spent_amount", filter=Q(water_one_percent=True)), ZERO_MONEY),
    )
    return {
        "partnerships_started": p["started"],
        "partnerships_renewed": p["renewed"],
        "partnerships_ended": p["ended"],
        "partnerships_active": p["active"],
        "delegations_incoming": d["incoming"],
        "delegations_outgoing": d["outgoing"],
        "delegation_members": members,
        "exchange_applications": applications,
        "exchange_participants": participants,
        "projects": scope.projects().count(),
        "spent": _money(money["spent"]),
        "apd": _money(money["apd"]),
        "water_one_percent": _money(money["water"]),
    }


def key_figures(scope: YearScope) -> list[dict[str, Any]]:
    """Each key figure with last year's value and the change."""
    now = key_totals(scope)
    before = key_totals(YearScope(scope.year - 1, scope.local_government))
    labels = _key_labels()
    return [
        {
            "key": key,
            "label": labels[key],
            "value": now[key],
            "previous": before[key],
            **_change(now[key], before[key]),
        }
        for key in now
    ]


# --- the sections --------------------------------------------------------------------


def partnership_figures(scope: YearScope) -> dict[str, Any]:
    qs = scope.partnerships()
    counts = {
        "started": Count("pk", filter=scope.q_started()),
        "renewed": Count("pk", filter=scope.q_renewed()),
        "ended": Count("pk", filter=scope.q_ended()),
        "active": Count("pk", filter=scope.q_active()),
    }
    by_kind = _rows_by(qs.values("kind").annotate(**counts).order_by(), "kind")
    totals = _summed(by_kind.values(), *counts)
    through = Partnership.themes.through.objects.filter(partnership__in=qs)
    by_theme = _rows_by(
        through.values("theme__code")
        .annotate(
            started=Count("pk", filter=scope.q_started("partnership__")),
            renewed=Count("pk", filter=scope.q_renewed("partnership__")),
            ended=Count("pk", filter=scope.q_ended("partnership__")),
            active=Count("pk", filter=scope.q_active("partnership__")),
        )
        .order_by(),
        "theme__code",
    )
    empty = dict.fromkeys(counts, 0)
    return {
        "started": totals["started"],
        "renewed": totals["renewed"],
        "ended": totals["ended"],
        "active": totals["active"],
        "by_kind": [
            {
                "kind": code,
                "label": str(label),
                **{k: by_kind.get(code, empty)[k] for k in counts},
            }
            for code, label in PartnershipKind.choices
        ],
        "by_theme": [
            {
                "theme": code,
                "label": str(label),
                **{k: by_theme.get(code, empty)[k] for k in counts},
            }
            for code, label in ThemeCode.choices
        ],
        "by_country": [
            {
                "country": row["partner_city__country"],
                "label": _country(row["partner_city__country"]),
                "active": row["active"],
                "started": row["started"],
            }
            for row in scope.partnerships_by_country[:TOP_COUNTRIES]
        ],
    }


def delegation_figures(scope: YearScope) -> dict[str, Any]:
    held = scope.delegations()
    split = _DIRECTION_COUNTS
    by_month = _rows_by(
        held.annotate(month=ExtractMonth("starts_on")).values("month").annotate(**split).order_by(),
        "month",
    )
    by_country = scope.delegations_by_country  # every country: counted, the first shown
    by_status = _rows_by(held.values("status").annotate(**split).order_by(), "status")
    totals = _summed(by_status.values(), *split)
    via_delegation = {
        "incoming": Count("pk", filter=Q(delegation__direction=Direction.INCOMING)),
        "outgoing": Count("pk", filter=Q(delegation__direction=Direction.OUTGOING)),
        "total": Count("pk"),
    }
    by_theme = _rows_by(
        Delegation.themes.through.objects.filter(delegation__in=held)
        .values("theme__code")
        .annotate(**via_delegation)
        .order_by(),
        "theme__code",
    )
    by_role = scope.members_by_role
    member_totals = _summed(by_role.values(), *via_delegation)
    costs = DelegationCost.objects.filter(delegation__in=held)
    cost_rows = _rows_by(
        costs.values("category").annotate(amount=Sum("amount")).order_by(), "category"
    )
    empty = {"incoming": 0, "outgoing": 0, "total": 0}
    return {
        "incoming": totals["incoming"],
        "outgoing": totals["outgoing"],
        "total": totals["total"],
        "cancelled": scope.cancelled_delegations().count(),
        "members": member_totals["total"],
        "members_incoming": member_totals["incoming"],
        "members_outgoing": member_totals["outgoing"],
        "countries": len(by_country),
        "by_status": [
            {"status": code, "label": str(label), **by_status.get(code, empty)}
            for code, label in DelegationStatus.choices
            if code != DelegationStatus.CANCELLED
        ],
        "by_month": [
            {
                "month": month,
                "label": _month_label(month),
                "short_label": str(MONTHS_3[month]).capitalize(),
                **_pick(by_month.get(month), empty),
            }
            for month in range(1, 13)
        ],
        "by_country": [
            {
                "country": row["country"],
                "label": _country(row["country"]),
                "incoming": row["incoming"],
                "outgoing": row["outgoing"],
                "total": row["total"],
            }
            for row in by_country[:TOP_COUNTRIES]
        ],
        "by_theme": [
            {"theme": code, "label": str(label), **_pick(by_theme.get(code), empty)}
            for code, label in ThemeCode.choices
        ],
        "members_by_role": [
            {"role": code, "label": str(label), **_pick(by_role.get(code), empty)}
            for code, label in MemberRole.choices
        ],
        "costs_total": _money(_summed(cost_rows.values(), "amount")["amount"]),
        "costs_by_category": [
            {
                "category": code,
                "label": str(label),
                "amount": _money(cost_rows.get(code, {}).get("amount")),
            }
            for code, label in CostCategory.choices
        ],
    }


def _pick(row: dict[str, Any] | None, empty: dict[str, Any]) -> dict[str, Any]:
    return {key: (row or empty)[key] for key in empty}


def exchange_figures(scope: YearScope) -> dict[str, Any]:
    programs = scope.programs()
    applications = scope.applications()
    participants = scope.participants()
    programs_by_kind = _rows_by(
        programs.values("kind").annotate(n=Count("pk"), capacity=Sum("capacity")).order_by(),
        "kind",
    )
    # Each table grouped once by kind of programme and status: the breakdowns by kind
    # and by status are added up from those groups (two queries where four scanned the
    # year's applications and participants twice each).
    applications_by_kind_status = list(
        applications.values("program__kind", "status")
        .annotate(n=Count("pk"), people=Coalesce(Sum("participants_count"), 0))
        .order_by()
    )
    applications_by_kind = _folded(applications_by_kind_status, "program__kind", "n")
    for row in applications_by_kind_status:
        if row["status"] == ApplicationStatus.ACCEPTED:
            applications_by_kind[row["program__kind"]]["accepted"] = row["n"]
    by_status = _folded(applications_by_kind_status, "status", "n", "people")
    participants_by_kind_status = list(
        participants.values("program__kind", "status")
        .annotate(
            n=Count("pk"),
            outgoing=Count("pk", filter=Q(direction=ParticipantDirection.OUTGOING)),
            incoming=Count("pk", filter=Q(direction=ParticipantDirection.INCOMING)),
        )
        .order_by()
    )
    participants_by_kind = _folded(
        (
            row
            for row in participants_by_kind_status
            if row["status"] != ParticipantStatus.CANCELLED
        ),
        "program__kind",
        "n",
        "outgoing",
        "incoming",
    )
    participant_status = _folded(participants_by_kind_status, "status", "n")
    participant_totals = _summed(participants_by_kind.values(), "n", "outgoing", "incoming")
    return {
        "programs": _summed(programs_by_kind.values(), "n")["n"],
        "applications": _summed(by_status.values(), "n")["n"],
        "participants": participant_totals["n"],
        "participants_outgoing": participant_totals["outgoing"],
        "participants_incoming": participant_totals["incoming"],
        "applications_by_status": [
            {
                "status": code,
                "label": str(label),
                "applications": by_status.get(code, {}).get("n", 0),
                "people": by_status.get(code, {}).get("people", 0),
            }
            for code, label in ApplicationStatus.choices
        ],
        "participants_by_status": [
            {
                "status": code,
                "label": str(label),
                "participants": participant_status.get(code, {}).get("n", 0),
            }
            for code, label in ParticipantStatus.choices
        ],
        "by_kind": [
            {
                "kind": code,
                "label": str(label),
                "programs": programs_by_kind.get(code, {}).get("n", 0),
                "capacity": programs_by_kind.get(code, {}).get("capacity") or 0,
                "applications": applications_by_kind.get(code, {}).get("n", 0),
                "accepted": applications_by_kind.get(code, {}).get("accepted", 0),
                "participants": participants_by_kind.get(code, {}).get("n", 0),
                "outgoing": participants_by_kind.get(code, {}).get("outgoing", 0),
                "incoming": participants_by_kind.get(code, {}).get("incoming", 0),
            }
            for code, label in ProgramKind.choices
        ],
    }


def consular_diaspora_figures(scope: YearScope) -> dict[str, Any]:
    """The consular corps (as it stands) and the diaspora groups, country by country.

    Consulates are not held by a local government: the whole consular corps is shown
    whatever the report's scope.
    """
    consulates_by_kind = _rows_by(
        Consulate.objects.values("kind").annotate(n=Count("pk")).order_by(), "kind"
    )
    consulates_by_country = _rows_by(
        Consulate.objects.values("country")
        .annotate(n=Count("pk"), honorary=Count("pk", filter=Q(kind=ConsulateKind.HONORARY)))
        .order_by(),
        "country",
    )
    groups = scope.diaspora_groups()
    diaspora_by_country = _rows_by(
        groups.values("origin_country")
        .annotate(
            groups=Count("pk"),
            people=Coalesce(Sum("estimated_size"), 0),
            latest=Max("size_year"),
        )
        .order_by(),
        "origin_country",
    )
    delegations_by_country = {row["country"]: row["total"] for row in scope.delegations_by_country}
    partnerships_by_country = {
        row["partner_city__country"]: row["active"] for row in scope.partnerships_by_country
    }
    diaspora_members = scope.members_by_role.get(MemberRole.DIASPORA, {}).get("total", 0)
    countries_seen = set(diaspora_by_country) | set(consulates_by_country)
    by_country = sorted(
        (
            {
                "country": code,
                "label": _country(code),
                "diaspora_groups": diaspora_by_country.get(code, {}).get("groups", 0),
                "people": diaspora_by_country.get(code, {}).get("people", 0),
                "consulates": consulates_by_country.get(code, {}).get("n", 0),
                "delegations": delegations_by_country.get(code, 0),
                "partnerships": partnerships_by_country.get(code, 0),
            }
            for code in countries_seen
        ),
        key=lambda row: (-row["people"], -row["consulates"], row["label"]),
    )
    linked = (
        groups.annotate(
            linked_consulates=Count("consulates", distinct=True),
            linked_partnerships=Count("partnerships", distinct=True),
        )
        .values(
            "name",
            "origin_country",
            "estimated_size",
            "size_source",
            "size_year",
            "linked_consulates",
            "linked_partnerships",
        )
        .order_by(Coalesce("estimated_size", Value(0, output_field=IntegerField())).desc(), "name")
    )
    totals = _summed(diaspora_by_country.values(), "groups", "people")
    return {
        "consulates": sum(row["n"] for row in consulates_by_kind.values()),
        "consulate_countries": len(consulates_by_country),
        "consulates_by_kind": [
            {
                "kind": code,
                "label": str(label),
                "consulates": consulates_by_kind.get(code, {}).get("n", 0),
            }
            for code, label in ConsulateKind.choices
        ],
        "diaspora_groups": totals["groups"],
        "diaspora_people": totals["people"],
        "diaspora_delegation_members": diaspora_members,
        "by_country": by_country[:TOP_COUNTRIES],
        "groups": [
            {
                "name": row["name"],
                "country": row["origin_country"],
                "country_label": _country(row["origin_country"]),
                "estimated_size": row["estimated_size"],
                "source": _label(SizeSource, row["size_source"]) if row["size_source"] else "",
                "size_year": row["size_year"],
                "consulates": row["linked_consulates"],
                "partnerships": row["linked_partnerships"],
            }
            for row in linked[:TOP_DIASPORA_GROUPS]
        ],
    }


def cooperation_figures(scope: YearScope) -> dict[str, Any]:
    lines = scope.budget_lines()
    sums = {
        "planned": Coalesce(Sum("planned_amount"), ZERO_MONEY),
        "spent": Coalesce(Sum("spent_amount"), ZERO_MONEY),
        "apd": Coalesce(Sum("apd_amount"), ZERO_MONEY),
    }
    totals = lines.aggregate(
        **sums,
        water_planned=Coalesce(Sum("planned_amount", filter=Q(water_one_percent=True)), ZERO_MONEY),
        water_spent=Coalesce(Sum("spent_amount", filter=Q(water_one_percent=True)), ZERO_MONEY),
        water_apd=Coalesce(Sum("apd_amount", filter=Q(water_one_percent=True)), ZERO_MONEY),
        funded_projects=Count("project", distinct=True),
    )
    by_source = _rows_by(
        lines.values("funding_source").annotate(**sums).order_by(), "funding_source"
    )
    by_category = _rows_by(lines.values("category").annotate(**sums).order_by(), "category")
    top = (
        lines.values("project_id", "project__title", "project__partner_city__country")
        .annotate(**sums)
        .order_by("-spent", "project__title")[:TOP_PROJECTS]
    )
    projects_by_status = _rows_by(
        scope.projects().values("status").annotate(n=Count("pk")).order_by(), "status"
    )

    def money_row(row: dict[str, Any] | None) -> dict[str, float]:
        row = row or {}
        return {key: _money(row.get(key)) for key in sums}

    spent = _money(totals["spent"])
    return {
        "projects": sum(row["n"] for row in projects_by_status.values()),
        "funded_projects": totals["funded_projects"],
        "planned": _money(totals["planned"]),
        "spent": spent,
        "apd": _money(totals["apd"]),
        "apd_share_percent": round(100 * _money(totals["apd"]) / spent, 1) if spent else None,
        "water_one_percent": {
            "planned": _money(totals["water_planned"]),
            "spent": _money(totals["water_spent"]),
            "apd": _money(totals["water_apd"]),
        },
        "projects_by_status": [
            {
                "status": code,
                "label": str(label),
                "projects": projects_by_status.get(code, {}).get("n", 0),
            }
            for code, label in ProjectStatus.choices
            if code != ProjectStatus.CANCELLED
        ],
        "by_funding_source": [
            {"source": code, "label": str(label), **money_row(by_source.get(code))}
            for code, label in FundingSource.choices
        ],
        "by_category": [
            {"category": code, "label": str(label), **money_row(by_category.get(code))}
            for code, label in BudgetCategory.choices
        ],
        "top_projects": [
            {
                "title": row["project__title"],
                "country": row["project__partner_city__country"] or "",
                "country_label": _country(row["project__partner_city__country"] or ""),
                **money_row(row),
            }
            for row in top
        ],
    }


def map_figures(scope: YearScope) -> dict[str, Any]:
    """The year's partner cities with their coordinates, for the map and its table."""
    # Each kind of record grouped by partner city once, joined to the cities: one row
    # per city, in one query, whatever the number of cities.
    partnered = CTE(
        scope.partnerships()
        .filter(scope.q_active() | scope.q_started())
        .order_by()
        .values(city=F("partner_city_id"))
        .annotate(
            active=Count("pk", filter=scope.q_active()),
            started=Count("pk", filter=scope.q_started()),
        ),
        name="partnered",
    )
    visited = CTE(
        scope.delegations()
        .filter(partner_city__isnull=False)
        .order_by()
        .values(city=F("partner_city_id"))
        .annotate(delegations=Count("pk")),
        name="visited",
    )
    cities = partnered.join(PartnerCity, pk=partnered.col.city, _join_type=LOUTER)
    cities = visited.join(cities, pk=visited.col.city, _join_type=LOUTER)
    cities = (
        with_cte(partnered, visited, select=cities)
        .annotate(
            in_force=Coalesce(partnered.col.active, 0),
            started=Coalesce(partnered.col.started, 0),
            visits=Coalesce(visited.col.delegations, 0),
        )
        # In either group: a partnership in force or signed, or a delegation.
        .filter(Q(in_force__gt=0) | Q(started__gt=0) | Q(visits__gt=0))
        .values_list(
            "pk", "name", "country", "latitude", "longitude", "in_force", "started", "visits"
        )
        .order_by()
    )
    home = scope.local_government or LocalGovernment.objects.filter(is_default=True).first()
    # The national map names 7,000 cities: the language is read once, not per city
    # (``get_language`` costs 10 µs a call).
    names = _country_names(get_language())
    # By country (in the reader's language), then name; the id parts namesakes.
    ordered = sorted(cities, key=lambda city: (names.get(city[2], ""), city[1], city[0]))
    rows = [
        {
            "name": name,
            "country": country,
            "partnerships": in_force,
            "started": started,
            "delegations": visits,
            "latitude": float(latitude) if latitude is not None else None,
            "longitude": float(longitude) if longitude is not None else None,
            "country_label": names.get(country, ""),
        }
        for _pk, name, country, latitude, longitude, in_force, started, visits in ordered
    ]
    return {
        "home": {
            "name": home.name,
            "latitude": float(home.latitude) if home and home.latitude is not None else None,
            "longitude": float(home.longitude) if home and home.longitude is not None else None,
        }
        if home
        else None,
        "cities": rows,
        "without_coordinates": sum(
            1 for r in rows if r["latitude"] is None or r["longitude"] is None
        ),
    }


def highlight_figures(scope: YearScope) -> list[dict[str, str]]:
    return list(
        ReportHighlight.objects.filter(year=scope.year)
        .order_by("position", "title")
        .values("title", "text")
    )


# The steps of the figures, each with the progress (%) reached once it is done.
SECTIONS: list[tuple[str, Callable[[YearScope], Any], int]] = [
    ("key_figures", key_figures, 8),
    ("partnerships", partnership_figures, 16),
    ("delegations", delegation_figures, 26),
    ("exchanges", exchange_figures, 34),
    ("consular_diaspora", consular_diaspora_figures, 40),
    ("cooperation", cooperation_figures, 46),
    ("map", map_figures, 50),
    ("highlights", highlight_figures, 52),
    ("reciprocity", insight_report.reciprocity_figures, 53),
]


def report_figures(
    *,
    year: int,
    local_government: LocalGovernment | None = None,
    on_step: ProgressCallback | None = None,
) -> dict[str, Any]:
    """All the figures of the annual report for ``year`` (and a local government)."""
    scope = YearScope(year, local_government)
    figures: dict[str, Any] = {
        "year": year,
        "local_government": local_government.name if local_government else None,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }
    for key, compute, progress in SECTIONS:
        figures[key] = compute(scope)
        if on_step:
            on_step(progress, key)
    return figures
