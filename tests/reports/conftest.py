"""A small year of activity with known figures, shared by the report tests."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import (
    ApplicationFactory,
    BudgetLineFactory,
    ConsulateFactory,
    CooperationProjectFactory,
    DelegationFactory,
    DelegationMemberFactory,
    DiasporaGroupFactory,
    ExchangeProgramFactory,
    LocalGovernmentFactory,
    ParticipantFactory,
    PartnerCityFactory,
    PartnershipFactory,
    ReportHighlightFactory,
    theme,
)

YEAR = 2025


def _members(delegation, *roles):
    for role in roles:
        DelegationMemberFactory(delegation=delegation, role=role)


@pytest.fixture
def known_year(db):
    """2025 as the tests know it; the expected figures are spelled out in the tests."""
    lyon = LocalGovernmentFactory(latitude=Decimal("45.76"), longitude=Decimal("4.84"))
    frankfurt = PartnerCityFactory(name="Frankfurt am Main", country="DE")
    dakar = PartnerCityFactory(
        name="Dakar",
        country="SN",
        region="Dakar",
        latitude=Decimal("14.69"),
        longitude=Decimal("-17.44"),
    )
    turin = PartnerCityFactory(
        name="Torino",
        country="IT",
        region="Piemonte",
        latitude=Decimal("45.07"),
        longitude=Decimal("7.69"),
    )
    montreal = PartnerCityFactory(
        name="Montréal",
        country="CA",
        region="Québec",
        latitude=Decimal("45.50"),
        longitude=Decimal("-73.57"),
    )
    no_coordinates = PartnerCityFactory(
        name="Nowhere", country="BR", region="", latitude=None, longitude=None
    )

    # Partnerships: three signed in 2025 (one of them ended in December), one old
    # twinning renewed in 2025, one ended in 2024, one still being explored.
    signed = PartnershipFactory(
        local_government=lyon,
        partner_city=frankfurt,
        kind="twinning",
        signed_on=dt.date(2025, 3, 1),
    )
    signed.themes.add(theme("culture"), theme("youth"))
    cooperation = PartnershipFactory(
        local_government=lyon,
        partner_city=dakar,
        kind="cooperation",
        signed_on=dt.date(2025, 6, 15),
    )
    cooperation.themes.add(theme("water"))
    PartnershipFactory(
        local_government=lyon,
        partner_city=turin,
        kind="friendship",
        status="ended",
        signed_on=dt.date(2025, 9, 10),
        ended_on=dt.date(2025, 12, 1),
    ).themes.add(theme("culture"))
    PartnershipFactory(
        local_government=lyon,
        partner_city=montreal,
        kind="twinning",
        signed_on=dt.date(1979, 5, 12),
        last_renewed_on=dt.date(2025, 5, 5),
    )
    PartnershipFactory(
        local_government=lyon,
        partner_city=no_coordinates,
        kind="mou",
        status="ended",
        signed_on=dt.date(2010, 1, 1),
        ended_on=dt.date(2024, 6, 1),
    )
    PartnershipFactory(
        local_government=lyon,
        partner_city=turin,
        kind="economic",
        status="exploring",
        signed_on=None,
    )

    # Delegations: 2 received, 2 sent in 2025; one cancelled; one in 2024.
    d1 = DelegationFactory(
        local_government=lyon,
        partner_city=frankfurt,
        direction="incoming",
        starts_on=dt.date(2025, 1, 20),
        ends_on=dt.date(2025, 1, 22),
        status="done",
    )
    d1.themes.add(theme("economy"))
    _members(d1, "elected", "elected", "business")
    d2 = DelegationFactory(
        local_government=lyon,
        partner_city=turin,
        direction="incoming",
        starts_on=dt.date(2025, 3, 3),
        ends_on=dt.date(2025, 3, 4),
        status="done",
    )
    _members(d2, "staff")
    d3 = DelegationFactory(
        local_government=lyon,
        partner_city=dakar,
        direction="outgoing",
        starts_on=dt.date(2025, 3, 10),
        ends_on=dt.date(2025, 3, 15),
        status="done",
    )
    d3.themes.add(theme("water"), theme("economy"))
    _members(d3, "elected", "diaspora", "business", "business")
    DelegationFactory(
        local_government=lyon,
        partner_city=frankfurt,
        direction="outgoing",
        starts_on=dt.date(2025, 11, 5),
        ends_on=dt.date(2025, 11, 7),
        status="confirmed",
    )
    cancelled = DelegationFactory(
        local_government=lyon,
        partner_city=dakar,
        direction="outgoing",
        status="cancelled",
        starts_on=dt.date(2025, 6, 1),
        ends_on=dt.date(2025, 6, 2),
    )
    _members(cancelled, "elected")
    old = DelegationFactory(
        local_government=lyon,
        partner_city=turin,
        direction="incoming",
        status="done",
        starts_on=dt.date(2024, 5, 1),
        ends_on=dt.date(2024, 5, 2),
    )
    _members(old, "culture")

    # Exchanges: one program, three applications in 2025, two participants (one more
    # cancelled).
    program = ExchangeProgramFactory(
        local_government=lyon,
        partner_city=frankfurt,
        kind="students",
        applications_open_on=dt.date(2025, 1, 10),
        applications_close_on=dt.date(2025, 3, 31),
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2026, 1, 31),
        capacity=10,
    )
    applications = [
        ApplicationFactory(program=program, status=status)
        for status in ("accepted", "accepted", "rejected")
    ]
    type(applications[0]).objects.filter(pk__in=[a.pk for a in applications]).update(
        submitted_at=timezone.make_aware(dt.datetime(2025, 2, 14, 10, 0))
    )
    ParticipantFactory(program=program, application=applications[0])
    ParticipantFactory(program=program, application=applications[1], direction="incoming")
    ParticipantFactory(program=program, status="cancelled")

    # Consular corps and diaspora.
    ConsulateFactory(country="DE", kind="consulate_general", city="Lyon")
    ConsulateFactory(country="SN", kind="honorary", city="Lyon")
    ConsulateFactory(country="PT", kind="honorary", city="Lyon")
    senegal = DiasporaGroupFactory(
        local_government=lyon,
        name="Senegalese community",
        origin_country="SN",
        estimated_size=4000,
    )
    senegal.partnerships.add(cooperation)
    DiasporaGroupFactory(
        local_government=lyon,
        name="Portuguese community",
        origin_country="PT",
        estimated_size=15000,
    )

    # Cooperation: one project with three 2025 lines and one 2024 line.
    project = CooperationProjectFactory(
        local_government=lyon,
        partner_city=dakar,
        partnership=cooperation,
        title="Water for Dakar suburbs",
    )
    BudgetLineFactory(
        project=project,
        funding_source="own_budget",
        planned_amount=Decimal("20000"),
        spent_amount=Decimal("15000"),
        apd_amount=Decimal("15000"),
    )
    BudgetLineFactory(
        project=project,
        funding_source="state",
        planned_amount=Decimal("10000"),
        spent_amount=Decimal("8000"),
        apd_amount=Decimal("5000"),
        category="equipment",
    )
    BudgetLineFactory(
        project=project,
        funding_source="eu",
        planned_amount=Decimal("5000"),
        spent_amount=Decimal("5000"),
        apd_amount=Decimal("0"),
        water_one_percent=True,
        category="equipment",
    )
    BudgetLineFactory(
        project=project,
        year=2024,
        funding_source="own_budget",
        planned_amount=Decimal("1000"),
        spent_amount=Decimal("1000"),
        apd_amount=Decimal("1000"),
    )

    ReportHighlightFactory(year=YEAR, title="A new cooperation with Dakar", text="Signed in June.")
    return {"lyon": lyon, "project": project}
