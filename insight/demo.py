"""Demo records that give the insight pages something to show (``load_demo_data``).

* a twinning still listed active that has been quiet for years (Craiova): the health
  list calls it dormant and suggests moving it to dormant;
* an unbalanced partner (Guangzhou): three delegations received in two years, none
  sent, the top row of "who visits us and we never visit".

Dates are relative to the loader's ``today``; loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from delegations.models import Delegation, DelegationCost, DelegationMember
from partnerships.models import PartnerCity, Partnership

GUANGZHOU_VISITS = (
    ("Délégation économique de Guangzhou – santé numérique", 120, 6),
    ("Délégation de Guangzhou – rencontres universitaires", 400, 4),
    ("Délégation municipale de Guangzhou – mobilités urbaines", 700, 5),
)


def load_insight_demo(loader: Any) -> None:
    """Add the dormant twinning and the unbalanced partner to the demo data set."""
    today: dt.date = loader.today
    home = loader.local_governments["Ville de Lyon"]
    officer = loader.users["editeur"]

    craiova = loader.upsert(
        PartnerCity,
        {"name": "Craiova", "country": "RO", "region": "Dolj"},
        {
            "kind": "city",
            "latitude": Decimal("44.31813"),
            "longitude": Decimal("23.80044"),
            "population": 234140,
            "population_year": 2021,
            "languages": "ro",
        },
    )
    twinning = loader.upsert(
        Partnership,
        {"local_government": home, "partner_city": craiova, "kind": "twinning"},
        {
            "status": "active",
            "signed_on": dt.date(1994, 10, 8),
            "summary": "Jumelage signé après 1989, resté actif sur le papier.",
            "officer": officer,
            "published": False,
        },
    )
    last_trip = today.replace(year=today.year - 8)
    loader.upsert(
        Delegation,
        {"title": "Mission à Craiova – coopération hospitalière"},
        {
            "direction": "outgoing",
            "status": "done",
            "local_government": home,
            "partner_city": craiova,
            "partnership": twinning,
            "country": "RO",
            "destination": "Craiova",
            "starts_on": last_trip,
            "ends_on": last_trip + dt.timedelta(days=3),
            "purpose": "Échanges entre les hôpitaux des deux villes.",
            "officer": officer,
        },
    )

    guangzhou = loader.cities["Guangzhou"]
    friendship = loader.partnerships[("Guangzhou", "friendship")]
    for title, days_ago, people in GUANGZHOU_VISITS:
        starts_on = today - dt.timedelta(days=days_ago)
        delegation = loader.upsert(
            Delegation,
            {"title": title},
            {
                "direction": "incoming",
                "status": "done",
                "local_government": home,
                "partner_city": guangzhou,
                "partnership": friendship,
                "country": "CN",
                "destination": "Lyon",
                "starts_on": starts_on,
                "ends_on": starts_on + dt.timedelta(days=2),
                "purpose": "Visite d'une délégation de Guangzhou reçue par la Ville.",
                "officer": officer,
            },
        )
        for n in range(1, people + 1):
            loader.upsert(
                DelegationMember,
                {"delegation": delegation, "full_name": f"Membre {n} – {title[:40]}"},
                {"role": "business" if n > 1 else "elected", "is_head": n == 1},
            )
        loader.upsert(
            DelegationCost,
            {"delegation": delegation, "label": "Réception à l'Hôtel de Ville"},
            {"category": "meals", "amount": Decimal("1800.00"), "paid_by": ""},
        )
