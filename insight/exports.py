"""The columns of the insight exports, shared by the staff pages and the API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from intl_relations.exports import Column, value_columns
from partnerships.models import PartnerCity, Partnership

from .choices import Verdict
from .health import HealthAdvice
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


def health_columns() -> list[Column]:
    """The health list's columns, its reasons and next step included, read from plain
    rows (``value_columns``): an export holds 10,000 partnerships."""
    verdicts = {value: str(label) for value, label in Verdict.choices}
    advice = HealthAdvice()
    lasts = [(key, f"last_{key}") for key in HEALTH_SOURCE_KEYS]

    def reasons(row: Mapping[str, Any]) -> str:
        return "; ".join(advice.reasons(row["verdict"], [(key, row[name]) for key, name in lasts]))

    def action(row: Mapping[str, Any]) -> str:
        step = advice.next_step(
            status=row["status"], review_on=row["review_on"], verdict=row["verdict"]
        )
        return advice.step_label(step)

    return [
        *value_columns(
            Partnership,
            [
                "partner_city__name",
                "partner_city__country",
                "local_government__name",
                "kind",
                "status",
                "review_on",
            ],
        ),
        Column(
            _("Verdict"),
            lambda row: verdicts.get(row["verdict"], row["verdict"]),
            reads=("verdict",),
        ),
        *value_columns(
            Partnership,
            [
                ("last_activity", _("Last activity")),
                *((name, HEALTH_SOURCE_HEADERS[key]) for key, name in lasts),
                ("activity_1y", _("Records, last year")),
                ("activity_3y", _("Records, last 3 years")),
                ("activity_5y", _("Records, last 5 years")),
            ],
        ),
        Column(_("Reasons"), reasons, reads=("verdict", *(name for _key, name in lasts))),
        Column(_("Suggested action"), action, reads=("status", "review_on", "verdict")),
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
    return value_columns(PartnerCity, ["name", "country", "region", *RECIPROCITY_HEADERS])
