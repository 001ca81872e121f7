"""The official returns page in a real browser: accessible, and it shows the warning."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories as f

from .conftest import describe, run_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_returns_page_passes_axe_and_lists_what_to_fix(page, live_server):
    editor = f.UserFactory(username="editor-returns", role="editor")
    project = f.CooperationProjectFactory(
        title="Eau potable à Saint-Louis",
        partner_city=f.PartnerCityFactory(name="Saint-Louis", country="SN"),
        starts_on=dt.date(2024, 1, 1),
    )
    f.BudgetLineFactory(project=project, year=2025, apd_heading="water_sanitation")
    f.BudgetLineFactory(project=project, year=2025, label="Divers", apd_heading="")
    sign_in(page, live_server, editor)
    page.goto(live_server.url + reverse("staff:returns_report") + "?year=2025")
    assert "Déclaration e-APD de 2025" in page.content()
    assert "n'a pas de rubrique e-APD" in page.content()
    violations = run_axe(page)
    assert not violations, describe(violations)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tableau (XLSX)").click()
    assert download.value.suggested_filename == "e-apd-2025.xlsx"


def test_a_local_government_among_thousands_is_typed_then_shown(page, live_server, monkeypatch):
    monkeypatch.setattr("intl_relations.widgets.SEARCH_OVER", 2)
    editor = f.UserFactory(username="editor-returns-lg", role="editor")
    lille = f.LocalGovernmentFactory(name="Ville de Lille", is_default=False)
    for name in ("Ville de Nantes", "Ville de Lyon"):
        f.LocalGovernmentFactory(name=name, is_default=False)
    project = f.CooperationProjectFactory(
        title="Puits de Kaolack",
        local_government=lille,
        partner_city=f.PartnerCityFactory(name="Kaolack", country="SN"),
    )
    f.BudgetLineFactory(project=project, year=2025, apd_heading="water_sanitation")
    sign_in(page, live_server, editor)
    page.goto(live_server.url + reverse("staff:returns_report") + "?year=2025")
    assert page.locator("select[name=local_government]").count() == 0
    page.get_by_label("Collectivité").fill("Lil")
    expect(page.locator("[data-record-search]")).to_have_attribute("data-found", "1")
    page.get_by_label("Collectivité").fill("Ville de Lille")
    expect(page.locator(".record-search-chosen input:checked")).to_have_count(1)
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url(f"**local_government={lille.pk}**")
    expect(page.locator(".record-search-chosen")).to_contain_text("Ville de Lille")
    expect(page.locator("main")).to_contain_text("Puits de Kaolack")
    violations = run_axe(page)
    assert not violations, describe(violations)
