"""Records with known activity, dated from today, for the insight tests."""

import datetime as dt

import pytest
from django.utils import timezone

from insight.selectors import years_before
from tests import factories as f


def ago(years: int = 0, days: int = 0) -> dt.date:
    return years_before(timezone.localdate(), years) - dt.timedelta(days=days)


@pytest.fixture
def quiet_world(db):
    """Three twinnings of one city, each with a history a person can check by hand.

    * Lively (Leipzig): a delegation received 6 months ago, one sent 6 years ago.
    * Slowing (Milan): a delegation received 3 years ago, an exchange participant who
      left 4 years ago, a cancelled visit last month (does not count), a planned one
      next month (not yet activity).
    * Dormant (Yokohama): a delegation sent 7 years ago, signed in 1960, nothing else.
    """
    home = f.LocalGovernmentFactory()
    cities = {
        name: f.PartnerCityFactory(name=name, country=country)
        for name, country in (("Leipzig", "DE"), ("Milan", "IT"), ("Yokohama", "JP"))
    }
    p = {
        name: f.PartnershipFactory(
            local_government=home, partner_city=city, signed_on=dt.date(1960, 5, 12), review_on=None
        )
        for name, city in cities.items()
    }

    def delegation(name, direction, starts_on, **extra):
        return f.DelegationFactory(
            local_government=home,
            partner_city=cities[name],
            partnership=p[name],
            direction=direction,
            starts_on=starts_on,
            ends_on=starts_on,
            status=extra.pop("status", "done"),
            **extra,
        )

    delegation("Leipzig", "incoming", ago(days=183))
    delegation("Leipzig", "outgoing", ago(6))
    delegation("Milan", "incoming", ago(3))
    delegation("Milan", "incoming", ago(days=30), status="cancelled")
    delegation("Milan", "outgoing", timezone.localdate() + dt.timedelta(days=30), status="planned")
    program = f.ExchangeProgramFactory(
        local_government=home, partner_city=cities["Milan"], partnership=p["Milan"]
    )
    f.ParticipantFactory(
        program=program, departed_on=ago(4), returned_on=ago(4) + dt.timedelta(days=20)
    )
    delegation("Yokohama", "outgoing", ago(7))
    return p


@pytest.fixture
def client_for(client, user_for_role):
    """The test client signed in as the given role (anonymous: not signed in)."""

    def sign_in(role: str):
        user = user_for_role(role)
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _english(settings):
    """Pages and answers in English unless a test asks for French."""
    settings.LANGUAGE_CODE = "en"
