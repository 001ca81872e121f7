"""The figures of a known year, counted in the database."""

import pytest

from reports.selectors import YearScope, key_totals, report_figures

from .conftest import YEAR


def by(rows, key):
    return {row[key]: row for row in rows}


@pytest.fixture
def figures(known_year):
    return report_figures(year=YEAR)


def test_partnerships_started_renewed_ended_and_in_force(figures):
    p = figures["partnerships"]
    assert (p["started"], p["renewed"], p["ended"], p["active"]) == (3, 1, 1, 3)
    kinds = by(p["by_kind"], "kind")
    assert {k: (r["started"], r["renewed"], r["ended"], r["active"]) for k, r in kinds.items()} == {
        "twinning": (1, 1, 0, 2),
        "cooperation": (1, 0, 0, 1),
        "friendship": (1, 0, 1, 0),
        "mou": (0, 0, 0, 0),
        "economic": (0, 0, 0, 0),
        "thematic": (0, 0, 0, 0),
    }
    themes = by(p["by_theme"], "theme")
    assert (themes["culture"]["started"], themes["culture"]["active"]) == (2, 1)
    assert (themes["water"]["started"], themes["water"]["active"]) == (1, 1)
    assert by(p["by_country"], "country")["DE"] == {
        "country": "DE",
        "label": "Allemagne",
        "active": 1,
        "started": 1,
    }


def test_delegations_by_direction_month_country_and_member_role(figures):
    d = figures["delegations"]
    assert (d["incoming"], d["outgoing"], d["cancelled"], d["members"]) == (2, 2, 1, 8)
    months = by(d["by_month"], "month")
    assert len(months) == 12
    assert (months[1]["incoming"], months[1]["outgoing"]) == (1, 0)
    assert (months[3]["incoming"], months[3]["outgoing"]) == (1, 1)
    assert (months[11]["incoming"], months[11]["outgoing"]) == (0, 1)
    assert months[6]["total"] == 0  # the cancelled June trip is not counted
    countries = by(d["by_country"], "country")
    assert {c: (r["incoming"], r["outgoing"]) for c, r in countries.items()} == {
        "DE": (1, 1),
        "IT": (1, 0),
        "SN": (0, 1),
    }
    roles = by(d["members_by_role"], "role")
    assert {r: (v["incoming"], v["outgoing"]) for r, v in roles.items() if v["total"]} == {
        "elected": (2, 1),
        "business": (1, 2),
        "staff": (1, 0),
        "diaspora": (0, 1),
    }
    themes = by(d["by_theme"], "theme")
    assert (themes["economy"]["incoming"], themes["economy"]["outgoing"]) == (1, 1)


def test_exchanges_applications_by_status_and_participants(figures):
    e = figures["exchanges"]
    assert (e["programs"], e["applications"], e["participants"]) == (1, 3, 2)
    statuses = by(e["applications_by_status"], "status")
    assert statuses["accepted"]["applications"] == 2
    assert statuses["rejected"]["applications"] == 1
    assert (e["participants_outgoing"], e["participants_incoming"]) == (1, 1)


def test_consular_corps_and_diaspora(figures):
    c = figures["consular_diaspora"]
    assert (c["consulates"], c["consulate_countries"]) == (3, 3)
    assert by(c["consulates_by_kind"], "kind")["honorary"]["consulates"] == 2
    assert (c["diaspora_groups"], c["diaspora_people"]) == (2, 19000)
    assert c["diaspora_delegation_members"] == 1
    senegal = by(c["by_country"], "country")["SN"]
    assert (
        senegal["people"],
        senegal["consulates"],
        senegal["delegations"],
        senegal["partnerships"],
    ) == (4000, 1, 1, 1)
    assert [g["name"] for g in c["groups"]] == ["Portuguese community", "Senegalese community"]
    assert c["groups"][1]["partnerships"] == 1


def test_cooperation_money_by_funding_source_apd_and_water_line(figures):
    m = figures["cooperation"]
    assert (m["planned"], m["spent"], m["apd"]) == (35000.0, 28000.0, 20000.0)
    assert m["water_one_percent"] == {"planned": 5000.0, "spent": 5000.0, "apd": 0.0}
    sources = by(m["by_funding_source"], "source")
    assert (
        sources["own_budget"]["spent"],
        sources["state"]["spent"],
        sources["eu"]["spent"],
        sources["other_external"]["spent"],
    ) == (15000.0, 8000.0, 5000.0, 0.0)
    assert m["top_projects"][0]["title"] == "Water for Dakar suburbs"


def test_key_figures_compare_with_the_previous_year(figures):
    key = by(figures["key_figures"], "key")
    assert (key["partnerships_started"]["value"], key["partnerships_started"]["previous"]) == (3, 0)
    assert key["partnerships_active"]["previous"] == 1
    assert key["partnerships_ended"]["change"] == 0
    assert (key["delegations_incoming"]["previous"], key["delegation_members"]["previous"]) == (
        1,
        1,
    )
    assert key["spent"] == {
        "key": "spent",
        "label": key["spent"]["label"],
        "value": 28000.0,
        "previous": 1000.0,
        "change": 27000.0,
        "change_percent": 2700.0,
    }


def test_map_has_the_partner_cities_with_coordinates(figures):
    cities = by(figures["map"]["cities"], "name")
    assert set(cities) == {"Frankfurt am Main", "Dakar", "Torino", "Montréal"}
    assert cities["Dakar"]["latitude"] == pytest.approx(14.69)
    assert cities["Torino"]["started"] == 1
    assert cities["Torino"]["partnerships"] == 0
    assert figures["map"]["home"]["name"] == "Ville de Lyon"


def test_a_local_government_sees_only_its_own_activity(known_year):
    from tests.factories import DelegationFactory, LocalGovernmentFactory

    other = LocalGovernmentFactory(name="Villeurbanne", is_default=False)
    DelegationFactory(local_government=other, direction="incoming")
    assert key_totals(YearScope(YEAR, other))["delegations_incoming"] == 1
    assert key_totals(YearScope(YEAR, known_year["lyon"]))["delegations_incoming"] == 2


def test_the_figures_cost_a_fixed_number_of_queries(known_year, django_assert_max_num_queries):
    # Aggregated in the database: the count does not grow with the data.
    with django_assert_max_num_queries(60):
        report_figures(year=YEAR)
