"""The partnership sheet in the shape of the national atlas of decentralised cooperation.

One row per partnership, with the columns the yearly atlas update asks for: the
French local government(s) holding it, the partner local government and its country,
the kind of partnership, its status and signing date, its themes, the local
co-partners and the partner side's contacts. The rows are the partnership list's
(the same FilterSet and permission scope), so the sheet holds what the list shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from intl_relations.exports import Column
from intl_relations.selectors import scoped
from organisations.models import Contact
from partnerships.models import Partnership
from partnerships.selectors import partnership_list


def atlas_rows(*, user: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Partnership]:
    contacts = scoped(Contact.objects.order_by("last_name", "first_name", "pk"), user)
    return (
        partnership_list(user=user, filters=filters)
        .prefetch_related(Prefetch("partner_city__contacts", queryset=contacts))
        .order_by("local_government__name", "partner_city__country", "partner_city__name", "pk")
    )


def _names(items: Any) -> str:
    return "; ".join(str(item) for item in items)


def _contact(contact: Contact) -> str:
    name = " ".join(part for part in (contact.first_name, contact.last_name) if part)
    details = ", ".join(part for part in (contact.position, contact.email, contact.phone) if part)
    return f"{name} ({details})" if details else name


def atlas_columns() -> list[Column]:
    return [
        Column(_("French local government"), lambda p: p.local_government.name),
        Column(_("Official code (INSEE or SIREN)"), lambda p: p.local_government.official_code),
        Column(_("Other French holders"), lambda p: _names(p.co_holders.all())),
        Column(_("Partner local government"), lambda p: p.partner_city.name),
        Column(_("Partner's region"), lambda p: p.partner_city.region),
        Column(_("Country"), lambda p: p.partner_city.country),
        Column(_("Kind of partnership"), lambda p: p.get_kind_display()),
        Column(_("Status"), lambda p: p.get_status_display()),
        Column(_("Signed on"), lambda p: p.signed_on),
        Column(_("Themes"), lambda p: _names(p.themes.all())),
        Column(_("Local co-partners"), lambda p: _names(p.co_partners.all())),
        Column(
            _("Partner's contacts"),
            lambda p: "; ".join(_contact(c) for c in p.partner_city.contacts.all()),
        ),
    ]
