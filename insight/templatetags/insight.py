"""``{% partnership_health %}`` and ``{% reciprocity %}``: the insight boxes of the
partnership and partner city pages (one query each)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.urls import reverse

from insight.choices import Verdict
from insight.exports import HEALTH_SOURCE_HEADERS
from insight.health import health_reasons, last_dates, suggested_action
from insight.selectors import health_of, reciprocity_of

register = template.Library()


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@register.inclusion_tag("insight/_partnership_health.html", takes_context=True)
def partnership_health(context: template.Context, partnership: Any) -> dict[str, Any]:
    row = health_of(partnership, user=context["request"].user)
    if row is None:
        return {"row": None}
    return {
        "row": row,
        "verdict_label": dict(Verdict.choices).get(row.verdict, row.verdict),
        "reasons": health_reasons(row),
        "action": suggested_action(row),
        "sources": [(HEALTH_SOURCE_HEADERS[key], day) for key, day in last_dates(row)],
        "list_url": reverse("staff:partnershiphealth_list"),
    }


@register.inclusion_tag("insight/_reciprocity.html", takes_context=True)
def reciprocity(context: template.Context, obj: Any) -> dict[str, Any]:
    """The balance of a partner city or a partnership over ``?date_from=&date_to=``."""
    request = context["request"]
    start, end = _day(request.GET.get("date_from")), _day(request.GET.get("date_to"))
    if start and end and end < start:
        start, end = end, start
    return {
        "balance": reciprocity_of(obj, start=start, end=end),
        "date_from": start,
        "date_to": end,
        "list_url": reverse("staff:partnercityreciprocity_list"),
    }
