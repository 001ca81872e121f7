"""The figures and gaps of the territory diagnosis, checked against records counted by hand."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from territory.selectors import territory_diagnosis
from tests import factories as f


def by_code(rows):
    return {row.code: row for row in rows}


@pytest.mark.django_db
def test_the_figures_per_country_are_those_counted_by_hand(territory, viewer):
    rows = by_code(territory_diagnosis(user=viewer))
    assert sorted(rows) == ["CN", "DE", "IT", "JP", "MA", "PT"]

    pt = rows["PT"]
    assert (pt.diaspora_groups, pt.diaspora_size) == (2, 11800)
    assert (pt.consulates_career, pt.consulates_honorary, pt.partnerships) == (1, 0, 0)

    de = rows["DE"]
    assert (de.diaspora_groups, de.diaspora_size) == (0, None)
    assert (de.consulates_career, de.consulates_honorary) == (0, 1)
    assert (de.partnerships, de.idle_partnerships) == (2, 1)
    assert (de.delegations_received, de.delegations_sent) == (2, 1)  # the cancelled one is out

    assert rows["IT"].partnerships == 0  # the ended twinning is not a current tie
    assert (rows["CN"].partnerships, rows["CN"].projects) == (1, 1)  # via its partnership
    assert rows["JP"].exchanges == 1
    assert rows["MA"].diaspora_size == 14600


@pytest.mark.django_db
def test_the_gaps_are_the_ones_a_person_would_see(territory, viewer):
    with translation.override("en"):
        rows = by_code(territory_diagnosis(user=viewer))
    assert rows["PT"].gaps == ["diaspora_without_partnership"]
    assert rows["MA"].gaps == ["diaspora_without_partnership", "diaspora_without_consulate"]
    assert rows["DE"].gaps == ["idle_partnership", "consulate_without_diaspora"]
    assert rows["IT"].gaps == []  # 3,000 people: under the 5,000 of a large diaspora
    assert rows["CN"].gaps == []
    assert rows["JP"].gaps == []
    assert "1 partnership with no delegation, exchange or project in 3 years." in (
        rows["DE"].gap_texts
    )
    with translation.override("fr"):
        german = by_code(territory_diagnosis(user=viewer))["DE"]
    assert "1 partenariat sans délégation, échange ni projet depuis 3 ans." in german.gap_texts


@pytest.mark.django_db
def test_the_thresholds_are_settings(territory, viewer, settings):
    settings.TERRITORY_LARGE_DIASPORA = 12000
    settings.TERRITORY_ACTIVITY_YEARS = 20
    rows = by_code(territory_diagnosis(user=viewer))
    assert rows["PT"].gaps == []  # 11,800 is no longer large
    assert "diaspora_without_partnership" in rows["MA"].gaps
    assert rows["DE"].idle_partnerships == 0  # the visit ten years ago is recent enough


@pytest.mark.django_db
def test_a_partnership_just_signed_or_only_explored_is_not_idle(territory, viewer):
    f.PartnershipFactory(
        local_government=territory.lyon,
        partner_city=f.PartnerCityFactory(name="Oslo", country="NO"),
        signed_on=None,
        status="negotiating",
    )
    assert by_code(territory_diagnosis(user=viewer))["NO"].idle_partnerships == 0


@pytest.mark.django_db
def test_one_local_government_sees_its_own_records_and_every_consulate(territory, viewer):
    rows = by_code(territory_diagnosis(user=viewer, local_government=territory.metropolis))
    assert (rows["PT"].diaspora_groups, rows["PT"].diaspora_size) == (1, None)
    assert rows["PT"].consulates_career == 1
    assert rows["DE"].partnerships == 0
    assert rows["DE"].consulates_honorary == 1


@pytest.mark.django_db
def test_the_diagnosis_costs_the_same_queries_with_few_and_many_records(territory, viewer):
    with CaptureQueriesContext(connection) as few:
        territory_diagnosis(user=viewer)
    lyon = territory.lyon
    for i in range(20):
        city = f.PartnerCityFactory(name=f"Ville {i}", country=["BR", "SN", "US", "ES"][i % 4])
        partnership = f.PartnershipFactory(local_government=lyon, partner_city=city)
        f.DelegationFactory(local_government=lyon, partner_city=city, partnership=partnership)
        f.CooperationProjectFactory(local_government=lyon, partner_city=city)
        f.ExchangeProgramFactory(local_government=lyon, partner_city=city)
        f.ConsulateFactory(country=city.country.code, city=f"Town {i}")
    with CaptureQueriesContext(connection) as many:
        rows = territory_diagnosis(user=viewer)
    assert len(rows) == 10
    assert len(many) == len(few) == 6
