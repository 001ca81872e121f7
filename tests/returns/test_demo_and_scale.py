"""The demo shows last year's declaration with a warning; a year builds quickly."""

import datetime as dt
import io
import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from cooperation.models import BudgetLine, CooperationProject
from returns.eapd import WarningKind, eapd_declaration
from returns.iati import iati_activities_xml
from tests import factories as f


@pytest.mark.django_db
def test_the_demo_declaration_of_last_year_has_one_line_to_categorise(editor):
    with translation.override("en"):
        call_command("load_demo_data", stdout=io.StringIO())
    year = timezone.localdate().year - 1
    declaration = eapd_declaration(user=editor, year=year)
    by_code = {h.code: h.amount for h in declaration.headings}
    assert by_code["water_sanitation"] == Decimal("164500.00")
    assert by_code["cooperation"] == Decimal("150000.00")
    assert [(w.kind, w.amount) for w in declaration.warnings] == [
        (WarningKind.NO_HEADING, Decimal("52300.00"))
    ]
    # Loading twice changes nothing.
    with translation.override("en"):
        call_command("load_demo_data", stdout=io.StringIO())
    assert eapd_declaration(user=editor, year=year).declared == declaration.declared


@pytest.mark.django_db
def test_a_year_of_300_projects_builds_in_well_under_5_seconds(editor, settings):
    settings.IATI_REPORTING_ORG_REF = "XI-IATI-TEST"
    lyon = f.LocalGovernmentFactory()
    cities = [f.PartnerCityFactory(country=code) for code in ("SN", "MG", "DE", "VN", "MA")]
    projects = CooperationProject.objects.bulk_create(
        CooperationProject(
            title=f"Projet {i}",
            local_government=lyon,
            partner_city=cities[i % len(cities)],
            status="ongoing",
            starts_on=dt.date(2024, 1, 1),
        )
        for i in range(300)
    )
    headings = ["cooperation", "water_sanitation", "", "staff", "ngo_grants"]
    BudgetLine.objects.bulk_create(
        BudgetLine(
            project=project,
            year=2025,
            label=f"Ligne {j}",
            funding_source="own_budget",
            apd_heading=headings[(i + j) % len(headings)],
            planned_amount=Decimal("1000"),
            spent_amount=Decimal("900"),
            apd_amount=Decimal("900"),
        )
        for i, project in enumerate(projects)
        for j in range(4)
    )
    started = time.perf_counter()
    declaration = eapd_declaration(user=editor, year=2025)
    xml = iati_activities_xml(user=editor, year=2025)
    elapsed = time.perf_counter() - started
    assert declaration.declared + declaration.held_back == Decimal("900") * 1200
    assert xml.count(b"<iati-activity ") == 300
    assert elapsed < 5
