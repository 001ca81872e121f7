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
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.choices import ApdHeading, ProjectStatus
from cooperation.models import BudgetLine, CooperationProject
from intl_relations.selectors import scoped
from partnerships.choices import ThemeCode
from partnerships.models import LocalGovernment

from .eapd import _local_government

IATI_VERSION = "2.03"

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
    return qs.order_by("pk")


# --- Writing the XML ----------------------------------------------------------------
# Plain strings with the standard library's escaping: a national year holds tens of
# thousands of activities, and building then serialising an element tree of them
# took several seconds.

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str:
    return escape(NOT_XML.sub("", str(value)))


def _attrs(**attrs: Any) -> str:
    return "".join(
        f" {name.replace('_', '-')}={quoteattr(NOT_XML.sub('', str(value)))}"
        for name, value in attrs.items()
    )


def _narratives(french: str, english: str = "") -> str:
    out = f'<narrative xml:lang="fr">{_text(french)}</narrative>'
    if english:
        out += f'<narrative xml:lang="en">{_text(english)}</narrative>'
    return out


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _sectors(themes: list[str], headings: set[str]) -> list[tuple[str, Decimal]]:
    codes = sorted({THEME_SECTORS[t] for t in themes if t in THEME_SECTORS})
    if not codes:
        codes = sorted({HEADING_SECTORS[h] for h in headings if h in HEADING_SECTORS})
    codes = codes or [DEFAULT_SECTOR]
    share = (Decimal(100) / len(codes)).quantize(Decimal("0.01"))
    shares = [share] * len(codes)
    shares[-1] = Decimal(100) - share * (len(codes) - 1)  # the shares add up to 100
    return list(zip(codes, shares, strict=True))


def _activity(
    project: dict[str, Any],
    *,
    themes: list[str],
    partners: list[str],
    lines: list[dict[str, Any]],
    ref: str,
    org_type: str,
    reporting: str,
    year: int,
    booked_on: dt.date,
) -> str:
    pk = project["pk"]
    status = project["status"]
    out = [
        "<iati-activity"
        + _attrs(
            last_updated_datetime=project["updated_at"].isoformat(timespec="seconds"),
            default_currency="EUR",
        )
        + ' xml:lang="fr">',
        f"<iati-identifier>{_text(f'{ref}-{pk}')}</iati-identifier>",
        reporting,
        f"<title>{_narratives(project['title'], project['title_en'])}</title>",
        '<description type="1">'
        + _narratives(project["objectives"] or project["title"], project["objectives_en"])
        + "</description>",
    ]
    funding = {"role": "1", "type": org_type}
    if project["local_government__is_default"]:
        funding["ref"] = ref
    out.append(
        f"<participating-org{_attrs(**funding)}>"
        f"{_narratives(project['local_government__name'])}</participating-org>"
    )
    if project["partner_city__name"]:
        out.append(
            '<participating-org role="4" type="11">'
            f"{_narratives(project['partner_city__name'])}</participating-org>"
        )
    for name in partners:
        out.append(f'<participating-org role="4">{_narratives(name)}</participating-org>')

    out.append(f'<activity-status code="{ACTIVITY_STATUS.get(status, "2")}"/>')
    started = status in (ProjectStatus.ONGOING, ProjectStatus.COMPLETED)
    if project["starts_on"]:
        kind = "2" if started else "1"
        out.append(f'<activity-date type="{kind}" iso-date="{project["starts_on"]}"/>')
    else:
        out.append(f'<activity-date type="1" iso-date="{dt.date(year, 1, 1)}"/>')
    if project["ends_on"]:
        kind = "4" if status == ProjectStatus.COMPLETED else "3"
        out.append(f'<activity-date type="{kind}" iso-date="{project["ends_on"]}"/>')

    if project["partner_city__country"]:
        out.append(f"<recipient-country{_attrs(code=project['partner_city__country'])}/>")
    for code, share in _sectors(themes, {line["apd_heading"] for line in lines}):
        out.append(f'<sector vocabulary="1" code="{code}" percentage="{share}"/>')
    out.append(
        '<collaboration-type code="1"/>'  # Bilateral
        '<default-flow-type code="10"/>'  # ODA
        '<default-finance-type code="110"/>'  # Standard grant
        '<default-aid-type code="C01"/>'  # Project-type interventions
        '<default-tied-status code="5"/>'  # Untied
    )

    planned = sum((line["planned_amount"] for line in lines), Decimal(0))
    if planned > 0:
        out.append(
            '<budget type="1" status="1">'
            f'<period-start iso-date="{dt.date(year, 1, 1)}"/>'
            f'<period-end iso-date="{dt.date(year, 12, 31)}"/>'
            f'<value value-date="{dt.date(year, 1, 1)}">{_money(planned)}</value>'
            "</budget>"
        )
    for line in lines:
        if line["spent_amount"] <= 0:
            continue
        line_ref = f"{pk}-{line['pk']}"
        out.append(
            f"<transaction{_attrs(ref=line_ref)}>"
            '<transaction-type code="4"/>'  # Expenditure
            f'<transaction-date iso-date="{booked_on}"/>'
            f'<value value-date="{booked_on}">{_money(line["spent_amount"])}</value>'
            f"<description>{_narratives(line['label'])}</description>"
            "</transaction>"
        )
    out.append("</iati-activity>")
    return "".join(out)


def iati_activities_xml(*, user: Any, year: int, local_government: Any = None) -> bytes:
    """The IATI 2.03 activity file of ``year``, as UTF-8 bytes.

    Five queries whatever the number of projects: the projects, their lines of the
    year, their themes, their partner organisations, the default local government.
    """
    ref = reporting_org_ref()
    org_type = str(getattr(settings, "IATI_REPORTING_ORG_TYPE", "11") or "11")
    default = LocalGovernment.objects.filter(is_default=True).first()
    reporting_name = getattr(settings, "IATI_REPORTING_ORG_NAME", "") or (
        default.name if default else ref
    )
    reporting = (
        f"<reporting-org{_attrs(ref=ref, type=org_type)}>"
        f"{_narratives(reporting_name)}</reporting-org>"
    )
    # Lines carry a year, not a date: a year's spending is dated on its last day (or
    # today, for the year still running).
    booked_on = min(dt.date(year, 12, 31), timezone.localdate())

    projects = iati_projects(user=user, year=year, local_government=local_government)
    chosen = projects.values("pk")
    lines_by_project: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in (
        BudgetLine.objects.filter(year=year, project__in=chosen)
        .order_by("project_id", "label", "pk")
        .values("pk", "project_id", "label", "apd_heading", "planned_amount", "spent_amount")
    ):
        lines_by_project[line["project_id"]].append(line)
    themes: dict[int, list[str]] = defaultdict(list)
    for project_id, code in CooperationProject.themes.through.objects.filter(
        cooperationproject__in=chosen
    ).values_list("cooperationproject_id", "theme__code"):
        themes[project_id].append(code)
    partners: dict[int, list[str]] = defaultdict(list)
    for project_id, name in (
        CooperationProject.partners.through.objects.filter(cooperationproject__in=chosen)
        .order_by("organisation__name", "organisation_id")
        .values_list("cooperationproject_id", "organisation__name")
    ):
        partners[project_id].append(name)

    generated = timezone.now().isoformat(timespec="seconds")
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<iati-activities version="{IATI_VERSION}" generated-datetime="{generated}">',
    ]
    rows = projects.values(
        "pk",
        "title",
        "title_en",
        "objectives",
        "objectives_en",
        "status",
        "starts_on",
        "ends_on",
        "updated_at",
        "partner_city__name",
        "partner_city__country",
        "local_government__name",
        "local_government__is_default",
    )
    count = 0
    for project in rows.iterator(chunk_size=2000):
        pk = project["pk"]
        parts.append(
            _activity(
                project,
                themes=themes.get(pk, []),
                partners=partners.get(pk, []),
                lines=lines_by_project.get(pk, []),
                ref=ref,
                org_type=org_type,
                reporting=reporting,
                year=year,
                booked_on=booked_on,
            )
        )
        count += 1
    if count == 0:
        # The schema wants at least one activity: an empty year is said, not published.
        raise ValidationError(
            {"year": _("No cooperation project has spending or runs in %(year)s.") % {"year": year}}
        )
    parts.append("</iati-activities>\n")
    return "".join(parts).encode("utf-8")
