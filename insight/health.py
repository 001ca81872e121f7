"""What a partnership's health means to a reader: the reasons and the next step.

Written from the dates ``selectors.with_health`` returned, for the rows shown only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import get_language, gettext_lazy

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
LAST_ACTIVITY = gettext_lazy("last activity: %(what)s on %(date)s")
# The next steps a partnership may be given, by key.
STEPS = {
    "renew": gettext_lazy("Renew"),
    "move_to_dormant": gettext_lazy("Move to dormant"),
    "review": gettext_lazy("Review"),
    "plan_a_visit": gettext_lazy("Plan a visit"),
}

# How soon a review date counts as due.
REVIEW_SOON = dt.timedelta(days=90)


def last_dates(row: Any) -> list[tuple[str, dt.date | None]]:
    """(source, last day) for each source of a row annotated by ``with_health``."""
    return [(key, getattr(row, f"last_{key}", None)) for key in HEALTH_SOURCE_KEYS]


@dataclass(frozen=True)
class SuggestedAction:
    label: str
    url: str


@lru_cache(maxsize=1)
def _links() -> tuple[Any, str]:
    """(partnership page by id, new delegation page), reversed once: an export carries
    10,000 suggested actions."""
    return url_of("staff:partnership_detail"), reverse("staff:delegation_add")


@dataclass(frozen=True)
class _Texts:
    """Every text of the advice in one language."""

    sources: dict[str, tuple[str, str, str]]
    last_activity: str
    steps: dict[str, str]


@lru_cache(maxsize=8)
def _texts(language: str | None) -> _Texts:
    """The advice's texts in ``language``, translated once, not for each row."""
    return _Texts(
        sources={key: (str(a), str(b), str(c)) for key, (a, b, c) in SOURCE_TEXTS.items()},
        last_activity=str(LAST_ACTIVITY),
        steps={step: str(label) for step, label in STEPS.items()},
    )


class HealthAdvice:
    """The reasons and the next step of partnerships as of one day, in the active
    language: the one set of rules behind the health pages, the API and the exports.

    An export makes one for its 10,000 rows (``health_reasons`` and
    ``suggested_action`` one for each row shown).
    """

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today or timezone.localdate()
        self.lively_since = years_before(self.today, lively_years())
        self.review_by = self.today + REVIEW_SOON
        self.texts = _texts(get_language())

    @cached_property
    def _date_format(self) -> str:
        return get_format("SHORT_DATE_FORMAT")

    def reasons(self, verdict: str, dates: Sequence[tuple[str, dt.date | None]]) -> list[str]:
        """Why the verdict: "no delegation received since 2019", "no exchange on record"…

        ``dates``: (source, last day) for each source, as ``last_dates`` gives them. A
        lively partnership gets its latest activity; one going quiet gets each source
        that has been quiet for longer than the lively threshold, the most recent first,
        then the sources with nothing on record.
        """
        if verdict == Verdict.LIVELY:
            key, day = max(((k, d) for k, d in dates if d is not None), key=lambda item: item[1])
            what, date = self.texts.sources[key][0], dateformat.format(day, self._date_format)
            return [self.texts.last_activity % {"what": what, "date": date}]
        quiet = sorted(
            ((k, d) for k, d in dates if d is not None and d < self.lively_since),
            key=lambda item: item[1],
            reverse=True,
        )
        sources = self.texts.sources
        reasons = [sources[key][1] % {"year": day.year} for key, day in quiet]
        reasons += [sources[key][2] for key, day in dates if day is None]
        return reasons

    def next_step(self, *, status: str, review_on: dt.date | None, verdict: str) -> str | None:
        """The key in ``STEPS`` of a partnership's next step; None: nothing to do.

        A review date passed or close: renew (the partnership's "Record a renewal"
        step). Dormant and still listed active: move it to dormant (its status
        workflow). Dormant otherwise: review it (revive or end it). Slowing: plan a
        visit (a new delegation for the partnership). Lively with nothing due: nothing.
        """
        if (
            status == PartnershipStatus.ACTIVE
            and review_on is not None
            and review_on <= self.review_by
        ):
            return "renew"
        if verdict == Verdict.DORMANT:
            if PartnershipStatus.DORMANT in PARTNERSHIP_TRANSITIONS.get(status, ()):
                return "move_to_dormant"
            return "review"
        if verdict == Verdict.SLOWING:
            return "plan_a_visit"
        if status == PartnershipStatus.DORMANT:
            # Lively again while still listed dormant: its status may go back to active.
            return "review"
        return None

    def step_label(self, step: str | None) -> str:
        """The words of a step of ``next_step`` ("" for none)."""
        return self.texts.steps[step] if step else ""


def health_reasons(row: Any, today: dt.date | None = None) -> list[str]:
    """``HealthAdvice.reasons`` of a partnership annotated by ``with_health``."""
    return HealthAdvice(today).reasons(row.verdict, last_dates(row))


def suggested_action(row: Any, today: dt.date | None = None) -> SuggestedAction | None:
    """The next step of a partnership annotated by ``with_health``, and the page where
    it is taken: its status workflow, or a new delegation for a visit."""
    advice = HealthAdvice(today)
    step = advice.next_step(status=row.status, review_on=row.review_on, verdict=row.verdict)
    if step is None:
        return None
    partnership_url, new_delegation_url = _links()
    if step == "plan_a_visit":
        query = urlencode(
            {
                "partnership": row.pk,
                "partner_city": row.partner_city_id,
                "country": row.partner_city.country.code,
            }
        )
        return SuggestedAction(advice.step_label(step), f"{new_delegation_url}?{query}")
    return SuggestedAction(advice.step_label(step), f"{partnership_url(row.pk)}#workflow-title")
