"""A year of cooperation with known amounts, as a person would check the declaration by hand.

2025, Ville de Lyon (the default local government):

| project | country | line | heading | spent | APD |
| --- | --- | --- | --- | --- | --- |
| Eau potable à Saint-Louis | Senegal (LDC) | drilling | water_sanitation | 12 000 | 10 000 |
| | | training | cooperation | 5 000 | 5 000 |
| | | reception | not_oda | 3 000 | 0 |
| | | misc. | (none) | 700 | 700 |
| Jumelage Francfort | Germany (not on the list) | exchange | cooperation | 2 000 | 2 000 |
| Semaine de la solidarité | no partner city | festival | awareness | 1 500 | 1 500 |
| | | trip | cooperation | 800 | 800 |
| Santé à Antananarivo | Madagascar (LDC) | NGO grant | ngo_grants | 4 000 | 4 000 |
| | | follow-up | staff | 1 000 | 1 000 |
| | | (2024 line) | ngo_grants | 9 999 | 9 999 |
| Bourses Hué | Viet Nam (LMIC) | grants | students | 600 | 0 |

Declared: water 10 000 + cooperation 5 000 + awareness 1 500 + NGO 4 000 + staff 1 000
= 21 500. Held back: 700 (no heading) + 2 000 (Germany) + 800 (no country) = 3 500.
Another local government's project (Villeurbanne, 50 000 to Senegal) counts only when
the whole portal is declared.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests import factories as f


def line(project, heading, spent, apd, *, year=2025, label="Line", planned=None):
    return f.BudgetLineFactory(
        project=project,
        year=year,
        label=label,
        apd_heading=heading,
        spent_amount=Decimal(spent),
        apd_amount=Decimal(apd),
        planned_amount=Decimal(planned if planned is not None else spent),
    )


@pytest.fixture
def year_2025(db):
    lyon = f.LocalGovernmentFactory(name="Ville de Lyon", is_default=True)
    saint_louis = f.PartnerCityFactory(name="Saint-Louis", country="SN", region="Saint-Louis")
    frankfurt = f.PartnerCityFactory(name="Francfort", country="DE")
    tana = f.PartnerCityFactory(name="Antananarivo", country="MG")
    hue = f.PartnerCityFactory(name="Hué", country="VN")

    water = f.CooperationProjectFactory(
        title="Eau potable à Saint-Louis",
        title_en="Drinking water in Saint-Louis",
        objectives="Forages et formation des agents du service des eaux.",
        objectives_en="Boreholes and training of the water service's staff.",
        local_government=lyon,
        partner_city=saint_louis,
        status="ongoing",
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    water.themes.add(f.theme("water"))
    water.partners.add(f.OrganisationFactory(name="Eau Vive Lyon", kind="solidarity_association"))
    line(water, "water_sanitation", "12000", "10000", label="Forages", planned="15000")
    line(water, "cooperation", "5000", "5000", label="Formation", planned="5000")
    line(water, "not_oda", "3000", "0", label="Réception officielle", planned="3000")
    line(water, "", "700", "700", label="Divers", planned="700")

    twinning = f.CooperationProjectFactory(
        title="Jumelage Francfort", local_government=lyon, partner_city=frankfurt
    )
    line(twinning, "cooperation", "2000", "2000", label="Échange de jeunes")

    awareness = f.CooperationProjectFactory(
        title="Semaine de la solidarité", local_government=lyon, partner_city=None
    )
    line(awareness, "awareness", "1500", "1500", label="Festival")
    line(awareness, "cooperation", "800", "800", label="Mission")

    health = f.CooperationProjectFactory(
        title="Santé à Antananarivo", local_government=lyon, partner_city=tana
    )
    line(health, "ngo_grants", "4000", "4000", label="Subvention ONG")
    line(health, "staff", "1000", "1000", label="Suivi")
    line(health, "ngo_grants", "9999", "9999", label="Subvention 2024", year=2024)

    grants = f.CooperationProjectFactory(
        title="Bourses Hué", local_government=lyon, partner_city=hue
    )
    line(grants, "students", "600", "0", label="Bourses")

    villeurbanne = f.LocalGovernmentFactory(name="Villeurbanne", is_default=False)
    other = f.CooperationProjectFactory(
        title="Coopération Villeurbanne", local_government=villeurbanne, partner_city=saint_louis
    )
    line(other, "cooperation", "50000", "50000", label="Programme")

    return SimpleNamespace(
        lyon=lyon,
        villeurbanne=villeurbanne,
        water=water,
        twinning=twinning,
        awareness=awareness,
        health=health,
        grants=grants,
        other=other,
    )
