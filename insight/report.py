"""The reciprocity section of the annual report: its figures and its table.

The report service calls ``reciprocity_figures`` with the other sections' figures
(stored with the run as JSON), and ``reciprocity_sections`` when it lays the report
out, so the section is in the web page, the PDF and the spreadsheet like the others.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django_countries import countries

from partnerships.models import PartnerCity

from .selectors import RECIPROCITY_FIELDS, with_reciprocity

PAGE_LIMIT = 50
# What the report keeps of each partner city's balance (with its figures, as JSON): the
# counts both ways and the delegation balance; the money is added as floats below.
REPORTED = (
    "name",
    "country",
    "delegation_balance",
    *(name for name in RECIPROCITY_FIELDS if name.endswith(("_received", "_sent"))),
)


def reciprocity_figures(scope: Any) -> dict[str, Any]:
    """Partner cities with a delegation or an exchange participant either way in the
    report's year (and local government), the most unbalanced first: one query, the
    balances of ``with_reciprocity`` (the same as the pages')."""
    rows = (
        with_reciprocity(
            PartnerCity.objects.all(),
            link="partner_city",
            start=scope.start,
            end=scope.end,
            local_government_id=scope.lg_id,
        )
        .filter(
            Q(delegations_received__gt=0)
            | Q(delegations_sent__gt=0)
            | Q(participants_received__gt=0)
            | Q(participants_sent__gt=0)
        )
        .order_by("-delegation_balance", "-exchange_balance", "name", "pk")
        .values("name", "country", *RECIPROCITY_FIELDS)
    )
    names = dict(countries)
    cities = [
        {
            **{key: row[key] for key in REPORTED},
            "country_label": str(names.get(row["country"], row["country"])),
            "city_paid": float(row["city_paid_hosting"] + row["city_paid_travel"]),
            "paid_by_others": float(row["paid_by_others"]),
            "city_paid_hosting": float(row["city_paid_hosting"]),
            "city_paid_travel": float(row["city_paid_travel"]),
        }
        for row in rows
    ]
    return {
        "cities": cities,
        "visited_us_only": sum(
            1 for c in cities if c["delegations_received"] and not c["delegations_sent"]
        ),
        "visited_only": sum(
            1 for c in cities if c["delegations_sent"] and not c["delegations_received"]
        ),
    }


def reciprocity_sections(figures: dict[str, Any]) -> list[Any]:
    """The report's "Reciprocity" section, or nothing for a run made before it existed."""
    from reports.outputs import INT, MONEY, TEXT, Section, Table, format_value

    data = figures.get("reciprocity")
    if data is None:
        return []
    year = figures["year"]
    section = Section("reciprocity", _("Reciprocity with the partner cities"), _("Reciprocity"))
    section.lead.append(
        _(
            "%(cities)s partner cities sent or received a delegation or an exchange "
            "participant in %(year)s."
        )
        % {"cities": format_value(len(data["cities"]), INT), "year": year}
    )
    if data["visited_us_only"]:
        section.lead.append(
            _("%(n)s of them visited us without a visit from us in return.")
            % {"n": format_value(data["visited_us_only"], INT)}
        )
    if data["visited_only"]:
        section.lead.append(
            _("We visited %(n)s of them without a visit in return.")
            % {"n": format_value(data["visited_only"], INT)}
        )
    section.tables.append(
        Table(
            "reciprocity_partner_cities",
            _("What went each way with each partner city, %(year)s") % {"year": year},
            [
                (_("City"), TEXT),
                (_("Country"), TEXT),
                (_("Delegations received"), INT),
                (_("Delegations sent"), INT),
                (_("Balance"), INT),
                (_("People received"), INT),
                (_("People sent"), INT),
                (_("Participants received"), INT),
                (_("Participants sent"), INT),
                (_("Paid by the city"), MONEY),
                (_("Paid by others"), MONEY),
            ],
            [
                [
                    c["name"],
                    c["country_label"],
                    c["delegations_received"],
                    c["delegations_sent"],
                    c["delegation_balance"],
                    c["people_received"],
                    c["people_sent"],
                    c["participants_received"],
                    c["participants_sent"],
                    c["city_paid"],
                    c["paid_by_others"],
                ]
                for c in data["cities"]
            ],
            note=_(
                "Balance: delegations received minus delegations sent. A cost counts as "
                "paid by the city when no other payer is named."
            ),
            page_limit=PAGE_LIMIT,
        )
    )
    return [section]
