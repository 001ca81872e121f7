"""The official returns page in a real browser: accessible, and it shows the warning."""

import datetime as dt

import pytest
from django.urls import reverse

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
