"""Reciprocity: what went each way with a partner, as a person would count it."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from insight.report import REPORTED, reciprocity_figures
from insight.selectors import reciprocity_of
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def hangzhou(db):
    """Hangzhou visits Lyon three times (2 + 3 + 4 people) and Lyon went once (2 people),
    one visit cancelled; 5 students came, 1 went; costs split between the city and
    others; a project with spending in 2023 and 2025."""
    home = f.LocalGovernmentFactory()
    city = f.PartnerCityFactory(name="Hangzhou", country="CN")
    partnership = f.PartnershipFactory(local_government=home, partner_city=city, kind="mou")

    def delegation(direction, day, people, status="done"):
        d = f.DelegationFactory(
            local_government=home,
            partner_city=city,
            partnership=partnership,
            direction=direction,
            starts_on=day,
            ends_on=day,
            status=status,
        )
        for _ in range(people):
            f.DelegationMemberFactory(delegation=d)
        return d

    first = delegation("incoming", dt.date(2023, 3, 1), 2)
    delegation("incoming", dt.date(2024, 5, 1), 3)
    delegation("incoming", dt.date(2025, 9, 1), 4)
    trip = delegation("outgoing", dt.date(2024, 10, 1), 2)
    delegation("outgoing", dt.date(2025, 1, 1), 6, status="cancelled")
    f.DelegationCostFactory(delegation=first, amount=Decimal("1200.00"))  # hosting, city
    f.DelegationCostFactory(delegation=trip, amount=Decimal("3000.00"))  # travel, city
    f.DelegationCostFactory(delegation=trip, amount=Decimal("800.00"), paid_by="Hangzhou")
    program = f.ExchangeProgramFactory(
        local_government=home, partner_city=city, partnership=partnership
    )
    for _i in range(5):
        f.ParticipantFactory(
            program=program,
            direction="incoming",
            home_country="CN",
            departed_on=dt.date(2024, 9, 1),
            returned_on=dt.date(2025, 1, 31),
        )
    f.ParticipantFactory(program=program, direction="outgoing", departed_on=dt.date(2025, 2, 1))
    f.ParticipantFactory(
        program=program, direction="outgoing", departed_on=dt.date(2025, 2, 1), status="cancelled"
    )
    project = f.CooperationProjectFactory(
        local_government=home, partner_city=city, partnership=partnership
    )
    f.BudgetLineFactory(project=project, year=2023, spent_amount=Decimal("10000.00"), apd_amount=0)
    f.BudgetLineFactory(project=project, year=2025, spent_amount=Decimal("5000.00"), apd_amount=0)
    # Another partner's activity never counts for Hangzhou.
    f.DelegationFactory(local_government=home, starts_on=dt.date(2024, 1, 1))
    return city, partnership


def test_the_balance_of_all_time(hangzhou):
    city, partnership = hangzhou
    for obj in (city, partnership):
        b = reciprocity_of(obj, start=None, end=None)
        assert (b["delegations_received"], b["delegations_sent"]) == (3, 1)
        assert b["delegation_balance"] == 2
        assert (b["people_received"], b["people_sent"]) == (9, 2)
        assert (b["participants_received"], b["participants_sent"]) == (5, 1)
        assert b["exchange_balance"] == 4
        assert b["city_paid_hosting"] == Decimal("1200.00")
        assert b["city_paid_travel"] == Decimal("3000.00")
        assert b["paid_by_others"] == Decimal("800.00")
        assert b["cooperation_spent"] == Decimal("15000.00")


def test_a_period_counts_only_what_happened_in_it(hangzhou):
    city, _ = hangzhou
    b = reciprocity_of(city, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert (b["delegations_received"], b["delegations_sent"]) == (1, 1)
    assert (b["people_received"], b["people_sent"]) == (3, 2)
    assert (b["participants_received"], b["participants_sent"]) == (5, 0)
    assert b["city_paid_hosting"] == Decimal("0")
    assert b["city_paid_travel"] == Decimal("3000.00")
    assert b["cooperation_spent"] == Decimal("0")


def test_a_partner_with_nothing_recorded_is_all_zeros(db):
    b = reciprocity_of(f.PartnerCityFactory(), start=None, end=None)
    assert b["delegations_received"] == b["delegation_balance"] == 0
    assert b["cooperation_spent"] == Decimal("0")


@pytest.mark.parametrize(
    ("start", "end"),
    [(None, None), (dt.date(2024, 1, 1), dt.date(2024, 12, 31)), (dt.date(2025, 1, 1), None)],
)
def test_the_report_s_table_holds_the_page_s_balances(hangzhou, start, end):
    """The report reads every partner city at once, the pages one at a time: the same
    figures, from the one definition; a city with nothing either way is left out."""
    city, _partnership = hangzhou
    f.PartnerCityFactory(name="Quiet")
    page = reciprocity_of(city, start=start, end=end)
    rows = reciprocity_figures(SimpleNamespace(start=start, end=end, lg_id=None))["cities"]
    assert "Quiet" not in [row["name"] for row in rows]
    (row,) = (row for row in rows if row["name"] == "Hangzhou")
    assert {name: row[name] for name in REPORTED if name in page} == {
        name: page[name] for name in REPORTED if name in page
    }
    assert row["city_paid_hosting"] == float(page["city_paid_hosting"])
    assert row["paid_by_others"] == float(page["paid_by_others"])
