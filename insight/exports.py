"""The columns of the insight exports, shared by the staff pages and the API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from intl_relations.exports import Column, columns_for
from partnerships.models import PartnerCity, Partnership

from .choices import Verdict
from .health import health_reasons, suggested_action
from .selectors import HEALTH_SOURCE_KEYS

HEALTH_SOURCE_HEADERS = {
    "delegation_in": _("Last delegation received"),
    "delegation_out": _("Last delegation sent"),
    "exchange": _("Last exchange participant"),
    "spending": _("Last cooperation spending"),
    "follow_up": _("Last follow-up action"),
    "document": _("Last document"),
    "contact": _("Last contact update"),
    "agreement": _("Signed or last renewed on"),
}


def _action_label(row: Any) -> str:
    step = suggested_action(row)
    return step.label if step else ""


def health_columns() -> list[Column]:
    verdicts = dict(Verdict.choices)
    return [
        *columns_for(
            Partnership,
            ["partner_city__name", "partner_city__country", "local_government__name", "kind"],
        ),
        *columns_for(Partnership, ["status", "review_on"]),
        Column(_("Verdict"), lambda row: verdicts.get(row.verdict, row.verdict)),
        Column(_("Last activity"), lambda row: row.last_activity),
        *(
            Column(HEALTH_SOURCE_HEADERS[key], lambda row, key=key: getattr(row, f"last_{key}"))
            for key in HEALTH_SOURCE_KEYS
        ),
        Column(_("Records, last year"), lambda row: row.activity_1y),
        Column(_("Records, last 3 years"), lambda row: row.activity_3y),
        Column(_("Records, last 5 years"), lambda row: row.activity_5y),
        Column(_("Reasons"), lambda row: "; ".join(health_reasons(row))),
        Column(_("Suggested action"), _action_label),
    ]


RECIPROCITY_HEADERS = (
    ("delegations_received", _("Delegations received")),
    ("delegations_sent", _("Delegations sent")),
    ("delegation_balance", _("Delegation balance (received − sent)")),
    ("people_received", _("People received")),
    ("people_sent", _("People sent")),
    ("participants_received", _("Exchange participants received")),
    ("participants_sent", _("Exchange participants sent")),
    ("exchange_balance", _("Exchange balance (received − sent)")),
    ("city_paid_hosting", _("Paid by the city, hosting (EUR)")),
    ("city_paid_travel", _("Paid by the city, travel (EUR)")),
    ("paid_by_others", _("Paid by others (EUR)")),
    ("cooperation_spent", _("Cooperation spending (EUR)")),
)


def reciprocity_columns() -> list[Column]:
    return [
        *columns_for(PartnerCity, ["name", "country", "region"]),
        *columns_for(PartnerCity, list(RECIPROCITY_HEADERS)),
    ]
