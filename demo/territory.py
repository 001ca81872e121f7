"""Demo records that give the territory diagnosis something to show.

A large Senegalese community, represented by an association, with neither a
partnership with a Senegalese city nor a consulate of Senegal: the page flags it as a
large diaspora with no partnership and no consulate (``territory.selectors``).
Called by ``DemoLoader.load`` once the diaspora groups are loaded; safe to run again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diaspora.models import DiasporaGroup
from organisations.models import Organisation

from . import data

if TYPE_CHECKING:
    from .loader import DemoLoader

SENEGALESE_ASSOCIATION = "Association des Sénégalais de Lyon et environs"


def load_territory_examples(loader: DemoLoader) -> None:
    association = loader.upsert(
        Organisation,
        {"name": SENEGALESE_ASSOCIATION},
        {
            "kind": "diaspora_association",
            "status": "approved",
            "is_local": True,
            "country": "FR",
            "city": "Vaulx-en-Velin",
            "published": True,
        },
    )
    loader.upsert(
        DiasporaGroup,
        {"local_government": loader.local_governments[data.CITY], "origin_country": "SN"},
        {
            "name": "Communauté sénégalaise",
            "estimated_size": 8400,
            "size_source": "census",
            "size_year": 2021,
            "description": (
                "Communauté en forte croissance, sans partenariat avec une ville "
                "sénégalaise ni consulat à Lyon : piste relevée par le diagnostic du territoire."
            ),
            "published": True,
        },
        m2m={"associations": [association]},
    )
