"""The partnership sheet in the shape of the national atlas of decentralised cooperation.

One row per partnership, with the columns the yearly atlas update asks for: the
French local government(s) holding it, the partner local government and its country,
the kind of partnership, its status and signing date, its themes, the local
co-partners and the partner side's contacts. The rows are the partnership list's
(the same FilterSet and permission scope), so the sheet holds what the list shows.

The sheet is read as plain rows: the partnerships in one query, and the holders,
themes, co-partners and contacts of all of them in one query each, chosen by the same
query as a sub-select (building model instances and their prefetched relations for the
10,440 partnerships of a national sheet took most of its 12 seconds; asking for the
related names a thousand ids at a time, 44 queries, still took 0.7 s).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intl_relations.exports import Column
from intl_relations.selectors import scoped
from organisations.models import Contact
from partnerships.choices import PartnershipKind, PartnershipStatus, ThemeCode
from partnerships.models import Partnership
from partnerships.selectors import partnership_list

BATCH = 1000
COLUMNS = (
    "pk",
    "local_government__name",
    "local_government__official_code",
    "partner_city_id",
    "partner_city__name",
    "partner_city__region",
    "partner_city__country",
    "kind",
    "status",
    "signed_on",
)


@dataclass
class AtlasSheet:
    """The sheet's rows: ``count()`` them, or iterate over them (dicts, in order)."""

    partnerships: QuerySet
    contacts: QuerySet

    def count(self) -> int:
        return self.partnerships.count()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        kinds = {value: str(label) for value, label in PartnershipKind.choices}
        statuses = {value: str(label) for value, label in PartnershipStatus.choices}
        names = dict(countries)  # in the reader's language
        related = self._related()
        for row in self.partnerships.iterator(chunk_size=BATCH):
            pk, city = row["pk"], row["partner_city_id"]
            yield {
                **row,
                "country": names.get(row["partner_city__country"], row["partner_city__country"]),
                "kind_label": kinds.get(row["kind"], row["kind"]),
                "status_label": statuses.get(row["status"], row["status"]),
                "co_holders": "; ".join(related["co_holders"][pk]),
                "themes": "; ".join(related["themes"][pk]),
                "co_partners": "; ".join(related["co_partners"][pk]),
                "contacts": "; ".join(related["contacts"][city]),
            }

    def _related(self) -> dict[str, Any]:
        """Names of each partnership's holders, themes and co-partners, and the contacts
        of each partner city, in the order the records' own lists show them."""
        ids = self.partnerships.order_by().values("pk")
        related: dict[str, Any] = {
            name: defaultdict(list) for name in ("co_holders", "themes", "co_partners", "contacts")
        }
        holders = Partnership.co_holders.through.objects.filter(partnership_id__in=ids)
        for pk, name in holders.order_by(
            F("localgovernment__is_default").desc(), "localgovernment__name"
        ).values_list("partnership_id", "localgovernment__name"):
            related["co_holders"][pk].append(name)
        themes = {code: str(label) for code, label in ThemeCode.choices}
        for pk, code in (
            Partnership.themes.through.objects.filter(partnership_id__in=ids)
            .order_by("theme__code")
            .values_list("partnership_id", "theme__code")
        ):
            related["themes"][pk].append(themes.get(code, code))
        for pk, name, acronym in (
            Partnership.co_partners.through.objects.filter(partnership_id__in=ids)
            .order_by("organisation__name")
            .values_list("partnership_id", "organisation__name", "organisation__acronym")
        ):
            related["co_partners"][pk].append(f"{name} ({acronym})" if acronym else name)
        cities = self.partnerships.order_by().values("partner_city_id")
        for contact in self.contacts.filter(partner_city_id__in=cities).values(
            "partner_city_id", "first_name", "last_name", "position", "email", "phone"
        ):
            related["contacts"][contact["partner_city_id"]].append(_contact(contact))
        return related


def atlas_rows(*, user: Any, filters: Mapping[str, Any] | None = None) -> AtlasSheet:
    """The sheet of the partnerships ``user`` may see that ``filters`` keep (a filter it
    cannot apply raises ``ValidationError`` here, before any row is read)."""
    partnerships = (
        partnership_list(user=user, filters=filters)
        .prefetch_related(None)
        .order_by("local_government__name", "partner_city__country", "partner_city__name", "pk")
        .values(*COLUMNS)
    )
    contacts = scoped(Contact.objects.order_by("last_name", "first_name", "pk"), user)
    return AtlasSheet(partnerships, contacts)


def _contact(contact: Mapping[str, Any]) -> str:
    name = " ".join(part for part in (contact["first_name"], contact["last_name"]) if part)
    details = ", ".join(
        part for part in (contact["position"], contact["email"], contact["phone"]) if part
    )
    return f"{name} ({details})" if details else name


def atlas_columns() -> list[Column]:
    def read(key: str) -> Any:
        return lambda row: row[key]

    return [
        Column(_("French local government"), read("local_government__name")),
        Column(_("Official code (INSEE or SIREN)"), read("local_government__official_code")),
        Column(_("Other French holders"), read("co_holders")),
        Column(_("Partner local government"), read("partner_city__name")),
        Column(_("Partner's region"), read("partner_city__region")),
        Column(_("Country"), read("country")),
        Column(_("Kind of partnership"), read("kind_label")),
        Column(_("Status"), read("status_label")),
        Column(_("Signed on"), read("signed_on")),
        Column(_("Themes"), read("themes")),
        Column(_("Local co-partners"), read("co_partners")),
        Column(_("Partner's contacts"), read("contacts")),
    ]
