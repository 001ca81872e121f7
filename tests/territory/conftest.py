"""A territory with known figures per country, as a person would count them by hand.

* Portugal: two diaspora groups (11,800 people, and one of unknown size), a career
  consulate, no partnership: a large diaspora with no partnership.
* Morocco: a diaspora of 14,600, no consulate, no partnership: both diaspora gaps.
* Germany: two active partnerships (Leipzig with a delegation last year; Frankfurt whose
  only delegation was ten years ago: idle), an honorary consulate and no diaspora group;
  delegations: two received, one sent, one cancelled (not counted).
* Italy: a small diaspora (3,000), a partnership that ended (not counted): no gap.
* China: one cooperation project recorded on a partnership only (its city in China).
* Japan: one exchange program.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests import factories as f


def years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


@pytest.fixture
def territory(db):
    lyon = f.LocalGovernmentFactory(name="Ville de Lyon")
    metropolis = f.LocalGovernmentFactory(name="Métropole de Lyon", is_default=False)
    f.DiasporaGroupFactory(
        name="Portugais de Lyon", origin_country="PT", estimated_size=11800, local_government=lyon
    )
    f.DiasporaGroupFactory(
        name="Portugais de la Métropole",
        origin_country="PT",
        estimated_size=None,
        size_source="",
        size_year=None,
        local_government=metropolis,
    )
    f.ConsulateFactory(country="PT", kind="consulate_general", city="Lyon")
    f.DiasporaGroupFactory(
        name="Marocains de Lyon", origin_country="MA", estimated_size=14600, local_government=lyon
    )
    f.DiasporaGroupFactory(
        name="Italiens de Lyon", origin_country="IT", estimated_size=3000, local_government=lyon
    )
    f.PartnershipFactory(
        local_government=lyon,
        partner_city=f.PartnerCityFactory(name="Milano", country="IT"),
        status="ended",
        signed_on=dt.date(1970, 1, 1),
        ended_on=dt.date(2000, 1, 1),
    )

    leipzig = f.PartnerCityFactory(name="Leipzig", country="DE")
    frankfurt = f.PartnerCityFactory(name="Frankfurt", country="DE")
    f.PartnershipFactory(
        local_government=lyon, partner_city=leipzig, signed_on=dt.date(1981, 6, 20)
    )
    idle = f.PartnershipFactory(
        local_government=lyon, partner_city=frankfurt, signed_on=dt.date(1960, 5, 12)
    )
    recent = years_ago(1)
    old = years_ago(10)
    f.DelegationFactory(
        local_government=lyon, partner_city=leipzig, starts_on=recent, ends_on=recent
    )
    f.DelegationFactory(
        local_government=lyon, partner_city=frankfurt, partnership=idle, starts_on=old, ends_on=old
    )
    f.DelegationFactory(
        local_government=lyon,
        partner_city=None,
        country="DE",
        direction="outgoing",
        starts_on=recent,
        ends_on=recent,
    )
    f.DelegationFactory(
        local_government=lyon,
        partner_city=frankfurt,
        status="cancelled",
        starts_on=recent,
        ends_on=recent,
    )
    f.ConsulateFactory(country="DE", kind="honorary", city="Lyon")

    hangzhou = f.PartnerCityFactory(name="Hangzhou", country="CN")
    f.CooperationProjectFactory(
        local_government=lyon,
        partner_city=None,
        partnership=f.PartnershipFactory(
            local_government=lyon, partner_city=hangzhou, kind="mou", status="exploring"
        ),
    )
    f.ExchangeProgramFactory(
        local_government=lyon, partner_city=f.PartnerCityFactory(name="Yokohama", country="JP")
    )
    return SimpleNamespace(lyon=lyon, metropolis=metropolis, idle=idle)
