"""The IATI activity file (IATI Standard 2.03) of the cooperation projects of a year.

One ``iati-activity`` per cooperation project with spending lines in the year, or
running during it: identifier, reporting and participating organisations, title and
description in French and English, status, dates, recipient country, sectors (OECD DAC
5-digit purpose codes mapped from the project's themes, else from its lines' e-APD
headings), the year's budget (the planned amounts) and one expenditure transaction per
spending line. The schema files it must validate against are vendored in
``returns/schemas/iati-2.03`` and checked in the tests.

Settings: ``IATI_REPORTING_ORG_REF`` (the publisher's IATI organisation identifier,
required) and ``IATI_REPORTING_ORG_TYPE`` (IATI OrganisationType code, 11 = local
government). See docs/returns.md.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.choices import ApdHeading, ProjectStatus
from cooperation.models import BudgetLine, CooperationProject
from intl_relations.selectors import scoped
from partnerships.choices import ThemeCode
from partnerships.models import LocalGovernment

from .eapd import _local_government

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# IATI ActivityStatus codes.
ACTIVITY_STATUS = {
    ProjectStatus.PLANNED: "1",  # Pipeline/identification
    ProjectStatus.ONGOING: "2",  # Implementation
    ProjectStatus.COMPLETED: "4",  # Closed
    ProjectStatus.CANCELLED: "5",  # Cancelled
}
# OECD DAC 5-digit purpose codes (IATI sector vocabulary 1) for the portal's themes.
THEME_SECTORS = {
    ThemeCode.ECONOMY: "25010",  # Business policy and administration
    ThemeCode.HIGHER_EDUCATION: "11420",  # Higher education
    ThemeCode.CULTURE: "16061",  # Culture and recreation
    ThemeCode.YOUTH: "11110",  # Education policy and administrative management
    ThemeCode.CLIMATE: "41010",  # Environmental policy and administrative management
    ThemeCode.MIGRATION: "15190",  # Facilitation of orderly, safe, regular migration
    ThemeCode.HUMAN_RIGHTS: "15160",  # Human rights
    ThemeCode.GOVERNANCE: "15112",  # Decentralisation and support to subnational govt
    ThemeCode.HEALTH: "12110",  # Health policy and administrative management
    ThemeCode.WATER: "14010",  # Water sector policy and administrative management
    ThemeCode.TOURISM: "33210",  # Tourism policy and administrative management
    ThemeCode.SPORT: "16061",  # Culture and recreation
}
# When a project has no theme: the purpose its spending lines' headings tell.
HEADING_SECTORS = {
    ApdHeading.WATER_SANITATION: "14010",
    ApdHeading.WASTE: "14050",  # Waste management/disposal
    ApdHeading.ENERGY: "23110",  # Energy policy and administrative management
    ApdHeading.AWARENESS: "99820",  # Promotion of development awareness
    ApdHeading.REFUGEES: "93010",  # Refugees/asylum seekers in donor countries
    ApdHeading.STUDENTS: "11420",  # Higher education
    ApdHeading.STAFF: "91010",  # Administrative costs (non-sector allocable)
}
# Decentralised cooperation with no more precise purpose.
DEFAULT_SECTOR = "15112"


def reporting_org_ref() -> str:
    ref = (getattr(settings, "IATI_REPORTING_ORG_REF", "") or "").strip()
    if not ref:
        raise ValidationError(
            _(
                "The IATI file needs the publisher's IATI organisation identifier: set "
                "IATI_REPORTING_ORG_REF (for example FR-…), see docs/returns.md."
            )
        )
    return ref


def iati_projects(*, user: Any, year: int, local_government: Any = None) -> Any:
    """The projects of the file: spending lines in ``year``, or running during it."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    lines = BudgetLine.objects.filter(year=year)
    qs = scoped(CooperationProject.objects.all(), user).filter(
        Q(Exists(lines.filter(project=OuterRef("pk"))))
        | (
            Q(starts_on__lte=last)
            & (Q(ends_on__isnull=True) | Q(ends_on__gte=first))
            & ~Q(status=ProjectStatus.CANCELLED)
        )
    )
    holder = _local_government(local_government)
    if holder is not None:
        qs = qs.filter(local_government=holder)
    return (
        qs.select_related("partner_city", "local_government")
        .prefetch_related(
            "themes",
            "partners",
            Prefetch("budget_lines", queryset=lines.order_by("label", "pk"), to_attr="year_lines"),
        )
        .order_by("pk")
    )


def _sub(parent: ET.Element, tag: str, **attrs: Any) -> ET.Element:
    return ET.SubElement(parent, tag, {k.replace("_", "-"): str(v) for k, v in attrs.items()})


def _narratives(parent: ET.Element, french: str, english: str = "") -> None:
    _sub(parent, "narrative", **{XML_LANG: "fr"}).text = french
    if english:
        _sub(parent, "narrative", **{XML_LANG: "en"}).text = english


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _sectors(project: CooperationProject) -> list[tuple[str, Decimal]]:
    codes = sorted({THEME_SECTORS[t.code] for t in project.themes.all() if t.code in THEME_SECTORS})
    if not codes:
        headings = {line.apd_heading for line in project.year_lines}
        codes = sorted({HEADING_SECTORS[h] for h in headings if h in HEADING_SECTORS})
    codes = codes or [DEFAULT_SECTOR]
    share = (Decimal(100) / len(codes)).quantize(Decimal("0.01"))
    shares = [share] * len(codes)
    shares[-1] = Decimal(100) - share * (len(codes) - 1)  # the shares add up to 100
    return list(zip(codes, shares, strict=True))


def _activity(
    root: ET.Element,
    project: CooperationProject,
    *,
    ref: str,
    org_type: str,
    reporting_name: str,
    year: int,
    booked_on: dt.date,
) -> None:
    activity = _sub(
        root,
        "iati-activity",
        last_updated_datetime=project.updated_at.isoformat(timespec="seconds"),
        default_currency="EUR",
        **{XML_LANG: "fr"},
    )
    _sub(activity, "iati-identifier").text = f"{ref}-{project.pk}"
    reporting = _sub(activity, "reporting-org", ref=ref, type=org_type)
    _narratives(reporting, reporting_name)
    _narratives(_sub(activity, "title"), project.title, project.title_en)
    description = _sub(activity, "description", type="1")
    _narratives(description, project.objectives or project.title, project.objectives_en)

    holder = project.local_government
    funding = {"role": "1", "type": org_type}
    if holder.is_default:
        funding["ref"] = ref
    _narratives(_sub(activity, "participating-org", **funding), holder.name)
    if project.partner_city is not None:
        _narratives(
            _sub(activity, "participating-org", role="4", type="11"), project.partner_city.name
        )
    for organisation in project.partners.all():
        _narratives(_sub(activity, "participating-org", role="4"), organisation.name)

    _sub(activity, "activity-status", code=ACTIVITY_STATUS.get(project.status, "2"))
    started = project.status in (ProjectStatus.ONGOING, ProjectStatus.COMPLETED)
    if project.starts_on:
        _sub(activity, "activity-date", type="2" if started else "1", iso_date=project.starts_on)
    else:
        _sub(activity, "activity-date", type="1", iso_date=dt.date(year, 1, 1))
    if project.ends_on:
        ended = project.status == ProjectStatus.COMPLETED
        _sub(activity, "activity-date", type="4" if ended else "3", iso_date=project.ends_on)

    if project.partner_city is not None and project.partner_city.country:
        _sub(activity, "recipient-country", code=project.partner_city.country.code)
    for code, share in _sectors(project):
        _sub(activity, "sector", vocabulary="1", code=code, percentage=share)
    _sub(activity, "collaboration-type", code="1")  # Bilateral
    _sub(activity, "default-flow-type", code="10")  # ODA
    _sub(activity, "default-finance-type", code="110")  # Standard grant
    _sub(activity, "default-aid-type", code="C01")  # Project-type interventions
    _sub(activity, "default-tied-status", code="5")  # Untied

    planned = sum((line.planned_amount for line in project.year_lines), Decimal(0))
    if planned > 0:
        budget = _sub(activity, "budget", type="1", status="1")
        _sub(budget, "period-start", iso_date=dt.date(year, 1, 1))
        _sub(budget, "period-end", iso_date=dt.date(year, 12, 31))
        _sub(budget, "value", value_date=dt.date(year, 1, 1)).text = _money(planned)
    for line in project.year_lines:
        if line.spent_amount <= 0:
            continue
        transaction = _sub(activity, "transaction", ref=f"{project.pk}-{line.pk}")
        _sub(transaction, "transaction-type", code="4")  # Expenditure
        _sub(transaction, "transaction-date", iso_date=booked_on)
        _sub(transaction, "value", value_date=booked_on).text = _money(line.spent_amount)
        _narratives(_sub(transaction, "description"), line.label)


def iati_activities_xml(*, user: Any, year: int, local_government: Any = None) -> bytes:
    """The IATI 2.03 activity file of ``year``, as UTF-8 bytes."""
    ref = reporting_org_ref()
    org_type = str(getattr(settings, "IATI_REPORTING_ORG_TYPE", "11") or "11")
    default = LocalGovernment.objects.filter(is_default=True).first()
    reporting_name = getattr(settings, "IATI_REPORTING_ORG_NAME", "") or (
        default.name if default else ref
    )
    now = timezone.now()
    # Lines carry a year, not a date: a year's spending is dated on its last day (or
    # today, for the year still running).
    booked_on = min(dt.date(year, 12, 31), timezone.localdate())
    root = ET.Element(
        "iati-activities",
        {"version": IATI_VERSION, "generated-datetime": now.isoformat(timespec="seconds")},
    )
    projects = iati_projects(user=user, year=year, local_government=local_government)
    count = 0
    for project in projects.iterator(chunk_size=500):
        _activity(
            root,
            project,
            ref=ref,
            org_type=org_type,
            reporting_name=reporting_name,
            year=year,
            booked_on=booked_on,
        )
        count += 1
    if count == 0:
        # The schema wants at least one activity: an empty year is said, not published.
        raise ValidationError(
            {"year": _("No cooperation project has spending or runs in %(year)s.") % {"year": year}}
        )
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
