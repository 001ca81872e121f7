"""The annual report's reciprocity section: the year's balance with each partner city."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from reports.outputs import render_html, render_xlsx, report_document
from reports.selectors import report_figures
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2025(db):
    home = f.LocalGovernmentFactory()
    other_home = f.LocalGovernmentFactory(name="Villeurbanne", is_default=False)
    rabat = f.PartnerCityFactory(name="Rabat", country="MA")
    turin = f.PartnerCityFactory(name="Turin", country="IT")
    f.PartnerCityFactory(name="Silentburg", country="DE")

    def visit(city, direction, day, people=0, lg=home):
        d = f.DelegationFactory(
            local_government=lg,
            partner_city=city,
            direction=direction,
            starts_on=day,
            ends_on=day,
            status="done",
        )
        for _ in range(people):
            f.DelegationMemberFactory(delegation=d)
        return d

    hosted = visit(rabat, "incoming", dt.date(2025, 3, 1), people=4)
    visit(rabat, "incoming", dt.date(2025, 10, 1), people=2)
    visit(rabat, "incoming", dt.date(2024, 10, 1), people=9)  # another year
    f.DelegationCostFactory(delegation=hosted, amount=Decimal("900.00"))
    visit(turin, "outgoing", dt.date(2025, 5, 1), people=3)
    visit(turin, "incoming", dt.date(2025, 6, 1), lg=other_home)  # another home side
    return home


def test_the_report_counts_the_years_balance_per_partner_city(year_2025):
    with translation.override("en"):
        figures = report_figures(year=2025, local_government=year_2025)
        data = figures["reciprocity"]
        assert [
            (c["name"], c["delegations_received"], c["delegations_sent"]) for c in data["cities"]
        ] == [
            ("Rabat", 2, 0),
            ("Turin", 0, 1),
        ]
        rabat = data["cities"][0]
        assert (rabat["people_received"], rabat["city_paid"]) == (6, 900.0)
        assert data["visited_us_only"] == 1
        assert data["visited_only"] == 1

        sections = report_document(figures)
        section = next(s for s in sections if s.key == "reciprocity")
        assert section.lead[1] == "1 of them visited us without a visit from us in return."
        html = render_html(figures, title="Report 2025", sections=sections)
        assert "Reciprocity with the partner cities" in html
        assert "900 €" in html
        assert render_xlsx(figures, title="Report 2025", sections=sections)[:2] == b"PK"


def test_a_report_of_every_home_side_counts_them_all(year_2025):
    with translation.override("en"):
        figures = report_figures(year=2025)
    turin = next(c for c in figures["reciprocity"]["cities"] if c["name"] == "Turin")
    assert (turin["delegations_received"], turin["delegations_sent"]) == (1, 1)


def test_a_run_made_before_the_section_existed_still_renders(year_2025):
    with translation.override("en"):
        figures = report_figures(year=2025)
        del figures["reciprocity"]
        assert all(s.key != "reciprocity" for s in report_document(figures))
