"""A realistic data set at a chosen scale, the same for the same seed.

``generate(scale="national", seed=42)`` fills an empty database with local
governments, partner cities, partnerships, delegations and their members, exchange
programs with their applications and participants, cooperation projects and their
budget, consulates and diaspora groups, in batches of bulk inserts.

What makes it look like the field:

* a few partners carry most of the activity: partner cities and local governments are
  drawn with Zipf weights, so a handful of twin cities see most delegations;
* delegations follow the seasons (spring and autumn, few in August and December) and
  grow over the decades; twinnings are old, memoranda recent;
* several countries per continent, weighted as French partnerships are.

Every random draw comes from one ``random.Random(seed)`` and dates are computed from
a fixed last year (not today), so two runs with the same seed write the same rows.

Generated rows have no edit history: bulk inserts bypass django-simple-history, and
a history of "created by the generator" would only double the tables. Partnership
documents and application attachments (files) are not generated.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import hashlib
import itertools
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.choices import Role
from cooperation.models import BudgetLine, CooperationProject, Network, NetworkMembership
from delegations.models import (
    Delegation,
    DelegationCost,
    DelegationMember,
    FollowUpAction,
    ProgrammeItem,
)
from diaspora.models import Consulate, DiasporaGroup
from exchanges.models import Application, ExchangeProgram, Participant
from organisations.models import Contact, Organisation
from partnerships.models import LocalGovernment, PartnerCity, Partnership, Theme

from . import vocabulary as v

BATCH = 5000

# Months of delegations: busy in spring and autumn, quiet in August and December.
MONTH_WEIGHTS = (4, 6, 9, 10, 11, 10, 6, 2, 10, 11, 8, 3)

THEME_WEIGHTS = {
    "culture": 14,
    "economy": 12,
    "youth": 12,
    "higher_education": 9,
    "climate": 7,
    "governance": 6,
    "tourism": 5,
    "sport": 5,
    "water": 4,
    "health": 4,
    "migration": 3,
    "human_rights": 2,
}
MEMBER_ROLES = (
    ("elected", 22),
    ("staff", 20),
    ("business", 18),
    ("education", 12),
    ("culture", 10),
    ("civil_society", 9),
    ("diaspora", 5),
    ("other", 4),
)
ORGANISATION_KINDS = (
    ("company", 25),
    ("school", 14),
    ("cultural_association", 12),
    ("university", 6),
    ("solidarity_association", 9),
    ("diaspora_association", 6),
    ("sports_club", 8),
    ("chamber", 3),
    ("hospital", 3),
    ("public_body", 5),
    ("other", 9),
)
PROGRAM_ROLES = {
    "students": "student",
    "youth": "young_person",
    "schools": "pupil",
    "professionals": "professional",
    "solidarity_leave": "employee",
    "culture": "artist",
}


@dataclass(frozen=True)
class Scale:
    """How much of everything a scale generates."""

    name: str
    local_governments: int
    partner_cities: int
    partnerships: int
    organisations: int
    delegations: int
    members_per_delegation: float
    programs: int
    applications_per_program: int
    participants_per_program: int
    projects: int
    consulates: int
    diaspora_groups: int
    officers: int
    first_year: int
    last_year: int = 2025

    @property
    def people(self) -> int:
        """Members, participants and applications together (the issue's 500,000)."""
        return int(
            self.delegations * self.members_per_delegation
            + self.programs * (self.applications_per_program + self.participants_per_program)
        )


SCALES: dict[str, Scale] = {
    # A few seconds: what the tests run.
    "small": Scale("small", 3, 40, 60, 40, 400, 4, 20, 15, 10, 15, 10, 8, 4, 1996),
    # One big city's office over 40 years.
    "city": Scale("city", 1, 70, 90, 400, 2400, 5, 240, 40, 25, 160, 40, 30, 12, 1986),
    # The national picture: 10,440 partnerships, 8,150 partner cities, 50,000
    # delegations and 500,000 members, participants and applications.
    "national": Scale(
        "national", 4700, 8150, 10440, 6000, 50000, 5, 5000, 30, 20, 3000, 300, 3000, 60, 1966
    ),
}

GENERATED_USER_PREFIX = "gen-"


class DataPresentError(Exception):
    """The database already holds records; generating on top would mix two data sets."""


# --- weighted draws ----------------------------------------------------------------------


class Weighted:
    """Draws items with fixed weights in O(log n), from the generator's one RNG."""

    def __init__(self, rng: random.Random, items: Sequence[Any], weights: Sequence[float]):
        self.rng = rng
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))

    def __call__(self) -> Any:
        x = self.rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, x)]


def zipf_weights(n: int, exponent: float) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, n + 1)]


@contextlib.contextmanager
def timestamps_as_given(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let bulk inserts keep the creation times given (``auto_now`` would say "now")."""
    saved = []
    for model in model_classes:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Batches:
    """Collects unsaved rows per model and writes them ``BATCH`` at a time."""

    def __init__(self) -> None:
        self.pending: dict[type[models.Model], list[models.Model]] = {}
        self.written: dict[str, int] = {}

    def add(self, obj: models.Model) -> None:
        rows = self.pending.setdefault(type(obj), [])
        rows.append(obj)
        if len(rows) >= BATCH:
            self.flush(type(obj))

    def flush(self, model: type[models.Model] | None = None) -> None:
        for target in [model] if model else list(self.pending):
            rows = self.pending.get(target) or []
            if rows:
                target.objects.bulk_create(rows, batch_size=BATCH)
                label = target._meta.label
                self.written[label] = self.written.get(label, 0) + len(rows)
            self.pending[target] = []


# --- the generator -----------------------------------------------------------------------


class Generator:
    """Writes one data set; each ``make_*`` step reads what the earlier ones wrote."""

    def __init__(self, scale: Scale, seed: int, progress: Callable[[str], None] | None = None):
        self.scale = scale
        self.rng = random.Random(seed)
        self.progress = progress or (lambda message: None)
        self.batches = Batches()
        self.tz = timezone.get_current_timezone()
        self.themes = {theme.code: theme.pk for theme in Theme.objects.all()}
        self.theme_draw = Weighted(self.rng, list(THEME_WEIGHTS), list(THEME_WEIGHTS.values()))
        self.country_draw = Weighted(self.rng, v.COUNTRIES, [c.weight for c in v.COUNTRIES])
        self.by_code = {c.code: c for c in v.COUNTRIES}
        years = range(scale.first_year, scale.last_year + 1)
        # Activity grows over the decades: the last year has four times the first's.
        span = max(1, scale.last_year - scale.first_year)
        self.years = list(years)
        self.year_cumulative = list(
            itertools.accumulate(1 + 3 * (y - scale.first_year) / span for y in years)
        )

    # helpers

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=self.tz)

    def year_from(self, earliest: int) -> int:
        """A year from ``earliest`` to the last, later years more likely."""
        lo = max(0, min(len(self.years) - 1, earliest - self.scale.first_year))
        low = self.year_cumulative[lo - 1] if lo else 0.0
        x = low + self.rng.random() * (self.year_cumulative[-1] - low)
        return self.years[bisect.bisect_right(self.year_cumulative, x, lo=lo)]

    def day_in(self, year: int, month: int | None = None) -> dt.date:
        month = month or self.rng.randint(1, 12)
        return dt.date(year, month, self.rng.randint(1, 28))

    def seasonal_day(self, year: int) -> dt.date:
        month = self.rng.choices(range(1, 13), MONTH_WEIGHTS)[0]
        return self.day_in(year, month)

    def person(self) -> str:
        return f"{self.rng.choice(v.FIRST_NAMES)} {self.rng.choice(v.LAST_NAMES)}"

    def pick_themes(self, low: int = 1, high: int = 3) -> list[int]:
        codes = {self.theme_draw() for _ in range(self.rng.randint(low, high))}
        return sorted(self.themes[c] for c in codes if c in self.themes)

    def place_name(self, country: v.Country) -> str:
        start, end = country.syllables
        return self.rng.choice(start) + self.rng.choice(end)

    # steps

    def run(self) -> dict[str, int]:
        models_written = [
            m
            for m in apps.get_models()
            if m._meta.app_label
            in {"organisations", "partnerships", "cooperation", "delegations", "diaspora"}
            or m._meta.app_label == "exchanges"
        ]
        with timestamps_as_given(*models_written), transaction.atomic():
            for step in (
                self.make_officers,
                self.make_local_governments,
                self.make_organisations,
                self.make_partner_cities,
                self.make_partnerships,
                self.make_delegations,
                self.make_programs,
                self.make_projects,
                self.make_networks,
                self.make_consulates_and_diaspora,
            ):
                self.progress(step.__name__.removeprefix("make_").replace("_", " "))
                step()
                self.batches.flush()
        return {
            model._meta.label: model.objects.count()
            for model in models_written
            if not model.__name__.startswith("Historical")
        }

    def make_officers(self) -> None:
        user_model = get_user_model()
        officers = [
            user_model(
                username=f"{GENERATED_USER_PREFIX}officer-{i}",
                first_name=self.rng.choice(v.FIRST_NAMES),
                last_name=self.rng.choice(v.LAST_NAMES),
                role=Role.EDITOR,
                password="!",  # noqa: S106 - unusable: generated officers never sign in
            )
            for i in range(self.scale.officers)
        ]
        user_model.objects.bulk_create(officers)
        self.officers = [u.pk for u in officers]

    def stamp(self, obj: models.Model, when: dt.date) -> models.Model:
        obj.created_at = obj.updated_at = self.at(when)
        return obj

    def make_local_governments(self) -> None:
        n = self.scale.local_governments
        rows = [
            LocalGovernment(
                name="Lyon",
                kind="metropolis",
                official_code="69123",
                population=522000,
                latitude=Decimal("45.76404"),
                longitude=Decimal("4.83566"),
                is_default=True,
            )
        ]
        names = {"Lyon"}
        while len(rows) < n:
            name = self.rng.choice(v.FRENCH_START) + self.rng.choice(v.FRENCH_ROOT)
            if name in names:
                name = f"{name} ({len(rows) % 95 + 1:02d})"
                if name in names:
                    name = f"{name} {len(rows)}"
            names.add(name)
            rows.append(
                LocalGovernment(
                    name=name,
                    kind=self.rng.choices(
                        ["commune", "metropolis", "department", "region"], [90, 4, 4, 2]
                    )[0],
                    official_code=f"{self.rng.randint(1000, 95999):05d}",
                    population=int(self.rng.lognormvariate(8.5, 1.3)),
                    latitude=Decimal(f"{self.rng.uniform(43.0, 50.5):.5f}"),
                    longitude=Decimal(f"{self.rng.uniform(-1.5, 7.5):.5f}"),
                )
            )
        for row in rows:
            self.stamp(row, dt.date(self.scale.first_year, 1, 1))
        LocalGovernment.objects.bulk_create(rows, batch_size=BATCH)
        self.lgs = [lg.pk for lg in rows]
        # The default (the big city) is the busiest; the others follow a Zipf law.
        self.lg_weight = dict(zip(self.lgs, zipf_weights(len(self.lgs), 0.9), strict=True))

    def make_organisations(self) -> None:
        kinds = Weighted(self.rng, *zip(*ORGANISATION_KINDS, strict=True))
        rows = []
        for i in range(self.scale.organisations):
            kind = kinds()
            local = self.rng.random() < 0.85
            country = "FR" if local else self.country_draw().code
            rows.append(
                self.stamp(
                    Organisation(
                        name=f"{self.rng.choice(v.ORGANISATION_WORDS)} "
                        f"{self.rng.choice(v.LAST_NAMES)} {i + 1}",
                        kind=kind,
                        is_local=local,
                        country=country,
                        city="Lyon" if local else "",
                        published=self.rng.random() < 0.4,
                    ),
                    self.day_in(self.year_from(self.scale.first_year)),
                )
            )
        Organisation.objects.bulk_create(rows, batch_size=BATCH)
        self.organisations = [o.pk for o in rows]
        self.associations = [o.pk for o in rows if o.kind == "diaspora_association"]

    def make_partner_cities(self) -> None:
        rows = []
        seen: set[tuple[str, str, str]] = set()
        for i in range(self.scale.partner_cities):
            country = self.country_draw()
            region = self.rng.choice(country.regions)
            name = self.place_name(country)
            if (name, country.code, region) in seen:
                name = f"{name} {i}"
            seen.add((name, country.code, region))
            lat = max(-89.9, min(89.9, self.rng.gauss(country.latitude, country.spread / 2)))
            lon = max(-179.9, min(179.9, self.rng.gauss(country.longitude, country.spread / 2)))
            rows.append(
                self.stamp(
                    PartnerCity(
                        name=name,
                        kind=self.rng.choices(["city", "metropolis", "region"], [85, 8, 7])[0],
                        country=country.code,
                        region=region,
                        latitude=Decimal(f"{lat:.5f}"),
                        longitude=Decimal(f"{lon:.5f}"),
                        population=int(self.rng.lognormvariate(10.5, 1.4)),
                        population_year=2020,
                        languages=country.languages,
                        description=f"{name}, {region}.",
                    ),
                    dt.date(self.scale.first_year, 1, 1),
                )
            )
        PartnerCity.objects.bulk_create(rows, batch_size=BATCH)
        self.cities = [(c.pk, str(c.country), c.name) for c in rows]
        # Popularity follows a Zipf law over a shuffled order: a few cities are the
        # partners of many (Germany's and Italy's big twin cities), most of one.
        order = list(range(len(rows)))
        self.rng.shuffle(order)
        weights = zipf_weights(len(rows), 1.05)
        self.city_weight = {rows[index].pk: weights[rank] for rank, index in enumerate(order)}
        contacts = [
            self.stamp(
                Contact(
                    first_name=self.rng.choice(v.FIRST_NAMES),
                    last_name=self.rng.choice(v.LAST_NAMES),
                    position="Chargé des relations internationales",
                    partner_city_id=pk,
                ),
                dt.date(self.scale.first_year, 1, 1),
            )
            for pk, _country, _name in self.cities[::2]
        ]
        Contact.objects.bulk_create(contacts, batch_size=BATCH)

    def partnership_kind(self, year: int) -> str:
        if year < 1985:
            return self.rng.choices(["twinning", "friendship"], [90, 10])[0]
        if year < 2005:
            return self.rng.choices(
                ["twinning", "cooperation", "friendship", "economic"], [50, 30, 10, 10]
            )[0]
        return self.rng.choices(
            ["twinning", "cooperation", "mou", "economic", "thematic", "friendship"],
            [20, 25, 25, 12, 13, 5],
        )[0]

    def make_partnerships(self) -> None:
        s = self.scale
        city_draw = Weighted(self.rng, [c[0] for c in self.cities], list(self.city_weight.values()))
        lg_draw = Weighted(self.rng, self.lgs, list(self.lg_weight.values()))
        lg_order = list(self.lgs)
        self.rng.shuffle(lg_order)
        taken: set[tuple[int, int, str]] = set()
        rows = []
        last = dt.date(s.last_year, 12, 31)
        for i in range(s.partnerships):
            # Every partner city and every local government has at least one partnership.
            for _attempt in range(20):
                city = self.cities[i][0] if i < len(self.cities) else city_draw()
                lg = lg_order[i] if i < len(lg_order) else lg_draw()
                year = self.year_from(s.first_year - 10 if s.first_year > 1956 else 1956)
                kind = self.partnership_kind(year)
                if (lg, city, kind) not in taken:
                    break
            else:
                continue
            taken.add((lg, city, kind))
            signed = self.day_in(min(year, s.last_year))
            roll = self.rng.random()
            status, ended, renewed = "active", None, None
            if roll < 0.04:
                status, signed = self.rng.choice(["exploring", "negotiating"]), None
            elif roll < 0.14 and signed.year < s.last_year - 2:
                status = "ended"
                ended = self.day_in(self.rng.randint(signed.year + 1, s.last_year))
            elif roll < 0.26:
                status = "dormant"
            elif roll < 0.28:
                status = "suspended"
            if signed and status != "exploring" and self.rng.random() < 0.3:
                latest = ended or last
                if latest.year > signed.year:
                    renewed = self.day_in(self.rng.randint(signed.year + 1, latest.year))
            review = None
            if status in ("active", "dormant"):
                review = self.day_in(s.last_year + self.rng.randint(0, 3))
            rows.append(
                self.stamp(
                    Partnership(
                        local_government_id=lg,
                        partner_city_id=city,
                        kind=kind,
                        status=status,
                        signed_on=signed,
                        last_renewed_on=renewed,
                        review_on=review,
                        ended_on=ended,
                        summary="Partenariat entre collectivités.",
                        officer_id=self.rng.choice(self.officers),
                        published=status != "exploring" and self.rng.random() < 0.75,
                    ),
                    signed or dt.date(s.last_year, 6, 1),
                )
            )
        Partnership.objects.bulk_create(rows, batch_size=BATCH)
        through = Partnership.themes.through
        holders = Partnership.co_holders.through
        co_partners = Partnership.co_partners.through
        self.partnerships = []
        for p in rows:
            themes = self.pick_themes()
            for theme in themes:
                self.batches.add(through(partnership_id=p.pk, theme_id=theme))
            if len(self.lgs) > 1 and self.rng.random() < 0.05:
                other = self.rng.choice(self.lgs)
                if other != p.local_government_id:
                    self.batches.add(holders(partnership_id=p.pk, localgovernment_id=other))
            if self.organisations and self.rng.random() < 0.2:
                for org in set(
                    self.rng.sample(self.organisations, min(2, len(self.organisations)))
                ):
                    self.batches.add(co_partners(partnership_id=p.pk, organisation_id=org))
            start_year = p.signed_on.year if p.signed_on else s.last_year
            self.partnerships.append(
                (
                    p.pk,
                    p.local_government_id,
                    p.partner_city_id,
                    start_year,
                    themes,
                    self.city_weight[p.partner_city_id] * self.lg_weight[p.local_government_id],
                )
            )
        self.city_country = {pk: country for pk, country, _name in self.cities}
        self.city_name = {pk: name for pk, _country, name in self.cities}
        self.partnership_draw = Weighted(
            self.rng, self.partnerships, [p[5] for p in self.partnerships]
        )

    def make_delegations(self) -> None:
        s = self.scale
        head_roles = Weighted(self.rng, *zip(*MEMBER_ROLES, strict=True))
        sizes = list(range(1, 13))
        # Sizes from 1 to 12, with the mean the scale asks for.
        size_weights = [_poisson_weight(size, s.members_per_delegation) for size in sizes]
        size_draw = Weighted(self.rng, sizes, size_weights)
        through = Delegation.themes.through
        cutoff = dt.date(s.last_year, 11, 30)
        for start in range(0, s.delegations, BATCH):
            rows = []
            for _ in range(min(BATCH, s.delegations - start)):
                if self.rng.random() < 0.85:
                    pid, lg, city, since, themes, _weight = self.partnership_draw()
                    country = self.city_country[city]
                else:
                    pid, lg, since = None, self.rng.choice(self.lgs), s.first_year
                    city = self.rng.choice(self.cities)[0] if self.rng.random() < 0.5 else None
                    country = self.city_country[city] if city else self.country_draw().code
                    themes = self.pick_themes(1, 2)
                year = self.year_from(max(since, s.first_year))
                if self.rng.random() < 0.03:
                    year = s.last_year + 1  # planned for next year
                starts = self.seasonal_day(year)
                ends = starts + dt.timedelta(days=self.rng.randint(1, 7))
                direction = "incoming" if self.rng.random() < 0.5 else "outgoing"
                if starts > cutoff:
                    status = self.rng.choice(["planned", "confirmed"])
                else:
                    status = "cancelled" if self.rng.random() < 0.07 else "done"
                place = self.city_name[city] if city else country
                title = (
                    f"Délégation de {place}" if direction == "incoming" else f"Mission à {place}"
                )
                delegation = self.stamp(
                    Delegation(
                        title=f"{title} ({starts.year})",
                        direction=direction,
                        status=status,
                        local_government_id=lg,
                        partner_city_id=city,
                        partnership_id=pid,
                        country=country,
                        destination=place if direction == "outgoing" else "",
                        starts_on=starts,
                        ends_on=ends,
                        purpose=self.rng.choice(v.PURPOSES),
                        outcomes="Compte rendu transmis." if status == "done" else "",
                        officer_id=self.rng.choice(self.officers),
                        published=self.rng.random() < 0.6,
                    ),
                    starts - dt.timedelta(days=60),
                )
                delegation._themes = themes[:2]  # type: ignore[attr-defined]
                rows.append(delegation)
            Delegation.objects.bulk_create(rows, batch_size=BATCH)
            for d in rows:
                for theme in d._themes:  # type: ignore[attr-defined]
                    self.batches.add(through(delegation_id=d.pk, theme_id=theme))
                self.delegation_children(d, size_draw(), head_roles)
        self.batches.flush()

    def delegation_children(self, d: Delegation, size: int, roles: Callable[[], str]) -> None:
        made = d.created_at
        for index in range(size):
            role = "elected" if index == 0 else roles()
            member = DelegationMember(
                delegation_id=d.pk,
                full_name=self.person(),
                role=role,
                position="Adjoint au maire" if role == "elected" else "",
                organisation_id=(
                    self.rng.choice(self.organisations)
                    if role in ("business", "education", "culture") and self.rng.random() < 0.6
                    else None
                ),
                is_head=index == 0,
            )
            member.created_at = member.updated_at = made
            self.batches.add(member)
        for hour in range(self.rng.choice((0, 1, 2, 2, 3))):
            item = ProgrammeItem(
                delegation_id=d.pk,
                starts_at=self.at(d.starts_on, 9 + 3 * hour),
                ends_at=self.at(d.starts_on, 11 + 3 * hour),
                kind=self.rng.choice(["meeting", "site_visit", "reception", "conference"]),
                title="Rencontre",
                host_id=self.rng.choice(self.organisations) if self.rng.random() < 0.4 else None,
            )
            item.created_at = item.updated_at = made
            self.batches.add(item)
        if d.direction == "outgoing" or self.rng.random() < 0.5:
            cost = DelegationCost(
                delegation_id=d.pk,
                category=self.rng.choice(["travel", "accommodation", "meals", "interpreting"]),
                label="Frais",
                amount=Decimal(self.rng.randint(200, 9000)),
            )
            cost.created_at = cost.updated_at = made
            self.batches.add(cost)
        if d.status == "done" and self.rng.random() < 0.3:
            action = FollowUpAction(
                delegation_id=d.pk,
                description="Envoyer le compte rendu aux partenaires",
                owner_id=self.rng.choice(self.officers),
                due_on=d.ends_on + dt.timedelta(days=30),
                status=self.rng.choice(["open", "done", "done", "in_progress"]),
            )
            action.created_at = action.updated_at = made
            self.batches.add(action)

    def make_programs(self) -> None:
        s = self.scale
        kinds = list(PROGRAM_ROLES)
        rows = []
        for _ in range(s.programs):
            pid, lg, city, since, _themes, _weight = self.partnership_draw()
            year = self.year_from(max(since, s.first_year))
            opens = dt.date(year, self.rng.randint(1, 4), self.rng.randint(1, 28))
            closes = opens + dt.timedelta(days=self.rng.randint(30, 75))
            starts = closes + dt.timedelta(days=self.rng.randint(20, 90))
            capacity = self.rng.randint(max(10, s.participants_per_program), 60)
            kind = self.rng.choice(kinds)
            rows.append(
                self.stamp(
                    ExchangeProgram(
                        title=f"Échange {kind} avec {self.city_name[city]} ({year})",
                        kind=kind,
                        local_government_id=lg,
                        partner_city_id=city,
                        partnership_id=pid,
                        capacity=capacity,
                        max_participants_per_application=1 if self.rng.random() < 0.8 else 4,
                        applications_open_on=opens,
                        applications_close_on=closes,
                        starts_on=starts,
                        ends_on=starts + dt.timedelta(days=self.rng.randint(7, 60)),
                        eligibility="Habitants de la collectivité.",
                        description="Programme d'échange.",
                        published=self.rng.random() < 0.7,
                    ),
                    opens - dt.timedelta(days=30),
                )
            )
        ExchangeProgram.objects.bulk_create(rows, batch_size=BATCH)
        hosts = ExchangeProgram.host_organisations.through
        today = dt.date(s.last_year, 12, 31)
        serial = itertools.count(1)
        for program in rows:
            self.batches.add(
                hosts(
                    exchangeprogram_id=program.pk,
                    organisation_id=self.rng.choice(self.organisations),
                )
            )
            self.program_children(program, today, serial)

    def program_children(
        self, program: ExchangeProgram, today: dt.date, serial: Iterator[int]
    ) -> None:
        s = self.scale
        decided = program.applications_close_on < today
        accepted: list[Application] = []
        count = max(
            1, int(self.rng.gauss(s.applications_per_program, s.applications_per_program / 4))
        )
        window = (program.applications_close_on - program.applications_open_on).days
        for _ in range(count):
            n = next(serial)
            submitted = program.applications_open_on + dt.timedelta(
                days=self.rng.randint(0, window)
            )
            if decided:
                status = self.rng.choices(
                    ["accepted", "rejected", "waitlisted", "withdrawn"], [45, 30, 15, 10]
                )[0]
            else:
                status = self.rng.choice(["submitted", "under_review"])
            application = Application(
                program_id=program.pk,
                organisation_id=self.rng.choice(self.organisations)
                if self.rng.random() < 0.2
                else None,
                applicant_name=self.person(),
                applicant_email=f"candidat{n}@example.org",
                motivation="Je souhaite participer à cet échange.",
                participants_count=1,
                status=status,
                submitted_at=self.at(submitted, 9 + n % 9),
                decided_at=self.at(program.applications_close_on, 15) if decided else None,
                decided_by_id=self.rng.choice(self.officers) if decided else None,
            )
            application.created_at = application.updated_at = application.submitted_at
            self.batches.add(application)
            if status == "accepted":
                accepted.append(application)
        self.batches.flush(Application)
        role = PROGRAM_ROLES[program.kind]
        country = self.city_country.get(program.partner_city_id, "DE")
        for index in range(s.participants_per_program):
            source = accepted[index] if index < len(accepted) else None
            outgoing = self.rng.random() < 0.6
            went = program.starts_on <= today
            participant = Participant(
                program_id=program.pk,
                application_id=source.pk if source else None,
                full_name=source.applicant_name if source else self.person(),
                role=role,
                direction="outgoing" if outgoing else "incoming",
                home_country="FR" if outgoing else country,
                status=("cancelled" if self.rng.random() < 0.05 else "took_part")
                if went
                else "selected",
                departed_on=program.starts_on,
                returned_on=program.ends_on,
            )
            participant.created_at = participant.updated_at = self.at(program.applications_close_on)
            self.batches.add(participant)

    def make_projects(self) -> None:
        s = self.scale
        rows = []
        for i in range(s.projects):
            pid, lg, city, since, themes, _weight = self.partnership_draw()
            start_year = self.year_from(max(since, s.first_year))
            starts = self.day_in(start_year)
            ends = self.day_in(min(start_year + self.rng.randint(1, 4), s.last_year + 3))
            status = (
                "completed"
                if ends.year < s.last_year
                else ("planned" if starts.year > s.last_year else "ongoing")
            )
            if self.rng.random() < 0.04:
                status = "cancelled"
            project = self.stamp(
                CooperationProject(
                    title=f"Projet {i + 1} avec {self.city_name[city]}",
                    partnership_id=pid,
                    partner_city_id=city,
                    local_government_id=lg,
                    status=status,
                    starts_on=starts,
                    ends_on=ends,
                    objectives="Renforcer les services publics locaux.",
                    officer_id=self.rng.choice(self.officers),
                    published=self.rng.random() < 0.6,
                ),
                starts,
            )
            project._themes = themes  # type: ignore[attr-defined]
            rows.append(project)
        CooperationProject.objects.bulk_create(rows, batch_size=BATCH)
        through = CooperationProject.themes.through
        water = self.themes.get("water")
        for project in rows:
            for theme in project._themes:  # type: ignore[attr-defined]
                self.batches.add(through(cooperationproject_id=project.pk, theme_id=theme))
            last_year = min(project.ends_on.year, project.starts_on.year + 3)
            for year in range(project.starts_on.year, last_year + 1):
                planned = Decimal(self.rng.randint(2, 120) * 1000)
                spent = (planned * Decimal(self.rng.randint(50, 100)) / 100).quantize(Decimal("1"))
                line = BudgetLine(
                    project_id=project.pk,
                    year=year,
                    label=f"Tranche {year}",
                    category=self.rng.choice(
                        ["staff", "travel", "equipment", "services", "grants"]
                    ),
                    funding_source=self.rng.choices(
                        ["own_budget", "state", "eu", "other_external"], [50, 25, 15, 10]
                    )[0],
                    planned_amount=planned,
                    spent_amount=spent if year <= s.last_year else Decimal("0"),
                    apd_amount=(spent * Decimal("0.8")).quantize(Decimal("1"))
                    if year <= s.last_year and self.rng.random() < 0.6
                    else Decimal("0"),
                    water_one_percent=water in project._themes,  # type: ignore[attr-defined]
                    # The e-APD heading follows without drawing (the same data set).
                    apd_heading="water_sanitation"
                    if water in project._themes  # type: ignore[attr-defined]
                    else "cooperation",
                )
                line.created_at = line.updated_at = self.at(dt.date(min(year, s.last_year), 1, 15))
                self.batches.add(line)

    def make_networks(self) -> None:
        networks = [
            self.stamp(Network(name=name, acronym=acronym, scope=scope), dt.date(1990, 1, 1))
            for name, acronym, scope in v.NETWORKS
        ]
        Network.objects.bulk_create(networks)
        members = self.lgs[: max(1, min(len(self.lgs), 1500))]
        for lg in members:
            for network in self.rng.sample(networks, self.rng.randint(1, 2)):
                membership = NetworkMembership(
                    network_id=network.pk,
                    local_government_id=lg,
                    role="member",
                    joined_on=self.day_in(self.year_from(1990)),
                    annual_fee=Decimal(self.rng.randint(5, 80) * 100),
                )
                self.stamp(membership, membership.joined_on)
                self.batches.add(membership)

    def make_consulates_and_diaspora(self) -> None:
        s = self.scale
        seen: set[tuple[str, str, str]] = set()
        consulates: list[Consulate] = []
        for _ in range(s.consulates * 3):
            if len(consulates) >= s.consulates:
                break
            country = self.country_draw().code
            city = self.rng.choice(v.FRENCH_CONSULAR_CITIES)
            kind = self.rng.choices(["consulate_general", "consulate", "honorary"], [3, 3, 4])[0]
            if (country, kind, city) in seen:
                continue
            seen.add((country, kind, city))
            consulates.append(
                self.stamp(
                    Consulate(
                        country=country,
                        kind=kind,
                        city=city,
                        consul_name=self.person(),
                        published=True,
                    ),
                    dt.date(2000, 1, 1),
                )
            )
        Consulate.objects.bulk_create(consulates, batch_size=BATCH)
        groups: list[DiasporaGroup] = []
        pairs: set[tuple[int, str]] = set()
        lg_draw = Weighted(self.rng, self.lgs, list(self.lg_weight.values()))
        for _ in range(s.diaspora_groups * 3):
            if len(groups) >= s.diaspora_groups:
                break
            lg, country = lg_draw(), self.country_draw().code
            if (lg, country) in pairs:
                continue
            pairs.add((lg, country))
            groups.append(
                self.stamp(
                    DiasporaGroup(
                        name=f"Communauté {country} ({len(groups) + 1})",
                        origin_country=country,
                        estimated_size=self.rng.randint(50, 40000),
                        size_source=self.rng.choice(["census", "consular_register", "association"]),
                        size_year=self.rng.randint(s.last_year - 6, s.last_year),
                        local_government_id=lg,
                        published=self.rng.random() < 0.5,
                    ),
                    dt.date(2010, 1, 1),
                )
            )
        DiasporaGroup.objects.bulk_create(groups, batch_size=BATCH)
        by_country: dict[str, list[int]] = {}
        for consulate in consulates:
            by_country.setdefault(str(consulate.country), []).append(consulate.pk)
        links = DiasporaGroup.consulates.through
        associations = DiasporaGroup.associations.through
        for group in groups:
            for consulate in by_country.get(str(group.origin_country), [])[:2]:
                self.batches.add(links(diasporagroup_id=group.pk, consulate_id=consulate))
            if self.associations and self.rng.random() < 0.5:
                self.batches.add(
                    associations(
                        diasporagroup_id=group.pk,
                        organisation_id=self.rng.choice(self.associations),
                    )
                )


def _poisson_weight(size: int, mean: float) -> float:
    """The Poisson law's weight of ``size`` (up to a constant): a bell around the mean."""
    return mean**size / math.factorial(size)


# --- the entry points --------------------------------------------------------------------

DATA_APPS = (
    "organisations",
    "partnerships",
    "cooperation",
    "delegations",
    "diaspora",
    "exchanges",
    "portal",
    "reports",
    "transfers",
)


def _data_models() -> list[type[models.Model]]:
    """Every table of the data apps (history and many-to-many tables included), themes aside."""
    return [
        model
        for label in DATA_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model is not Theme
    ]


def has_data() -> bool:
    return (
        PartnerCity.objects.exists() or Delegation.objects.exists() or Partnership.objects.exists()
    )


def _deletion_order(data_models: list[type[models.Model]]) -> list[type[models.Model]]:
    """The tables in an order where no row is deleted before the rows pointing to it."""
    remaining = set(data_models)
    ordered: list[type[models.Model]] = []
    while remaining:
        # A model can go once no other remaining model has a foreign key to it.
        free = [
            m
            for m in remaining
            if not any(
                f.many_to_one and f.related_model is m and f.db_constraint
                for other in remaining - {m}
                for f in other._meta.concrete_fields
            )
        ]
        if not free:  # a cycle (none today): fall back to what is left
            free = list(remaining)
        for model in sorted(free, key=lambda m: m._meta.label):
            ordered.append(model)
            remaining.discard(model)
    return ordered


@transaction.atomic
def reset_data() -> None:
    """Delete every record of the data apps and the generated users (themes stay).

    Plain ``DELETE`` statements in foreign-key order: half a million rows in seconds,
    where the ORM's cascade would load each of them first. Accounts that are not
    generated keep existing, detached from their (deleted) organisation.
    """
    user_model = get_user_model()
    generated = user_model.objects.filter(username__startswith=GENERATED_USER_PREFIX)
    user_model.objects.filter(organisation__isnull=False).update(organisation=None)
    with connection.cursor() as cursor:
        for model in _deletion_order(_data_models()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if (
                field.many_to_one
                and field.related_model is user_model
                and model is not user_model
                and model._meta.app_label not in DATA_APPS
            ):
                model._base_manager.filter(**{f"{field.name}__in": generated}).delete()
    generated._raw_delete(generated.db)


def generate(
    *,
    scale: str,
    seed: int = 42,
    reset: bool = False,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Fill the database with the data set of ``scale``; returns the rows written per model.

    Refuses (``DataPresentError``) when records are already there, unless ``reset``.
    """
    if scale not in SCALES:
        raise ValueError(f"Unknown scale {scale!r}: choose one of {', '.join(SCALES)}.")
    if has_data():
        if not reset:
            raise DataPresentError(
                "The database already holds partner cities, partnerships or delegations; "
                "run with --reset to replace them with the generated data set."
            )
        if progress:
            progress("reset")
        reset_data()
    written = Generator(SCALES[scale], seed, progress).run()
    if connection.vendor == "postgresql":
        # Statistics for the planner, and (outside a transaction) the visibility map
        # that lets the lists' COUNT(*) read an index alone instead of the table:
        # autovacuum would get there too, hours after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return written


def dataset_fingerprint() -> str:
    """A digest of the data set's content, independent of the ids the database gave."""
    digest = hashlib.sha256()
    queries = [
        PartnerCity.objects.order_by("country", "region", "name").values_list(
            "name", "country", "region", "latitude", "longitude", "population"
        ),
        Partnership.objects.order_by(
            "local_government__name", "partner_city__name", "partner_city__region", "kind"
        ).values_list(
            "local_government__name",
            "partner_city__name",
            "kind",
            "status",
            "signed_on",
            "ended_on",
        ),
        Delegation.objects.order_by(
            "starts_on", "title", "direction", "local_government__name"
        ).values_list("title", "starts_on", "ends_on", "direction", "status", "country"),
        DelegationMember.objects.values_list("role")
        .annotate(n=models.Count("pk"))
        .order_by("role"),
        Application.objects.order_by("applicant_email").values_list(
            "applicant_email", "status", "submitted_at", "program__title"
        ),
        Participant.objects.values_list("status", "direction")
        .annotate(n=models.Count("pk"))
        .order_by("status", "direction"),
        BudgetLine.objects.aggregate(models.Sum("spent_amount"), models.Sum("apd_amount")).items(),
    ]
    for rows in queries:
        # Sorted here too: rows that tie on the ORDER BY come back in any order.
        for row in sorted(repr(row) for row in rows):
            digest.update(row.encode())
    return digest.hexdigest()
