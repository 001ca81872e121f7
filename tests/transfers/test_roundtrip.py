"""Every export re-imports as it is: into an empty portal, and over itself (no change).

For each import kind, records are created, the list is exported (staff page and API,
CSV and XLSX, in French and in English), the kind's records are deleted and the export
is imported: the records come back with the same values. Importing an export over the
records it came from changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from delegations.models import Delegation
from diaspora.models import Consulate, DiasporaGroup
from exchanges.models import Participant
from organisations.models import Contact, Organisation
from partnerships.models import PartnerCity, Partnership
from tests import factories as f
from transfers.services import import_records

pytestmark = pytest.mark.django_db


def _setup_partner_cities():
    f.PartnerCityFactory(
        name="Frankfurt am Main",
        local_name="Frankfurt",
        kind="city",
        region="Hessen",
        latitude=Decimal("50.11092"),
        longitude=Decimal("8.68213"),
        population=750000,
        population_year=2022,
        languages="de",
        website="https://frankfurt.de",
    )
    f.PartnerCityFactory(name="Prishtina", country="XK", region="", languages="sq, sr")


def _setup_partnerships():
    partnership = f.PartnershipFactory(
        partner_city=f.PartnerCityFactory(name="Torino", country="IT", region="Piemonte"),
        kind="twinning",
        status="active",
        signed_on=dt.date(1960, 5, 12),
        review_on=dt.date(2027, 5, 12),
        published=True,
    )
    partnership.themes.set([f.theme("culture"), f.theme("economy")])
    partnership.co_partners.set([f.OrganisationFactory(name="Université de Lyon", acronym="UDL")])
    f.PartnershipFactory(
        partner_city=f.PartnerCityFactory(name="Prishtina", country="XK", region=""),
        kind="friendship",
        status="negotiating",
        signed_on=None,
        review_on=None,
        published=False,
    )


def _setup_organisations():
    f.OrganisationFactory(name="Université de Lyon", acronym="UDL", kind="university", country="FR")
    f.OrganisationFactory(name="Comité de jumelage", kind="cultural_association", published=False)


def _setup_contacts():
    f.ContactFactory(
        first_name="Jana",
        last_name="Novak",
        position="Director",
        organisation=f.OrganisationFactory(name="Université de Lyon", acronym="UDL"),
        phone="+33 4 00 00 00 00",
    )
    f.ContactFactory(
        first_name="Luca",
        last_name="Rossi",
        organisation=None,
        partner_city=f.PartnerCityFactory(name="Torino", country="IT", region="Piemonte"),
    )


def _setup_consulates():
    f.ConsulateFactory(
        country="IT",
        kind="consulate_general",
        city="Lyon",
        consul_name="Ada Bianchi",
        consul_title="Consul général",
        address="5 rue du Commandant Faurax",
        jurisdiction="Auvergne-Rhône-Alpes",
        opening_hours="9-12",
    )
    f.ConsulateFactory(country="XK", kind="honorary", city="Lyon", consul_name="Arben Krasniqi")


def _setup_diaspora_groups():
    group = f.DiasporaGroupFactory(
        name="Communauté portugaise",
        origin_country="PT",
        estimated_size=12000,
        size_source="census",
        size_year=2021,
    )
    group.associations.set([f.OrganisationFactory(name="Association Lusitana", acronym="AL")])
    f.DiasporaGroupFactory(
        name="Communauté kosovare",
        origin_country="XK",
        estimated_size=None,
        size_source="",
        size_year=None,
    )


def _setup_delegations():
    delegation = f.DelegationFactory(
        title="Mission santé",
        direction="outgoing",
        status="planned",
        partner_city=f.PartnerCityFactory(name="Torino", country="IT", region="Piemonte"),
        destination="Torino, Milano",
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 3, 5),
        purpose="Medical technology.",
        outcomes="",
        published=False,
    )
    delegation.themes.set([f.theme("health")])
    f.DelegationFactory(
        title="Visite de Prishtina",
        direction="incoming",
        status="confirmed",
        partner_city=f.PartnerCityFactory(name="Prishtina", country="XK", region=""),
    )


def _setup_participants():
    program = f.ExchangeProgramFactory(title="Erasmus Torino")
    f.ParticipantFactory(
        program=program,
        full_name="Léa Martin",
        email="lea@mail.example",
        role="student",
        direction="outgoing",
        home_country="FR",
        status="took_part",
        organisation=f.OrganisationFactory(name="Lycée du Parc", acronym="LDP"),
    )
    f.ParticipantFactory(
        program=program,
        full_name="Arta Gashi",
        home_country="XK",
        direction="incoming",
        status="selected",
        departed_on=None,
        returned_on=None,
    )


def _themes(obj):
    return sorted(obj.themes.values_list("code", flat=True))


# kind: (staff list, API list, setup, model, the values a record must keep, models deleted)
CASES = {
    "partner_cities": (
        "/staff/partner-cities/",
        "/api/v1/partner-cities/",
        _setup_partner_cities,
        PartnerCity,
        lambda c: (
            c.name,
            c.local_name,
            c.kind,
            c.country.code,
            c.region,
            c.latitude,
            c.longitude,
            c.population,
            c.population_year,
            c.languages,
            c.website,
        ),
        (PartnerCity,),
    ),
    "partnerships": (
        "/staff/partnerships/",
        "/api/v1/partnerships/",
        _setup_partnerships,
        Partnership,
        lambda p: (
            p.local_government.name,
            p.partner_city.name,
            p.partner_city.country.code,
            p.kind,
            p.status,
            p.signed_on,
            p.review_on,
            p.published,
            _themes(p),
            sorted(p.co_partners.values_list("name", flat=True)),
        ),
        (Partnership, PartnerCity),
    ),
    "organisations": (
        "/staff/organisations/",
        "/api/v1/organisations/",
        _setup_organisations,
        Organisation,
        lambda o: (o.name, o.acronym, o.kind, o.country.code or "", o.city, o.email, o.published),
        (Organisation,),
    ),
    "contacts": (
        "/staff/contacts/",
        "/api/v1/contacts/",
        _setup_contacts,
        Contact,
        lambda c: (
            c.first_name,
            c.last_name,
            c.position,
            c.organisation_id,
            c.partner_city_id,
            c.email,
            c.phone,
        ),
        (Contact,),
    ),
    "consulates": (
        "/staff/consulates/",
        "/api/v1/consulates/",
        _setup_consulates,
        Consulate,
        lambda c: (
            c.country.code,
            c.kind,
            c.city,
            c.consul_name,
            c.consul_title,
            c.address,
            c.jurisdiction,
            c.opening_hours,
            c.published,
        ),
        (Consulate,),
    ),
    "diaspora_groups": (
        "/staff/diaspora-groups/",
        "/api/v1/diaspora-groups/",
        _setup_diaspora_groups,
        DiasporaGroup,
        lambda g: (
            g.name,
            g.origin_country.code,
            g.estimated_size,
            g.size_source,
            g.size_year,
            g.local_government_id,
            sorted(g.associations.values_list("pk", flat=True)),
            g.published,
        ),
        (DiasporaGroup,),
    ),
    "delegations": (
        "/staff/delegations/",
        "/api/v1/delegations/",
        _setup_delegations,
        Delegation,
        lambda d: (
            d.title,
            d.direction,
            d.status,
            d.local_government_id,
            d.partner_city_id,
            d.country.code,
            d.destination,
            d.starts_on,
            d.ends_on,
            d.purpose,
            _themes(d),
            d.published,
        ),
        (Delegation,),
    ),
    "participants": (
        "/staff/participants/",
        "/api/v1/participants/",
        _setup_participants,
        Participant,
        lambda p: (
            p.program_id,
            p.full_name,
            p.email,
            p.organisation_id,
            p.role,
            p.direction,
            p.home_country.code or "",
            p.status,
            p.departed_on,
            p.returned_on,
        ),
        (Participant,),
    ),
}


def snapshot(model, values):
    return sorted((values(obj) for obj in model.objects.all()), key=repr)


def download(client, url):
    answer = client.get(url)
    assert answer.status_code == 200, url
    return b"".join(answer.streaming_content) if answer.streaming else answer.content


def exports_of(kind):
    staff, api = CASES[kind][:2]
    for language in ("fr", "en"):
        yield f"{staff}?export=csv&language={language}", "csv", language
        yield f"{staff}?export=xlsx&language={language}", "xlsx", language
        yield f"{api}export.csv", "csv", language
        yield f"{api}export.xlsx", "xlsx", language


@pytest.mark.parametrize("kind", list(CASES))
def test_every_export_of_a_kind_re_imports_as_it_is(client, editor, kind):
    _staff, _api, setup, model, values, deleted = CASES[kind]
    f.LocalGovernmentFactory(name="Ville de Lyon", is_default=True)
    setup()
    before = snapshot(model, values)
    assert len(before) == 2
    client.force_login(editor)
    header_lines = set()
    for url, extension, language in exports_of(kind):
        client.cookies["django_language"] = language
        data = download(client, url)
        if extension == "csv":
            header_lines.add(data.splitlines()[0])
        where = f"{url} ({language})"
        # Over the records it came from: nothing changes.
        result = import_records(
            kind=kind, data=data, filename=f"export.{extension}", user=editor, dry_run=True
        )
        assert result.issues() == [], where
        assert [row["outcome"] for row in result.rows] == ["unchanged", "unchanged"], (
            where,
            result.rows,
        )
        # Into a portal without them: the same records come back.
        for deleted_model in deleted:
            deleted_model.objects.all().delete()
        result = import_records(
            kind=kind, data=data, filename=f"export.{extension}", user=editor, dry_run=False
        )
        assert result.issues() == [], where
        assert result.saved, where
        assert snapshot(model, values) == before, where
    # The French and the English headers were both read back.
    assert len(header_lines) >= 2
