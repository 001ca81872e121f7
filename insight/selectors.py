"""Reads of the insight pages: partnership health and reciprocity, computed in SQL.

Everything here is one queryset: each source of activity (delegations, participants,
budget lines…) is grouped by partnership or partner city once, in a common table
expression (django-cte) joined to the rows, so the national picture (10,440
partnerships, 8,150 partner cities) is one query that reads each source once, whatever
the page or the number of rows. Only the rows shown get their reasons written in
Python, from the dates the query returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    Expression,
    F,
    Func,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, NullIf, TruncDate
from django.db.models.lookups import LessThan
from django.db.models.sql.constants import LOUTER
from django.utils import timezone
from django_cte import CTE, with_cte

from cooperation.models import BudgetLine
from delegations.choices import DelegationStatus, Direction, FollowUpStatus
from delegations.models import Delegation, DelegationCost, DelegationMember, FollowUpAction
from exchanges.choices import ParticipantDirection, ParticipantStatus
from exchanges.models import Participant
from intl_relations.permissions import Action
from intl_relations.selectors import scoped
from organisations.models import Contact
from partnerships.choices import PartnershipStatus
from partnerships.models import PartnerCity, Partnership, PartnershipDocument

from .choices import Verdict

# Sorts before any real date: stands for "nothing recorded" inside GREATEST, which on
# SQLite answers NULL as soon as one argument is NULL.
NEVER = dt.date(1, 1, 1)
ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))
MONEY = DecimalField(max_digits=14, decimal_places=2)


def verdict_thresholds(today: dt.date) -> tuple[dt.date, dt.date]:
    """(lively since, dormant before): the days the verdict compares the last activity to."""
    return years_before(today, lively_years()), years_before(today, dormant_years())


def lively_years() -> int:
    return int(getattr(settings, "INSIGHT_HEALTH_LIVELY_YEARS", 2))


def dormant_years() -> int:
    return int(getattr(settings, "INSIGHT_HEALTH_DORMANT_YEARS", 5))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class YearEnd(Func):
    """31 December of a year stored as a number (budget lines are kept per year)."""

    output_field = DateField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="make_date(%(expressions)s, 12, 31)")

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            # Years are four digits (the budget line's validators).
            compiler,
            connection,
            template="date(CAST(%(expressions)s AS TEXT) || '-12-31')",
        )


# --- Partnership health ---------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One kind of record that shows a partnership is alive, and the day it happened.

    ``lasts`` splits the last day by a condition on the records, each part a source of
    its own for the reasons (delegations received and sent): the records are still read
    once, and all of them count in the activity windows.
    """

    key: str
    records: QuerySet
    link: str  # the path from the record to the partnership (or its partner city)
    day: Expression
    outer: str = "pk"
    lasts: Mapping[str, Q] | None = None

    @property
    def parts(self) -> Mapping[str, Q | None]:
        """Each source of the reasons this one reads, and which of its records it keeps."""
        return self.lasts or {self.key: None}


def health_sources(today: dt.date) -> list[Source]:
    """Every source of activity, each dated; nothing after ``today`` counts."""
    return [
        Source(
            "delegation",
            Delegation.objects.exclude(status=DelegationStatus.CANCELLED),
            "partnership",
            F("starts_on"),
            lasts={
                "delegation_in": Q(direction=Direction.INCOMING),
                "delegation_out": Q(direction=Direction.OUTGOING),
            },
        ),
        Source(
            "exchange",
            Participant.objects.exclude(status=ParticipantStatus.CANCELLED),
            "program__partnership",
            Coalesce("departed_on", "program__starts_on"),
        ),
        Source(
            "spending",
            BudgetLine.objects.filter(spent_amount__gt=0),
            "project__partnership",
            # Spending is known per year: it counts on 31 December, or today this year.
            Least(YearEnd("year"), Value(today, output_field=DateField())),
        ),
        Source(
            "follow_up",
            FollowUpAction.objects.filter(
                status__in=[FollowUpStatus.DONE, FollowUpStatus.IN_PROGRESS]
            ),
            "delegation__partnership",
            Coalesce("due_on", TruncDate("updated_at")),
        ),
        Source(
            "document",
            PartnershipDocument.objects.all(),
            "partnership",
            Coalesce("dated_on", TruncDate("created_at")),
        ),
        Source(
            "contact",
            Contact.objects.filter(partner_city__isnull=False),
            "partner_city",
            TruncDate("updated_at"),
            outer="partner_city_id",
        ),
    ]


def _grouped(source: Source, today: dt.date) -> QuerySet:
    """One row per partnership (or partner city) that ``source`` has records for: the
    last day of each of its parts (``last_<key>``), and how many records fall in each
    activity window (1, 3, 5 years)."""
    windows = {
        f"n{years}": Count("pk", filter=Q(day__gte=years_before(today, years)))
        for years in ACTIVITY_WINDOWS
    }
    lasts = {f"last_{key}": Max("day", filter=where) for key, where in source.parts.items()}
    return (
        source.records.alias(day=source.day)
        .filter(day__isnull=False, day__lte=today)
        .order_by()
        .values(tied_to=F(source.link))
        .annotate(**lasts, **windows)
    )


def _agreement_day() -> Coalesce:
    # Signing, then each renewal: a renewal is never before the signing (a constraint).
    return Coalesce("last_renewed_on", "signed_on")


def _agreement_count_since(since: dt.date) -> Expression:
    return Case(When(signed_on__gte=since, then=1), default=0) + Case(
        When(last_renewed_on__gte=since, then=1), default=0
    )


HEALTH_SOURCE_KEYS = (
    "delegation_in",
    "delegation_out",
    "exchange",
    "spending",
    "follow_up",
    "document",
    "contact",
    "agreement",
)
ACTIVITY_WINDOWS = (1, 3, 5)


def with_health(queryset: QuerySet[Partnership], today: dt.date | None = None) -> QuerySet:
    """``queryset`` annotated with each source's last day, the last activity of all,
    the activity counted over the last 1, 3 and 5 years, and the verdict.

    ``last_<source>``: the last day of that source (None if never);
    ``last_activity``: the latest of them; ``activity_<n>y``: records of every source
    dated in the last n years; ``verdict``: lively when the last activity is less than
    ``INSIGHT_HEALTH_LIVELY_YEARS`` old, dormant when it is older than
    ``INSIGHT_HEALTH_DORMANT_YEARS`` (or there is none), slowing in between.
    """
    today = today or timezone.localdate()
    lasts: dict[str, Any] = {}
    counts: dict[str, Any] = {
        f"activity_{years}y": _agreement_count_since(years_before(today, years))
        for years in ACTIVITY_WINDOWS
    }
    ctes = []
    for source in health_sources(today):
        cte = CTE(_grouped(source, today), name=f"health_{source.key}")
        queryset = cte.join(queryset, **{source.outer: cte.col.tied_to}, _join_type=LOUTER)
        ctes.append(cte)
        for key in source.parts:
            lasts[f"last_{key}"] = getattr(cte.col, f"last_{key}")
        for years in ACTIVITY_WINDOWS:
            counts[f"activity_{years}y"] += Coalesce(getattr(cte.col, f"n{years}"), 0)
    queryset = with_cte(*ctes, select=queryset)
    lasts["last_agreement"] = _agreement_day()
    never = Value(NEVER, output_field=DateField())
    latest = Greatest(*(Coalesce(F(name), never) for name in lasts), output_field=DateField())
    lively_since, dormant_before = verdict_thresholds(today)
    return (
        queryset.annotate(**lasts)
        .annotate(last_activity=NullIf(latest, never, output_field=DateField()))
        .annotate(
            verdict=Case(
                When(last_activity__gte=lively_since, then=Value(Verdict.LIVELY)),
                When(last_activity__gte=dormant_before, then=Value(Verdict.SLOWING)),
                default=Value(Verdict.DORMANT),
            ),
            **counts,
        )
    )


def verdict_filter(verdicts: Any, today: dt.date | None = None) -> Q:
    """The rows of ``with_health`` whose verdict is one of ``verdicts``, as range
    conditions on the last activity: the same rows as ``verdict__in``, without
    repeating the latest-of-all-sources expression in each branch of the verdict's
    ``CASE`` (and an ``IS NULL`` test beside it)."""
    today = today or timezone.localdate()
    lively_since, dormant_before = verdict_thresholds(today)
    never = Value(NEVER, output_field=DateField())
    conditions = {
        Verdict.LIVELY: Q(last_activity__gte=lively_since),
        # Whole days: "before the lively threshold" is "up to the day before it".
        Verdict.SLOWING: Q(
            last_activity__range=(dormant_before, lively_since - dt.timedelta(days=1))
        ),
        # Nothing on record is dormant too.
        Verdict.DORMANT: Q(
            LessThan(
                Coalesce(F("last_activity"), never),
                Value(dormant_before, output_field=DateField()),
            )
        ),
    }
    wanted = Q()
    for verdict in verdicts:
        wanted |= conditions[Verdict(verdict)]
    return wanted


def partnership_health_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Partnership]:
    """Open partnerships (not ended) the user may see, with their health; quietest first."""
    from intl_relations.selectors import apply_filters

    from .filtersets import PartnershipHealthFilterSet

    qs = (
        scoped(Partnership.objects.all(), user, action)
        .exclude(status=PartnershipStatus.ENDED)
        .select_related("local_government", "partner_city")
    )
    qs = with_health(qs).order_by(F("last_activity").asc(nulls_first=True), "pk")
    return apply_filters(qs, PartnershipHealthFilterSet, filters)


# --- Reciprocity ------------------------------------------------------------------------


def _period(
    records: QuerySet, day: str | Expression, start: dt.date | None, end: dt.date | None
) -> QuerySet:
    records = records.alias(period_day=day) if not isinstance(day, str) else records
    field = "period_day" if not isinstance(day, str) else day
    if start is not None:
        records = records.filter(**{f"{field}__gte": start})
    if end is not None:
        records = records.filter(**{f"{field}__lte": end})
    return records


RECIPROCITY_FIELDS = (
    "delegations_received",
    "delegations_sent",
    "people_received",
    "people_sent",
    "participants_received",
    "participants_sent",
    "city_paid_hosting",
    "city_paid_travel",
    "paid_by_others",
    "cooperation_spent",
    "delegation_balance",
    "exchange_balance",
)


@dataclass(frozen=True)
class Tally:
    """Records of one kind and what is counted or summed of them for a partner.

    ``via`` is the path from a record to the delegation, program or project that ties
    it to the partner (empty for a delegation itself); ``values`` are the measures,
    each an aggregate and its type.
    """

    records: QuerySet
    via: str
    values: dict[str, tuple[Any, Any]]


def reciprocity_tallies(
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    local_government_id: int | None = None,
) -> list[Tally]:
    """What the balance with a partner counts over a period: the one definition that
    the correlated annotations (a page of partners) and the grouped totals (every
    partner at once, for the report) are both built from.

    * delegations received (incoming) and sent (outgoing), and the people in them,
      cancelled ones left out, dated by their first day;
    * exchange participants received and sent, cancelled ones left out, dated by their
      departure (or their program's start);
    * money: delegation costs the city paid (no "paid by" named) for hosting incoming
      delegations and for travelling, costs someone else paid (a "paid by" named: the
      partner or a third funder, the records do not tell which), and the amount spent
      on cooperation projects with the partner (budget lines of the period's years).
      Budget lines have no payer field: all of it is the city's side and its funders.

    ``local_government_id`` keeps only what that home local government did (the annual
    report of one member of a network).
    """
    delegations = _period(
        Delegation.objects.exclude(status=DelegationStatus.CANCELLED), "starts_on", start, end
    )
    members = DelegationMember.objects.exclude(delegation__status=DelegationStatus.CANCELLED)
    members = _period(members, "delegation__starts_on", start, end)
    costs = DelegationCost.objects.exclude(delegation__status=DelegationStatus.CANCELLED)
    costs = _period(costs, "delegation__starts_on", start, end)
    participants = _period(
        Participant.objects.exclude(status=ParticipantStatus.CANCELLED),
        Coalesce("departed_on", "program__starts_on"),
        start,
        end,
    )
    lines = BudgetLine.objects.all()
    if local_government_id is not None:
        delegations = delegations.filter(local_government_id=local_government_id)
        members = members.filter(delegation__local_government_id=local_government_id)
        costs = costs.filter(delegation__local_government_id=local_government_id)
        participants = participants.filter(program__local_government_id=local_government_id)
        lines = lines.filter(project__local_government_id=local_government_id)
    if start is not None:
        lines = lines.filter(year__gte=start.year)
    if end is not None:
        lines = lines.filter(year__lte=end.year)
    count = IntegerField()
    incoming, outgoing = Direction.INCOMING, Direction.OUTGOING
    came = ParticipantDirection.INCOMING
    went = ParticipantDirection.OUTGOING
    city_paid = Q(paid_by="")
    return [
        Tally(
            delegations,
            "",
            {
                "delegations_received": (Count("pk", filter=Q(direction=incoming)), count),
                "delegations_sent": (Count("pk", filter=Q(direction=outgoing)), count),
            },
        ),
        Tally(
            members,
            "delegation__",
            # Members counted by their delegation (never null), not their id: PostgreSQL
            # then reads them from the index on the delegation alone (35 -> 10 ms a year).
            {
                "people_received": (
                    Count("delegation", filter=Q(delegation__direction=incoming)),
                    count,
                ),
                "people_sent": (
                    Count("delegation", filter=Q(delegation__direction=outgoing)),
                    count,
                ),
            },
        ),
        Tally(
            participants,
            "program__",
            {
                "participants_received": (Count("pk", filter=Q(direction=came)), count),
                "participants_sent": (Count("pk", filter=Q(direction=went)), count),
            },
        ),
        Tally(
            costs,
            "delegation__",
            {
                "city_paid_hosting": (
                    Sum("amount", filter=city_paid & Q(delegation__direction=incoming)),
                    MONEY,
                ),
                "city_paid_travel": (
                    Sum("amount", filter=city_paid & Q(delegation__direction=outgoing)),
                    MONEY,
                ),
                "paid_by_others": (Sum("amount", filter=~city_paid), MONEY),
            },
        ),
        Tally(lines, "project__", {"cooperation_spent": (Sum("spent_amount"), MONEY)}),
    ]


def with_reciprocity(
    queryset: QuerySet,
    *,
    link: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    local_government_id: int | None = None,
) -> QuerySet:
    """``queryset`` (partner cities or partnerships) with its reciprocity balance over a
    period: what ``reciprocity_tallies`` counts, grouped by partner once per kind of
    record and joined in (common table expressions), whatever the number of rows.

    ``link`` is ``partner_city`` or ``partnership``: the field of a delegation, an
    exchange program and a cooperation project that ties it to the row.
    ``delegation_balance`` is delegations received minus delegations sent: positive
    for a partner who visits more than the city visits it. ``exchange_balance`` is the
    same for exchange participants.
    """
    tallies = reciprocity_tallies(start=start, end=end, local_government_id=local_government_id)
    ctes = []
    annotations: dict[str, Any] = {}
    for index, tally in enumerate(tallies):
        key = f"{tally.via}{link}"
        grouped = (
            tally.records.filter(**{f"{key}__isnull": False})
            .order_by()
            .values(tied_to=F(key))
            .annotate(**{name: value for name, (value, _field) in tally.values.items()})
        )
        cte = CTE(grouped, name=f"reciprocity_{index}")
        queryset = cte.join(queryset, pk=cte.col.tied_to, _join_type=LOUTER)
        ctes.append(cte)
        for name, (_value, field) in tally.values.items():
            default = ZERO if isinstance(field, DecimalField) else Value(0)
            annotations[name] = Coalesce(getattr(cte.col, name), default, output_field=field)
    return (
        with_cte(*ctes, select=queryset)
        .annotate(**annotations)
        .annotate(
            delegation_balance=F("delegations_received") - F("delegations_sent"),
            exchange_balance=F("participants_received") - F("participants_sent"),
        )
    )


def partner_city_reciprocity_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[PartnerCity]:
    """Partner cities the user may see; the FilterSet adds the balance of its period."""
    return scoped(PartnerCity.objects.all(), user, action).order_by("name", "pk")


def partnership_reciprocity_list(
    *, user: Any, filters: Mapping[str, Any] | None = None, action: str = Action.VIEW
) -> QuerySet[Partnership]:
    """Partnerships the user may see; the FilterSet adds the balance of its period."""
    return (
        scoped(Partnership.objects.all(), user, action)
        .select_related("local_government", "partner_city")
        .order_by("partner_city__name", "pk")
    )


def reciprocity_of(
    obj: PartnerCity | Partnership, *, start: dt.date | None, end: dt.date | None
) -> dict[str, Any]:
    """The balance of one partner city or partnership (one query)."""
    link = "partner_city" if isinstance(obj, PartnerCity) else "partnership"
    return (
        with_reciprocity(type(obj).objects.filter(pk=obj.pk), link=link, start=start, end=end)
        .values(*RECIPROCITY_FIELDS)
        .get()
    )


def health_of(partnership: Partnership, *, user: Any) -> Partnership | None:
    """One partnership with its health (None for an ended one: it is not followed)."""
    return partnership_health_list(user=user).filter(pk=partnership.pk).first()
