"""The e-APD worksheet: a year's spending grouped the way the declaration asks.

French local governments declare each spring the official development assistance
(APD) of the previous calendar year. The worksheet reads the budget lines of the year
(their ``apd_amount``, the part of the spent amount that counts as APD), grouped by
their ``apd_heading``, per country and per project, and lists what keeps an amount
from being declared: a line without a heading, a project without a country, a
country that is not on the DAC List of ODA Recipients for that year, an ODA heading
with nothing entered as APD.

One aggregate query (per project, country and heading); the rest is arithmetic on
those groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from cooperation.choices import ApdHeading
from cooperation.models import BudgetLine
from intl_relations.selectors import scoped
from partnerships.models import LocalGovernment

from .dac import INCOME_GROUPS, DacList, dac_list_for

ZERO = Decimal("0.00")
# Headings whose amounts go to a recipient country, which must be ODA-eligible that year.
COUNTRY_HEADINGS = frozenset(
    {
        ApdHeading.COOPERATION,
        ApdHeading.WATER_SANITATION,
        ApdHeading.WASTE,
        ApdHeading.ENERGY,
        ApdHeading.NGO_GRANTS,
        ApdHeading.STUDENTS,
    }
)
DECLARED_HEADINGS = [h for h in ApdHeading if h != ApdHeading.NOT_ODA]


class WarningKind:
    NO_HEADING = "no_heading"
    NO_COUNTRY = "no_country"
    NOT_ELIGIBLE = "not_eligible"
    NO_APD_AMOUNT = "no_apd_amount"


@dataclass
class DeclarationWarning:
    kind: str
    message: str
    project_id: int
    project_title: str
    amount: Decimal  # the APD amount held back (or spent, for a line without heading)


@dataclass
class HeadingTotal:
    code: str
    label: str
    amount: Decimal = ZERO
    lines: int = 0


@dataclass
class CountryTotal:
    code: str
    name: str
    income_group: str
    eligible: bool
    amount: Decimal = ZERO
    held_back: Decimal = ZERO

    @property
    def income_group_label(self) -> str:
        return str(INCOME_GROUPS.get(self.income_group, "")) if self.income_group else ""


@dataclass
class ProjectRow:
    id: int
    title: str
    country: str
    country_name: str
    amounts: dict[str, Decimal] = field(default_factory=dict)
    declared: Decimal = ZERO
    held_back: Decimal = ZERO

    def amount_for(self, heading: str) -> Decimal:
        return self.amounts.get(heading, ZERO)


@dataclass
class Declaration:
    year: int
    dac_list: DacList
    local_government: LocalGovernment | None
    headings: list[HeadingTotal]
    countries: list[CountryTotal]
    projects: list[ProjectRow]
    warnings: list[DeclarationWarning]
    declared: Decimal
    held_back: Decimal

    @property
    def heading_labels(self) -> list[tuple[str, str]]:
        return [(h.code, h.label) for h in self.headings]


def _money(value: Any) -> Decimal:
    return (value or ZERO).quantize(Decimal("0.01"))


def _euros(value: Decimal) -> str:
    """An amount as the reader's language writes it: 15 000,00 € or 15,000.00 €."""
    return number_format(value, 2, use_l10n=True, force_grouping=True) + "\u00a0€"


def _local_government(value: Any) -> LocalGovernment | None:
    if value in (None, ""):
        return None
    if isinstance(value, LocalGovernment):
        return value
    try:
        return LocalGovernment.objects.get(pk=int(value))
    except (TypeError, ValueError, LocalGovernment.DoesNotExist):
        raise ValidationError(
            {"local_government": _("Select a local government of the portal.")}
        ) from None


def default_year() -> int:
    """The year declared this spring: the previous calendar year."""
    return timezone.localdate().year - 1


def year_from(params: Any) -> int:
    value = params.get("year")
    return default_year() if value in (None, "") else parse_year(value)


def parse_year(value: Any) -> int:
    """A declared year from a query string; a clear error naming ``year`` else."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError({"year": _("Enter the year declared, for example 2025.")}) from None
    if not 1900 <= year <= 2200:
        raise ValidationError({"year": _("Enter a year between 1900 and 2200.")})
    return year


def eapd_declaration(*, user: Any, year: int, local_government: Any = None) -> Declaration:
    """The worksheet of ``year`` (for one local government, or all the portal's)."""
    dac = dac_list_for(year)
    holder = _local_government(local_government)
    lines = scoped(BudgetLine.objects.filter(year=year), user)
    if holder is not None:
        lines = lines.filter(project__local_government=holder)
    groups = (
        lines.order_by()
        .values("project_id", "project__title", "project__partner_city__country", "apd_heading")
        .annotate(apd=Sum("apd_amount"), spent=Sum("spent_amount"), lines=Count("pk"))
        .order_by("project__title", "project_id", "apd_heading")
    )

    headings = {h.value: HeadingTotal(h.value, str(h.label)) for h in DECLARED_HEADINGS}
    by_country: dict[str, CountryTotal] = {}
    projects: dict[int, ProjectRow] = {}
    warnings: list[DeclarationWarning] = []

    names: dict[str, str] = {}

    def name_of(code: str) -> str:
        # Looked up once per country: a national year has thousands of projects.
        if code not in names:
            names[code] = str(countries.name(code)) or code
        return names[code]

    def country_total(code: str) -> CountryTotal:
        if code not in by_country:
            group = dac.income_group(code) or ""
            by_country[code] = CountryTotal(code, name_of(code), group, bool(group))
        return by_country[code]

    for row in groups:
        pid, title = row["project_id"], row["project__title"]
        code = row["project__partner_city__country"] or ""
        heading, apd, spent, count = (
            row["apd_heading"],
            _money(row["apd"]),
            _money(row["spent"]),
            row["lines"],
        )
        project = projects.get(pid)
        if project is None:
            project = projects[pid] = ProjectRow(pid, title, code, name_of(code) if code else "")

        def warn(kind: str, message: str, amount: Decimal, *, pid: int = pid, title: str = title):
            warnings.append(DeclarationWarning(kind, message, pid, title, amount))

        if heading == ApdHeading.NOT_ODA:
            continue
        if not heading:
            warn(
                WarningKind.NO_HEADING,
                ngettext(
                    "%(count)d spending line of %(year)s has no e-APD heading "
                    "(%(spent)s spent, %(apd)s as APD).",
                    "%(count)d spending lines of %(year)s have no e-APD heading "
                    "(%(spent)s spent, %(apd)s as APD).",
                    count,
                )
                % {"count": count, "year": year, "spent": _euros(spent), "apd": _euros(apd)},
                apd,
            )
            project.held_back += apd
            continue
        label = headings[heading].label
        if spent > 0 and apd == 0:
            warn(
                WarningKind.NO_APD_AMOUNT,
                _("%(spent)s spent under “%(heading)s” but no amount entered as APD.")
                % {"spent": _euros(spent), "heading": label},
                ZERO,
            )
        if heading in COUNTRY_HEADINGS and not code:
            warn(
                WarningKind.NO_COUNTRY,
                _(
                    "The project has no partner city, so no country: %(apd)s under "
                    "“%(heading)s” cannot be declared."
                )
                % {"apd": _euros(apd), "heading": label},
                apd,
            )
            project.held_back += apd
            continue
        if heading in COUNTRY_HEADINGS and not dac.is_eligible(code):
            total = country_total(code)
            total.held_back += apd
            warn(
                WarningKind.NOT_ELIGIBLE,
                _(
                    "%(country)s is not on the DAC List of ODA Recipients for %(year)s "
                    "(list %(list)s): %(apd)s under “%(heading)s” is not APD."
                )
                % {
                    "country": total.name,
                    "year": year,
                    "list": dac.name,
                    "apd": _euros(apd),
                    "heading": label,
                },
                apd,
            )
            project.held_back += apd
            continue
        headings[heading].amount += apd
        headings[heading].lines += count
        project.amounts[heading] = project.amounts.get(heading, ZERO) + apd
        project.declared += apd
        if code:
            country_total(code).amount += apd

    order = [WarningKind.NO_HEADING, WarningKind.NO_COUNTRY, WarningKind.NOT_ELIGIBLE]
    warnings.sort(key=lambda w: (order.index(w.kind) if w.kind in order else 9, w.project_title))
    # A project whose lines are all outside development assistance has nothing to show.
    warned = {w.project_id for w in warnings}
    project_rows = [p for p in projects.values() if p.amounts or p.held_back or p.id in warned]
    return Declaration(
        year=year,
        dac_list=dac,
        local_government=holder,
        headings=list(headings.values()),
        countries=sorted(by_country.values(), key=lambda c: (not c.eligible, -c.amount, c.name)),
        projects=project_rows,
        warnings=warnings,
        declared=sum((h.amount for h in headings.values()), ZERO),
        held_back=sum((p.held_back for p in project_rows), ZERO),
    )
