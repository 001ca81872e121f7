"""The territory diagnosis: what the city has with each country, and where the gaps are.

The France urbaine/INET study recommends that an international office starts from a
diagnosis of its territory's links with the world. Per country: the diaspora groups
(and their size where it is known), the consulates (career and honorary), the current
partnerships, the cooperation projects, the delegations received and sent and the
exchange programs; then the gaps a person would look for by hand:

* a large diaspora (``TERRITORY_LARGE_DIASPORA`` people or more) with no partnership;
* a large diaspora with no consulate;
* partnerships in force with no delegation, exchange program or cooperation project in
  the last ``TERRITORY_ACTIVITY_YEARS`` years (idle);
* a consulate with no diaspora group recorded for its country.

Each measure is one aggregate query grouped by country (six in all, whatever the
number of records); the rows are merged by country code in Python, at most one per
country of the world.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.fields import Country

from cooperation.choices import ProjectStatus
from cooperation.models import CooperationProject
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from diaspora.choices import ConsulateKind
from diaspora.models import Consulate, DiasporaGroup
from exchanges.models import ExchangeProgram
from intl_relations.permissions import restrict
from partnerships.choices import PartnershipStatus
from partnerships.models import LocalGovernment, Partnership

# Partnerships that count as the city's current ties with a country.
CURRENT = ~Q(status=PartnershipStatus.ENDED)
# Partnerships expected to show activity: in force, not merely being explored.
IN_FORCE = (PartnershipStatus.ACTIVE, PartnershipStatus.DORMANT)

# The gaps, by code, with their plain-language name (the filter's choices).
GAP_LARGE_DIASPORA_NO_PARTNERSHIP = "diaspora_without_partnership"
GAP_LARGE_DIASPORA_NO_CONSULATE = "diaspora_without_consulate"
GAP_IDLE_PARTNERSHIP = "idle_partnership"
GAP_CONSULATE_NO_DIASPORA = "consulate_without_diaspora"
GAPS = {
    GAP_LARGE_DIASPORA_NO_PARTNERSHIP: _("Large diaspora with no partnership"),
    GAP_LARGE_DIASPORA_NO_CONSULATE: _("Large diaspora with no consulate"),
    GAP_IDLE_PARTNERSHIP: _("Partnership with no recent activity"),
    GAP_CONSULATE_NO_DIASPORA: _("Consulate with no diaspora group recorded"),
}

# The figures of a country, by name, with their label (the map's measures and the
# table's and exports' columns, in this order).
MEASURES = {
    "diaspora_size": _("Diaspora size (known estimates)"),
    "diaspora_groups": _("Diaspora groups"),
    "consulates": _("Consulates"),
    "consulates_career": _("Career consulates"),
    "consulates_honorary": _("Honorary consulates"),
    "partnerships": _("Partnerships"),
    "idle_partnerships": _("Idle partnerships"),
    "projects": _("Cooperation projects"),
    "delegations": _("Delegations"),
    "delegations_received": _("Delegations received"),
    "delegations_sent": _("Delegations sent"),
    "exchanges": _("Exchange programs"),
    "gap_count": _("Gaps"),
}


@dataclass
class CountryDiagnosis:
    """What the territory has with one country, and its gaps."""

    country: Country
    diaspora_groups: int = 0
    diaspora_size: int | None = None  # the sum of the known estimates; None if none is
    consulates_career: int = 0
    consulates_honorary: int = 0
    partnerships: int = 0
    idle_partnerships: int = 0
    projects: int = 0
    delegations_received: int = 0
    delegations_sent: int = 0
    exchanges: int = 0
    gaps: list[str] = field(default_factory=list)
    gap_texts: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.country.code

    @property
    def name(self) -> str:
        return str(self.country.name)

    @property
    def numeric(self) -> str:
        """ISO 3166-1 numeric code, zero-padded: the id of the country's shape on the map."""
        return self.country.numeric_padded or ""

    @property
    def consulates(self) -> int:
        return self.consulates_career + self.consulates_honorary

    @property
    def delegations(self) -> int:
        return self.delegations_received + self.delegations_sent

    @property
    def gap_count(self) -> int:
        return len(self.gaps)

    @property
    def gaps_text(self) -> str:
        return "; ".join(self.gap_texts)

    def value(self, measure: str) -> int | None:
        return getattr(self, measure)


@dataclass(frozen=True)
class Thresholds:
    large_diaspora: int
    activity_years: int
    since: dt.date  # activity on or after this day counts as recent


def thresholds(today: dt.date | None = None) -> Thresholds:
    today = today or timezone.localdate()
    years = settings.TERRITORY_ACTIVITY_YEARS
    try:
        since = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        since = today.replace(year=today.year - years, day=28)
    return Thresholds(
        large_diaspora=settings.TERRITORY_LARGE_DIASPORA, activity_years=years, since=since
    )


def _same_partnership_or_city() -> Q:
    """Activity of a partnership: recorded on it, or with its partner city."""
    return Q(partnership=OuterRef("pk")) | Q(partner_city=OuterRef("partner_city"))


def recent_activity(since: dt.date, user: Any) -> Q:
    """A partnership had a delegation, an exchange program or a project since ``since``.

    A delegation counts by its first day (cancelled ones do not), an exchange by its
    start (or its application window when it has no dates), a project while it runs:
    not cancelled, and ending on or after ``since``, or with no end date and either
    starting on or after ``since`` or still planned or ongoing.
    """
    linked = _same_partnership_or_city()
    delegations = (
        restrict(Delegation.objects.all(), user)
        .filter(linked, starts_on__gte=since)
        .exclude(status=DelegationStatus.CANCELLED)
    )
    programs = restrict(ExchangeProgram.objects.all(), user).filter(
        linked,
        Q(starts_on__gte=since) | Q(starts_on__isnull=True, applications_open_on__gte=since),
    )
    projects = (
        restrict(CooperationProject.objects.all(), user)
        .filter(linked)
        .exclude(status=ProjectStatus.CANCELLED)
        .filter(
            Q(ends_on__gte=since)
            | Q(ends_on__isnull=True, starts_on__gte=since)
            | Q(ends_on__isnull=True, status__in=[ProjectStatus.PLANNED, ProjectStatus.ONGOING])
        )
    )
    return Q(Exists(delegations)) | Q(Exists(programs)) | Q(Exists(projects))


def _held_by(local_government: LocalGovernment) -> Q:
    co_held = Partnership.co_holders.through.objects.filter(
        localgovernment=local_government
    ).values("partnership_id")
    return Q(local_government=local_government) | Q(pk__in=co_held)


def _grouped(queryset: QuerySet, country: Any, **aggregates: Any) -> Iterable[dict[str, Any]]:
    """One row per country: ``country`` is a field path or an expression."""
    if not isinstance(country, str):
        queryset = queryset.annotate(territory_country=country)
        country = "territory_country"
    return (
        queryset.exclude(**{f"{country}__isnull": True})
        .exclude(**{country: ""})
        .order_by()
        .values(country)
        .annotate(**aggregates)
        .values_list(country, *aggregates)
    )


def _city_country(prefix: str = "") -> Coalesce:
    """A record's country: its partner city's, else its partnership's partner city's."""
    return Coalesce(
        F(f"{prefix}partner_city__country"),
        F(f"{prefix}partnership__partner_city__country"),
        output_field=CharField(),
    )


def territory_diagnosis(
    *,
    user: Any,
    local_government: LocalGovernment | None = None,
    today: dt.date | None = None,
) -> list[CountryDiagnosis]:
    """Every country the territory has a link with, with its figures and its gaps.

    ``local_government`` narrows the diaspora groups, partnerships (held or co-held),
    projects, delegations and exchange programs to one local government; consulates
    are the territory's whatever the local government. Rows come sorted by country
    name in the active language.
    """
    limits = thresholds(today)
    rows: dict[str, CountryDiagnosis] = {}

    def row(code: str) -> CountryDiagnosis:
        if code not in rows:
            rows[code] = CountryDiagnosis(country=Country(code))
        return rows[code]

    def scoped(queryset: QuerySet) -> QuerySet:
        return restrict(queryset, user)

    def for_government(queryset: QuerySet) -> QuerySet:
        if local_government is None:
            return queryset
        return queryset.filter(local_government=local_government)

    groups = for_government(scoped(DiasporaGroup.objects.all()))
    for code, count, size in _grouped(
        groups, "origin_country", n=Count("pk"), size=Sum("estimated_size")
    ):
        target = row(code)
        target.diaspora_groups, target.diaspora_size = count, size

    honorary = Q(kind=ConsulateKind.HONORARY)
    for code, career, honorary_count in _grouped(
        scoped(Consulate.objects.all()),
        "country",
        career=Count("pk", filter=~honorary),
        honorary=Count("pk", filter=honorary),
    ):
        target = row(code)
        target.consulates_career, target.consulates_honorary = career, honorary_count

    partnerships = scoped(Partnership.objects.filter(CURRENT))
    if local_government is not None:
        partnerships = partnerships.filter(_held_by(local_government))
    idle = (
        Q(status__in=IN_FORCE)
        & (Q(signed_on__isnull=True) | Q(signed_on__lt=limits.since))
        & ~recent_activity(limits.since, user)
    )
    for code, count, idle_count in _grouped(
        partnerships, "partner_city__country", n=Count("pk"), idle=Count("pk", filter=idle)
    ):
        target = row(code)
        target.partnerships, target.idle_partnerships = count, idle_count

    projects = for_government(
        scoped(CooperationProject.objects.exclude(status=ProjectStatus.CANCELLED))
    )
    for code, count in _grouped(projects, _city_country(), n=Count("pk")):
        row(code).projects = count

    delegations = for_government(
        scoped(Delegation.objects.exclude(status=DelegationStatus.CANCELLED))
    )
    for code, received, sent in _grouped(
        delegations,
        "country",
        received=Count("pk", filter=Q(direction=Direction.INCOMING)),
        sent=Count("pk", filter=Q(direction=Direction.OUTGOING)),
    ):
        target = row(code)
        target.delegations_received, target.delegations_sent = received, sent

    programs = for_government(scoped(ExchangeProgram.objects.all()))
    for code, count in _grouped(programs, _city_country(), n=Count("pk")):
        row(code).exchanges = count

    for diagnosis in rows.values():
        flag_gaps(diagnosis, limits)
    return sorted(rows.values(), key=lambda d: (d.name.casefold(), d.code))


def flag_gaps(diagnosis: CountryDiagnosis, limits: Thresholds) -> None:
    """Set the gaps of one country from its figures, with a sentence for each."""
    gaps: list[str] = []
    texts: list[str] = []
    large = diagnosis.diaspora_size is not None and diaspora_is_large(diagnosis, limits)
    if large and diagnosis.partnerships == 0:
        gaps.append(GAP_LARGE_DIASPORA_NO_PARTNERSHIP)
        texts.append(
            _("A diaspora of about %(size)s people, but no partnership with the country.")
            % {"size": number_format(diagnosis.diaspora_size, force_grouping=True)}
        )
    if large and diagnosis.consulates == 0:
        gaps.append(GAP_LARGE_DIASPORA_NO_CONSULATE)
        texts.append(
            _("A diaspora of about %(size)s people, but no consulate of the country.")
            % {"size": number_format(diagnosis.diaspora_size, force_grouping=True)}
        )
    if diagnosis.idle_partnerships:
        gaps.append(GAP_IDLE_PARTNERSHIP)
        texts.append(
            ngettext(
                "%(count)d partnership with no delegation, exchange or project in %(years)d years.",
                "%(count)d partnerships with no delegation, exchange or project in "
                "%(years)d years.",
                diagnosis.idle_partnerships,
            )
            % {"count": diagnosis.idle_partnerships, "years": limits.activity_years}
        )
    if diagnosis.consulates and diagnosis.diaspora_groups == 0:
        gaps.append(GAP_CONSULATE_NO_DIASPORA)
        texts.append(_("A consulate, but no diaspora group recorded for the country."))
    diagnosis.gaps, diagnosis.gap_texts = gaps, [str(text) for text in texts]


def diaspora_is_large(diagnosis: CountryDiagnosis, limits: Thresholds) -> bool:
    return (diagnosis.diaspora_size or 0) >= limits.large_diaspora
