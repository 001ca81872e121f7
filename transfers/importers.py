"""One importer per kind of record; the file formats are documented in ``docs/imports.md``.

Each importer declares its columns (English and French headers accepted) and how a
row finds the record it is about: by a normalised natural key, so that "Saint-Étienne"
and " saint etienne " are one city, and a partnership listed "Frankfurt am Main; Lyon"
or "Lyon; Frankfurt am Main" is the same pair (the side that is one of the portal's
local governments is the home side).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django_countries.fields import Country

from delegations.choices import DELEGATION_TRANSITIONS, DelegationStatus, Direction, MemberRole
from delegations.models import Delegation, DelegationMember
from diaspora.choices import ConsulateKind, SizeSource
from diaspora.models import Consulate, DiasporaGroup
from exchanges.choices import ParticipantDirection, ParticipantRole, ParticipantStatus
from exchanges.models import ExchangeProgram, Participant
from intl_relations.services import check_transition
from organisations.choices import OrganisationKind
from organisations.models import Contact, Organisation
from partnerships.choices import (
    PARTNERSHIP_TRANSITIONS,
    PartnerCityKind,
    PartnershipKind,
    PartnershipStatus,
    ThemeCode,
)
from partnerships.models import LocalGovernment, PartnerCity, Partnership, Theme

from .choices import ImportKind
from .engine import Col, Importer, ImportOptions, Row
from .normalise import (
    ChoiceResolver,
    clean_text,
    name_key,
    parse_boolean,
    parse_country,
    parse_date,
    parse_decimal,
    parse_integer,
    place_key,
    split_list,
    unguard,
)
from .roundtrip import accept_export_headers, split_city_label

# --- cell parsers shared by several importers ------------------------------------------

THEMES = ChoiceResolver(
    ThemeCode.choices,
    {
        "économie": "economy",
        "développement économique": "economy",
        "enseignement supérieur": "higher_education",
        "enseignement supérieur et recherche": "higher_education",
        "recherche": "higher_education",
        "jeunesse": "youth",
        "jeunesse et éducation": "youth",
        "éducation": "youth",
        "climat": "climate",
        "environnement": "climate",
        "climat et environnement": "climate",
        "migrations": "migration",
        "migrations et inclusion": "migration",
        "inclusion": "migration",
        "droits humains": "human_rights",
        "droits de l'homme": "human_rights",
        "gouvernance": "governance",
        "santé": "health",
        "eau": "water",
        "eau et assainissement": "water",
        "tourisme": "tourism",
        "sports": "sport",
    },
)


def parse_themes(value: Any) -> list[str]:
    return [THEMES(part) for part in split_list(value)]


def parse_names(value: Any) -> list[str]:
    return split_list(value)


def parse_languages(value: Any) -> str:
    """ "DE, en ; fr" → "de, en, fr" (ISO 639-1 codes, as the models store them)."""
    parts = [part.strip().lower() for part in clean_text(value).replace(";", ",").split(",")]
    return ", ".join(part for part in parts if part)


def parse_text(value: Any) -> str:
    """Free text: trimmed, but inner new lines kept."""
    return unguard(str(value).strip()) if value is not None else ""


def parse_year(value: Any) -> int | None:
    return parse_integer(value, minimum=None)


def parse_email(value: Any) -> str:
    return clean_text(value).lower()


def decimal_of(places: int) -> Callable[[Any], Any]:
    return partial(parse_decimal, places=places)


PARTNERSHIP_KINDS = ChoiceResolver(
    PartnershipKind.choices,
    {
        "jumelage": "twinning",
        "ville jumelle": "twinning",
        "sister city": "twinning",
        "cooperation decentralisee": "cooperation",
        "accord de coopération": "cooperation",
        "coopération": "cooperation",
        "amitié": "friendship",
        "pacte d'amitié": "friendship",
        "accord d'amitié": "friendship",
        "protocole d'accord": "mou",
        "memorandum": "mou",
        "mémorandum d'accord": "mou",
        "partenariat économique": "economic",
        "économique": "economic",
        "partenariat thématique": "thematic",
        "thématique": "thematic",
        "projet": "thematic",
    },
)
PARTNERSHIP_STATUSES = ChoiceResolver(
    PartnershipStatus.choices,
    {
        "exploration": "exploring",
        "en exploration": "exploring",
        "négociation": "negotiating",
        "en négociation": "negotiating",
        "actif": "active",
        "en cours": "active",
        "en sommeil": "dormant",
        "inactif": "dormant",
        "suspendu": "suspended",
        "terminé": "ended",
        "fin": "ended",
        "clos": "ended",
    },
)
PARTNER_CITY_KINDS = ChoiceResolver(
    PartnerCityKind.choices,
    {
        "ville": "city",
        "commune": "city",
        "métropole": "metropolis",
        "district": "district",
        "comté": "district",
        "région": "region",
        "province": "region",
        "état": "region",
        "autre": "other",
    },
)
ORGANISATION_KINDS = ChoiceResolver(
    OrganisationKind.choices,
    {
        "université": "university",
        "école": "school",
        "lycée": "school",
        "entreprise": "company",
        "société": "company",
        "chambre de commerce": "chamber",
        "cci": "chamber",
        "hôpital": "hospital",
        "chu": "hospital",
        "association culturelle": "cultural_association",
        "association de solidarité": "solidarity_association",
        "association de solidarité internationale": "solidarity_association",
        "association de la diaspora": "diaspora_association",
        "association diaspora": "diaspora_association",
        "club sportif": "sports_club",
        "collectivité": "local_government",
        "organisme public": "public_body",
        "autre": "other",
    },
)
CONSULATE_KINDS = ChoiceResolver(
    ConsulateKind.choices,
    {
        "consulat général": "consulate_general",
        "consulat": "consulate",
        "consulat honoraire": "honorary",
        "honoraire": "honorary",
        "agence consulaire": "consular_agency",
    },
)
SIZE_SOURCES = ChoiceResolver(
    SizeSource.choices,
    {
        "recensement": "census",
        "insee": "census",
        "registre consulaire": "consular_register",
        "estimation associative": "association",
        "association": "association",
        "étude": "study",
        "enquête": "study",
        "estimation du service": "office_estimate",
    },
)
DIRECTIONS = ChoiceResolver(
    Direction.choices,
    {
        "entrante": "incoming",
        "accueil": "incoming",
        "reçue": "incoming",
        "in": "incoming",
        "sortante": "outgoing",
        "envoyée": "outgoing",
        "mission": "outgoing",
        "out": "outgoing",
    },
)
DELEGATION_STATUSES = ChoiceResolver(
    DelegationStatus.choices,
    {
        "prévue": "planned",
        "planifiée": "planned",
        "confirmée": "confirmed",
        "réalisée": "done",
        "faite": "done",
        "terminée": "done",
        "annulée": "cancelled",
    },
)
MEMBER_ROLES = ChoiceResolver(
    MemberRole.choices,
    {
        "élu": "elected",
        "élue": "elected",
        "élu(e)": "elected",
        "agent": "staff",
        "personnel": "staff",
        "entreprise": "business",
        "entreprises": "business",
        "éducation": "education",
        "recherche": "education",
        "société civile": "civil_society",
        "autre": "other",
    },
)
PARTICIPANT_ROLES = ChoiceResolver(
    ParticipantRole.choices,
    {
        "étudiant": "student",
        "étudiante": "student",
        "élève": "pupil",
        "jeune": "young_person",
        "enseignant": "teacher",
        "accompagnateur": "teacher",
        "professionnel": "professional",
        "salarié": "employee",
        "congé solidaire": "employee",
        "artiste": "artist",
        "autre": "other",
    },
)
PARTICIPANT_DIRECTIONS = ChoiceResolver(
    ParticipantDirection.choices,
    {"sortant": "outgoing", "départ": "outgoing", "entrant": "incoming", "accueil": "incoming"},
)
PARTICIPANT_STATUSES = ChoiceResolver(
    ParticipantStatus.choices,
    {
        "sélectionné": "selected",
        "a participé": "took_part",
        "parti": "took_part",
        "annulé": "cancelled",
    },
)

# Prefixes that a local government's name carries in a file but not always in the portal.
LOCAL_GOVERNMENT_PREFIXES = (
    "ville de",
    "ville d",
    "commune de",
    "commune d",
    "mairie de",
    "mairie d",
    "city of",
    "town of",
    "municipality of",
)


def _short_keys(key: str) -> list[str]:
    """A local government's key, and the same without "ville de", "city of"…"""
    keys = [key]
    for prefix in LOCAL_GOVERNMENT_PREFIXES:
        if key.startswith(prefix + " "):
            keys.append(key[len(prefix) + 1 :])
    return keys


class PortalImporter(Importer):
    """Lookups shared by the importers: local governments, partner cities, organisations."""

    def place(self, name: Any) -> str:
        """A place's matching key: accents count unless the user merges such names
        (all of them, or those the preview offered and the user ticked)."""
        blind = name_key(name)
        if self.options.merge_accents or blind in self.options.merge_places:
            return blind
        return place_key(name)

    def load_local_governments(self) -> None:
        self.local_governments: dict[str, LocalGovernment] = {}
        self.local_government_short: dict[str, LocalGovernment] = {}
        self.default_local_government = None
        for local_government in LocalGovernment.objects.order_by("-is_default", "name"):
            self.local_governments[self.place(local_government.name)] = local_government
            for key in _short_keys(self.place(local_government.name))[1:]:
                self.local_government_short.setdefault(key, local_government)
            if local_government.is_default:
                self.default_local_government = local_government

    def local_government_named(self, name: str) -> LocalGovernment | None:
        for key in _short_keys(self.place(name)):
            found = self.local_governments.get(key) or self.local_government_short.get(key)
            if found:
                return found
        return None

    def local_government_of(self, row: Row, column: str = "local_government") -> LocalGovernment:
        name = row.get(column)
        if not name:
            if self.default_local_government is None:
                raise row.fail(column, _("No local government given and none is the default."))
            return self.default_local_government
        found = self.local_government_named(name)
        if found is None:
            raise row.fail(
                column, _("“%(value)s” is not a local government of the portal.") % {"value": name}
            )
        return found

    # partner cities ----------------------------------------------------------------------
    def load_partner_cities(self) -> None:
        self.cities: dict[str, list[PartnerCity]] = defaultdict(list)
        # Spelled the same but for accents: told in the preview, never merged unasked.
        self.cities_blind: dict[str, list[PartnerCity]] = defaultdict(list)
        self.accent_twins: dict[str, dict[str, Any]] = {}
        for city in PartnerCity.objects.order_by("pk"):
            self.add_city(city)

    def add_city(self, city: PartnerCity) -> None:
        for name in {city.name, city.local_name} - {""}:
            if city not in self.cities[self.place(name)]:
                self.cities[self.place(name)].append(city)
            if city not in self.cities_blind[name_key(name)]:
                self.cities_blind[name_key(name)].append(city)

    def city_candidates(self, name: str, country: str | None) -> list[PartnerCity]:
        found = self.cities.get(self.place(name), [])
        if country:
            found = [city for city in found if city.country == country]
        return found

    def note_accent_twins(self, row: Row, name: str, country: str | None) -> None:
        """Say so when a new city differs from a known one only by its accents."""
        twins = [
            city
            for city in self.cities_blind.get(name_key(name), [])
            if city.name != name and (not country or city.country == country)
        ]
        if twins:
            self.accent_twins.setdefault(
                name_key(name),
                {"key": name_key(name), "names": [twins[0].name, name], "line": row.line},
            )
            row.notes.append(
                _(
                    "“%(name)s” is created as a place of its own: “%(other)s” differs only by "
                    "its accents (to treat them as one place, merge names differing only by "
                    "accents)."
                )
                % {"name": name, "other": twins[0].name}
            )

    def city_new_key(self, name: str, country: str, region: str = "") -> Any:
        return ("city", self.place(name), country, name_key(region))

    def find_partner_city(
        self,
        row: Row,
        name_column: str,
        country_column: str,
        *,
        create: bool = True,
        coordinate_columns: tuple[str, str] | None = None,
    ) -> PartnerCity:
        """The partner city a row names: matched by name (and country), or planned as new.

        With ``coordinate_columns`` (latitude, longitude) the row's coordinates are given
        to the city, new or found; two different pairs for one city follow the user's
        choice (``ImportOptions.coordinates``).
        """
        name = row.get(name_column)
        country = row.get(country_column)
        # Round trip (issue #18): exports label a city "Frankfurt am Main (DE)".
        name, labelled_country = split_city_label(name)
        country = country or labelled_country
        coordinates = {}
        if coordinate_columns:
            coordinates = {
                "latitude": row.get(coordinate_columns[0]),
                "longitude": row.get(coordinate_columns[1]),
            }
        candidates = self.city_candidates(name, country)
        if len(candidates) == 1 or (candidates and country):
            city = candidates[0]
            if any(value is not None for value in coordinates.values()):
                self.upsert(
                    row,
                    PartnerCity,
                    self.key_of(city, None),
                    city if city.pk else None,
                    coordinates,
                    primary=False,
                )
            return city
        if len(candidates) > 1:
            countries = ", ".join(sorted({city.country.code for city in candidates}))
            raise row.fail(
                country_column if self.present(country_column) else name_column,
                _("Several partner cities are called “%(name)s” (%(countries)s): give the country.")
                % {"name": name, "countries": countries},
                value=name if not self.present(country_column) else row.raw.get(country_column),
            )
        if not create or not country:
            raise row.fail(
                name_column,
                _("“%(name)s” is not a partner city of the portal; give its country to create it.")
                % {"name": name},
            )
        key = self.city_new_key(name, country)
        if key not in self.plans[PartnerCity]:
            self.note_accent_twins(row, name, country)
        plan = self.upsert(
            row,
            PartnerCity,
            key,
            None,
            {"name": name, "country": country, **coordinates},
            primary=False,
        )
        self.add_city(plan.instance)
        return plan.instance

    # organisations ---------------------------------------------------------------------
    def load_organisations(self) -> None:
        self.organisations: dict[str, list[Organisation]] = defaultdict(list)
        for organisation in Organisation.objects.order_by("pk"):
            self.organisations[name_key(organisation.name)].append(organisation)
            if organisation.acronym:
                self.organisations.setdefault(name_key(organisation.acronym), [organisation])
                # Round trip (issue #18): exports label it "Name (ACRONYM)".
                self.organisations.setdefault(name_key(str(organisation)), [organisation])

    def organisation_named(self, row: Row, column: str, name: str) -> Organisation:
        found = self.organisations.get(name_key(name))
        if not found:
            raise row.fail(
                column,
                _(
                    "“%(name)s” is not an organisation of the portal "
                    "(import the organisations first)."
                )
                % {"name": name},
                value=name,
            )
        return found[0]

    def organisations_of(self, row: Row, column: str) -> list[Organisation] | None:
        names = row.get(column)
        if names is None:
            return None
        return [self.organisation_named(row, column, name) for name in names]

    def load_themes(self) -> None:
        self.themes = {theme.code: theme for theme in Theme.objects.all()}

    def themes_of(self, row: Row, column: str = "themes") -> list[Theme] | None:
        codes = row.get(column)
        if codes is None:
            return None
        return [self.themes[code] for code in codes if code in self.themes]

    def transition_check(
        self, row: Row, transitions: dict[str, tuple[str, ...]]
    ) -> Callable[[models.Model, dict[str, Any]], None]:
        """A status in the file may only move a stored record along its life cycle.

        The rule and its message are the status services' own (``check_transition``):
        the error names the statuses by their labels. A new record takes the file's
        status directly, as the staff form allows on creation.
        """

        def check(instance: models.Model, changes: dict[str, Any]) -> None:
            if "status" not in changes:
                return
            try:
                check_transition(type(instance), transitions, instance.status, changes["status"])
            except ValidationError as error:
                raise row.fail("status", " ".join(error.messages)) from None

        return check


# --- partner cities ---------------------------------------------------------------------

NAME_HEADERS = ("name", "nom")
COUNTRY_HEADERS = ("country", "pays", "country code", "code pays", "iso")


class PartnerCityImporter(PortalImporter):
    kind = ImportKind.PARTNER_CITIES
    write_order = (PartnerCity,)
    columns = (
        Col(
            "name",
            (
                "name",
                "nom",
                "city",
                "ville",
                "partner city",
                "ville partenaire",
                "collectivité partenaire",
            ),
            required=True,
        ),
        Col("country", COUNTRY_HEADERS, parse_country, required=True),
        Col("local_name", ("local name", "nom local", "nom dans la langue locale")),
        Col("kind", ("kind", "type", "nature"), PARTNER_CITY_KINDS),
        Col("region", ("region", "région", "state", "province", "état")),
        Col("latitude", ("latitude", "lat"), decimal_of(5)),
        Col("longitude", ("longitude", "lon", "lng", "long"), decimal_of(5)),
        Col("population", ("population", "habitants", "inhabitants"), parse_integer),
        Col(
            "population_year",
            ("population year", "année de la population", "année population"),
            parse_year,
        ),
        Col("languages", ("languages", "langues"), parse_languages),
        Col("website", ("website", "site web", "site internet", "url")),
        Col("email", ("email", "e-mail", "courriel", "mail"), parse_email),
        Col("phone", ("phone", "téléphone", "tel")),
        Col(
            "description", ("description", "public description", "description publique"), parse_text
        ),
        Col("notes", ("notes", "internal notes", "notes internes", "remarques"), parse_text),
    )
    FIELDS = (
        "local_name",
        "kind",
        "region",
        "latitude",
        "longitude",
        "population",
        "population_year",
        "languages",
        "website",
        "email",
        "phone",
        "description",
        "notes",
    )

    def load(self) -> None:
        self.load_partner_cities()

    def plan_row(self, row: Row) -> None:
        name, country, region = row.get("name"), row.get("country"), row.get("region") or ""
        candidates = self.city_candidates(name, country)
        if region and len(candidates) > 1:
            candidates = [c for c in candidates if name_key(c.region) == name_key(region)]
        if len(candidates) > 1:
            raise row.fail(
                "region",
                _("Several partner cities are called “%(name)s” in this country: give the region.")
                % {"name": name},
            )
        found = candidates[0] if candidates else None
        fields = {"name": name, "country": country, **{f: row.get(f) for f in self.FIELDS}}
        if found is None:
            self.note_accent_twins(row, name, country)
        plan = self.upsert(
            row,
            PartnerCity,
            self.key_of(found, self.city_new_key(name, country, region)),
            found if found is not None and found.pk else None,
            fields,
        )
        if plan.is_new:
            self.add_city(plan.instance)


# --- partnerships -------------------------------------------------------------------------


class PartnershipImporter(PortalImporter):
    kind = ImportKind.PARTNERSHIPS
    write_order = (PartnerCity, Partnership)
    field_columns = {
        "partner_city": "partner_city",
        "local_government": "local_government",
        # A new or found partner city's coordinates.
        "latitude": "partner_latitude",
        "longitude": "partner_longitude",
    }

    @classmethod
    def models_written(cls, options: ImportOptions) -> tuple[type[models.Model], ...]:
        if options.create_local_governments:
            return (LocalGovernment, *cls.write_order)
        return cls.write_order

    columns = (
        Col(
            "local_government",
            (
                "local government",
                "collectivité",
                "collectivité locale",
                "city 1",
                "city1",
                "ville 1",
                "ville1",
                "collectivité 1",
                "city",
                "ville",
                "home city",
            ),
        ),
        # Pair files (issue #18): the first city's country and coordinates, whichever
        # side turns out to be ours.
        Col(
            "local_government_country", ("country 1", "country1", "pays 1", "pays1"), parse_country
        ),
        Col(
            "local_government_latitude", ("lat 1", "lat1", "latitude 1", "latitude1"), decimal_of(5)
        ),
        Col(
            "local_government_longitude",
            ("lng 1", "lng1", "lon 1", "lon1", "longitude 1", "longitude1"),
            decimal_of(5),
        ),
        Col(
            "partner_city",
            (
                "partner city",
                "ville partenaire",
                "collectivité partenaire",
                "partner",
                "partenaire",
                "city 2",
                "city2",
                "ville 2",
                "ville2",
                "collectivité 2",
            ),
            required=True,
        ),
        Col(
            "partner_country",
            (
                "partner country",
                "pays partenaire",
                "pays du partenaire",
                "country",
                "pays",
                "country 2",
                "country2",
                "pays 2",
                "pays2",
            ),
            parse_country,
        ),
        Col(
            "partner_latitude",
            ("partner latitude", "latitude du partenaire", "lat 2", "lat2", "latitude 2"),
            decimal_of(5),
        ),
        Col(
            "partner_longitude",
            (
                "partner longitude",
                "longitude du partenaire",
                "lng 2",
                "lng2",
                "lon 2",
                "lon2",
                "longitude 2",
            ),
            decimal_of(5),
        ),
        Col(
            "kind",
            ("kind", "type", "nature", "type de partenariat", "kind of partnership"),
            PARTNERSHIP_KINDS,
            required=True,
        ),
        Col("status", ("status", "statut", "état"), PARTNERSHIP_STATUSES),
        Col(
            "signed_on",
            ("signed on", "signature", "date de signature", "signé le", "signing date"),
            parse_date,
        ),
        Col(
            "last_renewed_on",
            ("last renewed on", "renouvelé le", "date de renouvellement", "renewal date"),
            parse_date,
        ),
        Col(
            "review_on",
            ("review on", "review date", "échéance", "date de révision", "date d'échéance"),
            parse_date,
        ),
        Col("ended_on", ("ended on", "end date", "date de fin", "fin", "terminé le"), parse_date),
        Col("themes", ("themes", "thèmes", "thématiques"), parse_themes),
        Col(
            "co_partners",
            ("co-partners", "local co-partners", "co-partenaires", "partenaires locaux"),
            parse_names,
        ),
        Col(
            "co_holders",
            (
                "co-holders",
                "other holders",
                "autres collectivités",
                "co-titulaires",
                "autres titulaires",
            ),
            parse_names,
        ),
        Col("summary", ("summary", "public summary", "résumé", "résumé public"), parse_text),
        Col("notes", ("notes", "internal notes", "notes internes", "remarques"), parse_text),
        Col("published", ("published", "publié", "publiée", "public"), parse_boolean),
    )

    def load(self) -> None:
        self.load_local_governments()
        self.load_partner_cities()
        self.load_organisations()
        self.load_themes()
        self.partnerships: dict[Any, Partnership] = {}
        partnerships = Partnership.objects.select_related("local_government", "partner_city")
        for partnership in partnerships.order_by("status", "pk"):
            key = (
                partnership.local_government_id,
                ("id", partnership.partner_city_id),
                partnership.kind,
            )
            current = self.partnerships.get(key)
            # One open partnership per pair and kind; otherwise the latest ended one.
            if current is None or (current.status == PartnershipStatus.ENDED):
                self.partnerships[key] = partnership

    def sides(self, row: Row) -> LocalGovernment:
        """Which side is ours: the one that is a local government of the portal.

        A row listing the partner first has its two sides swapped (with their countries
        and coordinates in a pair file), so the rest of the row reads the same either way.
        """
        first, second = row.get("local_government"), row.get("partner_city")
        if not first:
            return self.local_government_of(row)
        ours_first = self.local_government_named(first)
        ours_second = self.local_government_named(second)
        if ours_first and ours_second:
            raise row.fail("partner_city", _("Both cities are local governments of the portal."))
        if not ours_first and not ours_second and self.options.create_local_governments:
            return self.new_local_government(row)
        if ours_second and not ours_first:
            self.swap_sides(row)
            return ours_second
        if ours_first:
            return ours_first
        raise row.fail(
            "local_government",
            _("Neither “%(first)s” nor “%(second)s” is a local government of the portal.")
            % {"first": first, "second": second},
        )

    def swap_sides(self, row: Row) -> None:
        row.swap("local_government", "partner_city")
        if self.present("local_government_country"):
            row.swap("local_government_country", "partner_country")
        row.swap("local_government_latitude", "partner_latitude")
        row.swap("local_government_longitude", "partner_longitude")
        row.notes.append(_("The two cities were listed the other way round."))

    @property
    def home_country(self) -> str:
        default = self.default_local_government
        return default.country.code if default is not None else "FR"

    def new_local_government(self, row: Row) -> LocalGovernment:
        """Pair files, when the user says so: the side in the portal's country becomes one
        of its local governments (the other side is the partner city)."""
        home = self.home_country
        first_home = row.get("local_government_country") == home
        second_home = row.get("partner_country") == home
        if first_home == second_home:
            raise row.fail(
                "local_government",
                _(
                    "Neither “%(first)s” nor “%(second)s” is a local government of the portal, "
                    "and not exactly one of them is in %(country)s: the home side is unknown."
                )
                % {
                    "first": row.get("local_government"),
                    "second": row.get("partner_city"),
                    "country": Country(home).name,
                },
            )
        if second_home:
            self.swap_sides(row)
        name = row.get("local_government")
        plan = self.upsert(
            row,
            LocalGovernment,
            ("local_government", self.place(name)),
            None,
            {
                "name": name,
                "country": home,
                "latitude": row.get("local_government_latitude"),
                "longitude": row.get("local_government_longitude"),
            },
            primary=False,
        )
        self.local_governments[self.place(name)] = plan.instance
        return plan.instance

    def plan_row(self, row: Row) -> None:
        local_government = self.sides(row)
        city = self.find_partner_city(
            row,
            "partner_city",
            "partner_country",
            coordinate_columns=("partner_latitude", "partner_longitude"),
        )
        kind = row.get("kind")
        key = (
            local_government.pk or self.new_keys[id(local_government)],
            ident_of_city(self, city),
            kind,
        )
        existing = self.partnerships.get(key)
        co_holders = None
        if row.get("co_holders") is not None:
            co_holders = []
            for name in row.get("co_holders"):
                holder = self.local_government_named(name)
                if holder is None:
                    raise row.fail(
                        "co_holders",
                        _("“%(value)s” is not a local government of the portal.") % {"value": name},
                        value=name,
                    )
                co_holders.append(holder)
        fields = {
            "local_government": local_government,
            "partner_city": city,
            "kind": kind,
            **{
                name: row.get(name)
                for name in (
                    "status",
                    "signed_on",
                    "last_renewed_on",
                    "review_on",
                    "ended_on",
                    "summary",
                    "notes",
                    "published",
                )
            },
        }
        self.upsert(
            row,
            Partnership,
            key,
            existing,
            fields,
            m2m={
                "themes": self.themes_of(row),
                "co_partners": self.organisations_of(row, "co_partners"),
                "co_holders": co_holders,
            },
            check_change=self.transition_check(row, PARTNERSHIP_TRANSITIONS),
        )


def ident_of_city(importer: PortalImporter, city: PartnerCity) -> Any:
    return ("id", city.pk) if city.pk else importer.new_keys[id(city)]


# --- organisations and contacts ----------------------------------------------------------


class OrganisationImporter(PortalImporter):
    kind = ImportKind.ORGANISATIONS
    write_order = (Organisation,)
    columns = (
        Col(
            "name",
            (*NAME_HEADERS, "organisation", "organisation name", "raison sociale"),
            required=True,
        ),
        Col("kind", ("kind", "type", "nature", "catégorie"), ORGANISATION_KINDS, required=True),
        Col("acronym", ("acronym", "sigle", "acronyme")),
        Col("is_local", ("local", "is local", "locale", "organisation locale"), parse_boolean),
        Col("country", COUNTRY_HEADERS, parse_country),
        Col("city", ("city", "ville", "commune")),
        Col("address", ("address", "adresse"), parse_text),
        Col("website", ("website", "site web", "site internet", "url")),
        Col("email", ("email", "e-mail", "courriel", "mail"), parse_email),
        Col("phone", ("phone", "téléphone", "tel")),
        Col(
            "registration_number",
            ("registration number", "siret", "siren", "rna", "numéro d'enregistrement"),
        ),
        Col("description", ("description",), parse_text),
        Col("published", ("published", "publié", "publiée", "public"), parse_boolean),
    )

    def load(self) -> None:
        self.load_organisations()

    def plan_row(self, row: Row) -> None:
        name = row.get("name")
        found = self.organisations.get(name_key(name), [None])[0]
        fields = {column.key: row.get(column.key) for column in self.columns}
        plan = self.upsert(
            row,
            Organisation,
            self.key_of(found, ("organisation", name_key(name))),
            found if found is not None and found.pk else None,
            fields,
        )
        if plan.is_new:
            self.organisations[name_key(name)].append(plan.instance)


class ContactImporter(PortalImporter):
    kind = ImportKind.CONTACTS
    write_order = (Contact,)
    columns = (
        Col("last_name", ("last name", "nom", "nom de famille", "surname"), required=True),
        Col("first_name", ("first name", "prénom", "given name")),
        Col("position", ("position", "fonction", "poste", "titre")),
        Col("organisation", ("organisation", "organization", "structure")),
        Col("partner_city", ("partner city", "ville partenaire", "collectivité partenaire")),
        Col(
            "partner_country",
            ("partner country", "pays partenaire", "pays", "country"),
            parse_country,
        ),
        Col("email", ("email", "e-mail", "courriel", "mail"), parse_email),
        Col("phone", ("phone", "téléphone", "tel")),
        Col("languages", ("languages", "langues"), parse_languages),
        Col("notes", ("notes", "remarques"), parse_text),
    )

    def load(self) -> None:
        self.load_organisations()
        self.load_partner_cities()
        self.contacts: dict[Any, Contact] = {}
        for contact in Contact.objects.order_by("pk"):
            owner = (
                ("org", ("id", contact.organisation_id))
                if contact.organisation_id
                else ("city", ("id", contact.partner_city_id))
            )
            self.contacts.setdefault(
                (owner, name_key(f"{contact.first_name} {contact.last_name}")), contact
            )

    def plan_row(self, row: Row) -> None:
        organisation = city = None
        if row.get("organisation"):
            organisation = self.organisation_named(row, "organisation", row.get("organisation"))
            owner = ("org", ("id", organisation.pk) if organisation.pk else None)
        elif row.get("partner_city"):
            city = self.find_partner_city(row, "partner_city", "partner_country", create=False)
            owner = ("city", ("id", city.pk))
        else:
            raise row.fail(
                "organisation",
                _("A contact belongs to an organisation or a partner city: give one."),
            )
        key = (owner, name_key(f"{row.get('first_name') or ''} {row.get('last_name')}"))
        fields = {
            column.key: row.get(column.key)
            for column in self.columns
            if column.key not in ("organisation", "partner_city", "partner_country")
        }
        fields.update(organisation=organisation, partner_city=city)
        self.upsert(row, Contact, key, self.contacts.get(key), fields)


# --- consulates and diaspora groups -----------------------------------------------------------


class ConsulateImporter(PortalImporter):
    kind = ImportKind.CONSULATES
    write_order = (Consulate,)
    columns = (
        Col(
            "country",
            ("country", "pays", "country represented", "pays représenté"),
            parse_country,
            required=True,
        ),
        Col("kind", ("kind", "type", "nature"), CONSULATE_KINDS, required=True),
        Col("city", ("city", "ville", "siège"), required=True),
        Col("consul_name", ("consul", "consul name", "nom du consul", "consul's name")),
        Col("consul_title", ("consul title", "consul's title", "titre du consul", "titre")),
        Col("address", ("address", "adresse"), parse_text),
        Col("jurisdiction", ("jurisdiction", "circonscription", "juridiction"), parse_text),
        Col("email", ("email", "e-mail", "courriel", "mail"), parse_email),
        Col("phone", ("phone", "téléphone", "tel")),
        Col("website", ("website", "site web", "site internet", "url")),
        Col("opening_hours", ("opening hours", "horaires", "heures d'ouverture")),
        Col("notes", ("notes", "internal notes", "notes internes"), parse_text),
        Col("published", ("published", "publié", "public"), parse_boolean),
    )

    def load(self) -> None:
        self.consulates = {
            (c.country.code, c.kind, name_key(c.city)): c for c in Consulate.objects.all()
        }

    def plan_row(self, row: Row) -> None:
        key = (row.get("country"), row.get("kind"), name_key(row.get("city")))
        fields = {column.key: row.get(column.key) for column in self.columns}
        self.upsert(row, Consulate, key, self.consulates.get(key), fields)


class DiasporaGroupImporter(PortalImporter):
    kind = ImportKind.DIASPORA_GROUPS
    write_order = (DiasporaGroup,)
    columns = (
        Col("name", (*NAME_HEADERS, "group", "groupe", "communauté"), required=True),
        Col(
            "origin_country",
            ("origin country", "pays d'origine", "country", "pays", "origine"),
            parse_country,
            required=True,
        ),
        Col("local_government", ("local government", "collectivité", "ville")),
        Col(
            "estimated_size",
            ("estimated size", "taille estimée", "effectif", "population", "estimation"),
            parse_integer,
        ),
        Col(
            "size_source",
            ("source", "size source", "source de l'estimation", "source of the estimate"),
            SIZE_SOURCES,
        ),
        Col("size_year", ("year", "size year", "année", "année de l'estimation"), parse_year),
        Col("associations", ("associations", "association"), parse_names),
        Col("description", ("description",), parse_text),
        Col("published", ("published", "publié", "public"), parse_boolean),
    )

    def load(self) -> None:
        self.load_local_governments()
        self.load_organisations()
        self.groups = {
            (g.local_government_id, g.origin_country.code): g for g in DiasporaGroup.objects.all()
        }

    def plan_row(self, row: Row) -> None:
        local_government = self.local_government_of(row)
        key = (local_government.pk, row.get("origin_country"))
        fields = {
            column.key: row.get(column.key)
            for column in self.columns
            if column.key != "associations"
        }
        fields["local_government"] = local_government
        self.upsert(
            row,
            DiasporaGroup,
            key,
            self.groups.get(key),
            fields,
            m2m={"associations": self.organisations_of(row, "associations")},
        )


# --- delegations with their members ------------------------------------------------------------


class DelegationImporter(PortalImporter):
    """One row per member; the delegation's columns are repeated on each of its rows.

    A row without a member name describes the delegation alone. Rows of one delegation
    (same title, start date and local government) must agree on the delegation's values.
    """

    kind = ImportKind.DELEGATIONS
    write_order = (PartnerCity, Delegation, DelegationMember)
    field_columns = {
        "title": "title",
        "full_name": "member_name",
        "role": "member_role",
        "is_head": "member_is_head",
        "email": "member_email",
    }
    columns = (
        Col("title", ("title", "titre", "delegation", "délégation", "intitulé"), required=True),
        Col("direction", ("direction", "sens", "type de visite"), DIRECTIONS, required=True),
        Col("status", ("status", "statut", "état"), DELEGATION_STATUSES),
        Col("local_government", ("local government", "collectivité")),
        Col(
            "partner_city",
            ("partner city", "ville partenaire", "collectivité partenaire", "city", "ville"),
        ),
        Col("country", ("country", "pays"), parse_country),
        Col("destination", ("destination", "place", "lieu", "villes visitées")),
        Col(
            "starts_on",
            ("starts on", "start", "début", "date de début", "du"),
            parse_date,
            required=True,
        ),
        Col("ends_on", ("ends on", "end", "fin", "date de fin", "au"), parse_date, required=True),
        Col("purpose", ("purpose", "objet", "objectif", "but"), parse_text, required=True),
        Col("themes", ("themes", "thèmes", "thématiques"), parse_themes),
        Col("outcomes", ("outcomes", "résultats", "suites"), parse_text),
        Col("published", ("published", "publié", "publiée", "public"), parse_boolean),
        Col("member_name", ("member", "member name", "membre", "nom du membre", "participant")),
        Col(
            "member_role",
            ("member role", "role", "rôle", "rôle du membre", "qualité"),
            MEMBER_ROLES,
        ),
        Col("member_position", ("member position", "position", "fonction", "poste")),
        Col("member_organisation", ("member organisation", "organisation", "structure")),
        Col(
            "member_email",
            ("member email", "member e-mail", "courriel du membre", "email", "e-mail"),
            parse_email,
        ),
        Col("member_phone", ("member phone", "téléphone du membre", "téléphone", "phone")),
        Col(
            "member_is_head",
            ("head", "head of delegation", "chef de délégation", "chef"),
            parse_boolean,
        ),
    )
    DELEGATION_FIELDS = (
        "title",
        "direction",
        "status",
        "destination",
        "starts_on",
        "ends_on",
        "purpose",
        "outcomes",
        "published",
    )

    def load(self) -> None:
        self.load_local_governments()
        self.load_partner_cities()
        self.load_organisations()
        self.load_themes()
        self.delegations = {
            (name_key(d.title), d.starts_on, d.local_government_id): d
            for d in Delegation.objects.all()
        }
        self.members: dict[Any, dict[str, DelegationMember]] = {}

    def members_of(self, delegation: Delegation) -> dict[str, DelegationMember]:
        if not delegation.pk:
            return {}
        if delegation.pk not in self.members:
            self.members[delegation.pk] = {
                name_key(m.full_name): m for m in delegation.members.all()
            }
        return self.members[delegation.pk]

    def plan_row(self, row: Row) -> None:
        local_government = self.local_government_of(row)
        city = None
        if row.get("partner_city"):
            city = self.find_partner_city(row, "partner_city", "country")
        country = row.get("country") or (city.country.code if city is not None else None)
        if not country:
            raise row.fail("country", _("Give the country the delegation comes from or goes to."))
        key = (name_key(row.get("title")), row.get("starts_on"), local_government.pk)
        fields = {name: row.get(name) for name in self.DELEGATION_FIELDS}
        fields.update(local_government=local_government, partner_city=city, country=country)
        has_member = bool(row.get("member_name"))
        delegation = self.upsert(
            row,
            Delegation,
            key,
            self.delegations.get(key),
            fields,
            m2m={"themes": self.themes_of(row)},
            primary=not has_member,
            check_change=self.transition_check(row, DELEGATION_TRANSITIONS),
        ).instance
        if not has_member:
            return
        if not row.get("member_role"):
            raise row.fail("member_role", _("A member needs a role."))
        organisation = None
        if row.get("member_organisation"):
            organisation = self.organisation_named(
                row, "member_organisation", row.get("member_organisation")
            )
        member_key = ("member", self.key_of(delegation, None), name_key(row.get("member_name")))
        existing = self.members_of(delegation).get(name_key(row.get("member_name")))
        self.upsert(
            row,
            DelegationMember,
            member_key,
            existing,
            {
                "delegation": delegation,
                "full_name": row.get("member_name"),
                "role": row.get("member_role"),
                "position": row.get("member_position"),
                "organisation": organisation,
                "email": row.get("member_email"),
                "phone": row.get("member_phone"),
                "is_head": row.get("member_is_head"),
            },
        )


# --- exchange participants ------------------------------------------------------------------


class ParticipantImporter(PortalImporter):
    kind = ImportKind.PARTICIPANTS
    write_order = (Participant,)
    columns = (
        Col(
            "program",
            ("program", "programme", "exchange program", "programme d'échange"),
            required=True,
        ),
        Col("full_name", ("full name", "name", "nom", "nom complet", "participant"), required=True),
        Col("role", ("role", "rôle", "profil"), PARTICIPANT_ROLES, required=True),
        Col("email", ("email", "e-mail", "courriel", "mail"), parse_email),
        Col("organisation", ("organisation", "structure", "établissement")),
        Col("direction", ("direction", "sens"), PARTICIPANT_DIRECTIONS),
        Col("home_country", ("home country", "pays d'origine", "pays", "country"), parse_country),
        Col("status", ("status", "statut"), PARTICIPANT_STATUSES),
        Col("departed_on", ("departed on", "departure", "départ", "date de départ"), parse_date),
        Col("returned_on", ("returned on", "return", "retour", "date de retour"), parse_date),
    )

    def load(self) -> None:
        self.load_organisations()
        self.programs: dict[str, list[ExchangeProgram]] = defaultdict(list)
        for program in ExchangeProgram.objects.order_by("pk"):
            self.programs[name_key(program.title)].append(program)
        self.participants = {
            (p.program_id, name_key(p.full_name)): p for p in Participant.objects.all()
        }

    def plan_row(self, row: Row) -> None:
        programs = self.programs.get(name_key(row.get("program")), [])
        if len(programs) != 1:
            reason = (
                _("Several exchange programs have this title.")
                if programs
                else _("“%(value)s” is not an exchange program of the portal.")
                % {"value": row.get("program")}
            )
            raise row.fail("program", reason)
        program = programs[0]
        organisation = None
        if row.get("organisation"):
            organisation = self.organisation_named(row, "organisation", row.get("organisation"))
        key = (program.pk, name_key(row.get("full_name")))
        fields = {
            column.key: row.get(column.key)
            for column in self.columns
            if column.key not in ("program", "organisation")
        }
        fields.update(program=program, organisation=organisation)
        self.upsert(row, Participant, key, self.participants.get(key), fields)


IMPORTERS: dict[str, type[PortalImporter]] = {
    importer.kind: importer
    for importer in (
        PartnerCityImporter,
        PartnershipImporter,
        OrganisationImporter,
        ContactImporter,
        ConsulateImporter,
        DiasporaGroupImporter,
        DelegationImporter,
        ParticipantImporter,
    )
}

# --- round trip (issue #18): every export's headers are accepted (transfers/roundtrip.py)
accept_export_headers(IMPORTERS)
