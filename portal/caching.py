"""The version of the places, for the cached fragments that draw every partner city.

The map page's list of cities and the dashboard's map are template fragments cached
under this version (``{% cache ... places_version %}``); the map's GeoJSON is cached
with ``intl_relations.versions.cached_until_written``, which records the tables it
reads by itself. At national scale these are the heaviest answers (thousands of cities,
megabytes of GeoJSON) and the same for every visitor of a kind.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections

from intl_relations.versions import transaction_token, versions_of
from partnerships.models import LocalGovernment, PartnerCity, Partnership

PLACES = (Partnership, PartnerCity, LocalGovernment)


def places_version() -> str:
    """Changes whenever a partnership, partner city or local government is written."""
    tables = {model._meta.db_table for model in PLACES}
    tables |= {
        field.remote_field.through._meta.db_table
        for model in PLACES
        for field in model._meta.local_many_to_many
    }
    token = transaction_token(connections[DEFAULT_DB_ALIAS]) or ""
    return "-".join(str(version) for version in versions_of(tables)) + token
