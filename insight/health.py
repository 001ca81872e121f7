"""What a partnership's health means to a reader: the reasons and the next step.

Written from the dates ``selectors.with_health`` returned, for the rows shown only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from intl_relations.links import url_of
from partnerships.choices import PARTNERSHIP_TRANSITIONS, PartnershipStatus

from .choices import Verdict
from .selectors import HEALTH_SOURCE_KEYS, lively_years, years_before

# Per source: (what it is, "none since <year>", "none on record").
SOURCE_TEXTS: dict[str, tuple[Any, Any, Any]] = {
    "delegation_in": (
        gettext_lazy("delegation received"),
        gettext_lazy("no delegation received since %(year)s"),
        gettext_lazy("no delegation received on record"),
    ),
    "delegation_out": (
        gettext_lazy("delegation sent"),
        gettext_lazy("no delegation sent since %(year)s"),
        gettext_lazy("no delegation sent on record"),
    ),
    "exchange": (
        gettext_lazy("exchange participant"),
        gettext_lazy("no exchange since %(year)s"),
        gettext_lazy("no exchange on record"),
    ),
    "spending": (
        gettext_lazy("cooperation spending"),
        gettext_lazy("no cooperation spending since %(year)s"),
        gettext_lazy("no cooperation spending on record"),
    ),
    "follow_up": (
        gettext_lazy("follow-up action"),
        gettext_lazy("no follow-up action since %(year)s"),
        gettext_lazy("no follow-up action on record"),
    ),
    "document": (
        gettext_lazy("document"),
        gettext_lazy("no document since %(year)s"),
        gettext_lazy("no document on record"),
    ),
    "contact": (
        gettext_lazy("contact update"),
        gettext_lazy("no contact updated since %(year)s"),
        gettext_lazy("no contact on record"),
    ),
    "agreement": (
        gettext_lazy("signing or renewal"),
        gettext_lazy("not renewed since %(year)s"),
        gettext_lazy("no signing date on record"),
    ),
}

# How soon a review date counts as due.
REVIEW_SOON = dt.timedelta(days=90)


def last_dates(row: Any) -> list[tuple[str, dt.date | None]]:
    """(source, last day) for each source of a row annotated by ``with_health``."""
    return [(key, getattr(row, f"last_{key}", None)) for key in HEALTH_SOURCE_KEYS]


def health_reasons(row: Any, today: dt.date | None = None) -> list[str]:
    """Why the verdict: "no delegation received since 2019", "no exchange on record"…

    A lively partnership gets its latest activity; one going quiet gets each source
    that has been quiet for longer than the lively threshold, the most recent first,
    then the sources with nothing on record.
    """
    today = today or timezone.localdate()
    dates = last_dates(row)
    if row.verdict == Verdict.LIVELY:
        key, day = max(((k, d) for k, d in dates if d is not None), key=lambda item: item[1])
        return [
            _("last activity: %(what)s on %(date)s")
            % {"what": SOURCE_TEXTS[key][0], "date": date_format(day, "SHORT_DATE_FORMAT")}
        ]
    lively_since = years_before(today, lively_years())
    quiet = sorted(
        ((k, d) for k, d in dates if d is not None and d < lively_since),
        key=lambda item: item[1],
        reverse=True,
    )
    language = get_language()
    reasons = [_text(key, 1, language) % {"year": day.year} for key, day in quiet]
    reasons += [_text(key, 2, language) for key, day in dates if day is None]
    return reasons


@lru_cache(maxsize=256)
def _text(source: str, which: int, language: str | None) -> str:
    """``SOURCE_TEXTS[source][which]`` in ``language`` (an export writes 10,000 rows)."""
    return str(SOURCE_TEXTS[source][which])


@dataclass(frozen=True)
class SuggestedAction:
    label: str
    url: str


@lru_cache(maxsize=1)
def _links() -> tuple[Any, str]:
    """(partnership page by id, new delegation page), reversed once: an export carries
    10,000 suggested actions."""
    return url_of("staff:partnership_detail"), reverse("staff:delegation_add")


def suggested_action(row: Any, today: dt.date | None = None) -> SuggestedAction | None:
    """The next step for a partnership, through the existing pages and workflow.

    A review date passed or close: renew (the partnership's "Record a renewal" step).
    Dormant and still listed active: move it to dormant (its status workflow). Dormant
    otherwise: review it (revive or end it). Slowing: plan a visit (a new delegation
    for the partnership). Lively with nothing due: nothing to do.
    """
    today = today or timezone.localdate()
    partnership_url, new_delegation_url = _links()
    workflow = f"{partnership_url(row.pk)}#workflow-title"
    if (
        row.status == PartnershipStatus.ACTIVE
        and row.review_on is not None
        and row.review_on <= today + REVIEW_SOON
    ):
        return SuggestedAction(_("Renew"), workflow)
    if row.verdict == Verdict.DORMANT:
        if PartnershipStatus.DORMANT in PARTNERSHIP_TRANSITIONS.get(row.status, ()):
            return SuggestedAction(_("Move to dormant"), workflow)
        return SuggestedAction(_("Review"), workflow)
    if row.verdict == Verdict.SLOWING:
        query = urlencode(
            {
                "partnership": row.pk,
                "partner_city": row.partner_city_id,
                "country": row.partner_city.country.code,
            }
        )
        return SuggestedAction(_("Plan a visit"), f"{new_delegation_url}?{query}")
    if row.status == PartnershipStatus.DORMANT:
        # Lively again while still listed dormant: its status may go back to active.
        return SuggestedAction(_("Review"), workflow)
    return None
