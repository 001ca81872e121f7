"""Every export re-imports as it is: the importers also accept the exports' headers.

The lists' exports (staff pages and API) name their columns after the models' verbose
names in the active language ("Partner city – name", "Ville partenaire – pays"). Rather
than keep a second list of those headers by hand, each import column also accepts the
headers that the exports of its kind give the field it reads, in every language of the
portal, computed from the exports' own declarations the first time a file is read.

The portal also labels a partner city "Frankfurt am Main (DE)" (its name and country
code) in the exports' related columns: ``split_city_label`` reads that back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from importlib import import_module
from typing import Any

from django.conf import settings
from django.utils import translation

from .engine import Col, header_key

# The exports of each import kind: "module:Class" of the staff list and the API viewset.
EXPORTS: dict[str, tuple[str, ...]] = {
    "partner_cities": (
        "partnerships.views:PartnerCityList",
        "partnerships.api.views:PartnerCityViewSet",
    ),
    "partnerships": (
        "partnerships.views:PartnershipList",
        "partnerships.api.views:PartnershipViewSet",
    ),
    "organisations": (
        "organisations.views:OrganisationList",
        "organisations.api.views:OrganisationViewSet",
    ),
    "contacts": ("organisations.views:ContactList", "organisations.api.views:ContactViewSet"),
    "consulates": ("diaspora.views:ConsulateList", "diaspora.api.views:ConsulateViewSet"),
    "diaspora_groups": (
        "diaspora.views:DiasporaGroupList",
        "diaspora.api.views:DiasporaGroupViewSet",
    ),
    "delegations": ("delegations.views:DelegationList", "delegations.api.views:DelegationViewSet"),
    "participants": ("exchanges.views:ParticipantList", "exchanges.api.views:ParticipantViewSet"),
}

# Export field paths read by an import column of another name (the others match by name).
PATHS: dict[str, dict[str, str]] = {
    "partnerships": {
        "local_government__name": "local_government",
        "partner_city__name": "partner_city",
        "partner_city__country": "partner_country",
    },
    "contacts": {"partner_city__country": "partner_country"},
    "diaspora_groups": {"local_government__name": "local_government"},
    "delegations": {
        "local_government__name": "local_government",
        "partner_city__name": "partner_city",
    },
    "participants": {"program__title": "program"},
}


def _export_specs(kind: str) -> list[tuple[type, list[Any]]]:
    """(model, field specs) of each export of ``kind``."""
    specs = []
    for dotted in EXPORTS.get(kind, ()):
        module, name = dotted.split(":")
        view = getattr(import_module(module), name)
        if hasattr(view, "get_export_fields"):  # a staff list: its own fields by default
            specs.append((view.model, list(view().get_export_fields())))
        else:
            specs.append((view.queryset.model, list(view.export_fields)))
    return specs


@cache
def export_header_keys(kind: str) -> dict[str, frozenset[str]]:
    """By import column key, the matching keys of the export headers it accepts."""
    from intl_relations.exports import columns_for

    keys: dict[str, set[str]] = {}
    paths = PATHS.get(kind, {})
    for model, spec in _export_specs(kind):
        for item in spec:
            if isinstance(item, tuple):  # an annotation (a count): nothing to import
                continue
            column = paths.get(item, item)
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    header = str(columns_for(model, [item])[0].header)
                keys.setdefault(column, set()).add(header_key(header))
    return {column: frozenset(found) for column, found in keys.items()}


@dataclass(frozen=True)
class ExportAwareCol(Col):
    """An import column that also accepts its kind's export headers."""

    kind: str = ""

    def accepts(self) -> set[str]:
        return super().accepts() | set(export_header_keys(self.kind).get(self.key, ()))


def accept_export_headers(importers: dict[str, Any]) -> None:
    """Make every importer's columns accept the headers of its kind's exports."""
    for kind, importer in importers.items():
        importer.columns = tuple(
            ExportAwareCol(**{f.name: getattr(col, f.name) for f in fields(Col)}, kind=kind)
            for col in importer.columns
        )


_CITY_LABEL = re.compile(r"^(?P<name>.+?)\s*\((?P<code>[A-Za-z]{2})\)$")


def split_city_label(name: str | None) -> tuple[str | None, str | None]:
    """ "Frankfurt am Main (DE)" → ("Frankfurt am Main", "DE"); other names unchanged."""
    from django_countries import countries

    match = _CITY_LABEL.match(name or "")
    if match is None:
        return name, None
    code = match["code"].upper()
    if code not in dict(countries):
        return name, None
    return match["name"], code
