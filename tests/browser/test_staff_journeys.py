"""The journeys staff take, in a real Chromium: sign in, record, plan, filter, export."""

import csv
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from delegations.models import Delegation
from partnerships.models import PartnerCity, Partnership, Theme
from tests import factories as f

from .conftest import describe, run_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_editor_records_a_partner_city_a_partnership_and_plans_a_delegation(page, live_server):
    editor = f.UserFactory(username="editor-b", role="editor")
    f.LocalGovernmentFactory(name="Ville de Lyon")
    sign_in(page, live_server, editor)
    assert page.locator("h1").inner_text() in {"Tableau de bord", "Dashboard"}

    # A partner city.
    page.goto(live_server.url + reverse("staff:partnercity_add"))
    page.locator("#id_name").fill("Leipzig")
    page.locator("#id_country").select_option("DE")
    page.locator("#id_region").fill("Saxe")
    page.locator("#id_languages").fill("de")
    page.locator("#id_latitude").fill("51.33962")
    page.locator("#id_longitude").fill("12.37129")
    page.locator("form.record-form button[type=submit]").click()
    page.wait_for_url("**/staff/partner-cities/*/")
    city = PartnerCity.objects.get(name="Leipzig")
    assert "Leipzig" in page.locator("h1").inner_text()

    # A partnership with it, started from the city's page.
    page.locator(f"a[href^='{reverse('staff:partnership_add')}?partner_city={city.pk}']").click()
    page.locator("#id_kind").select_option("twinning")
    page.locator("#id_status").select_option("active")
    page.locator("#id_signed_on").fill("1981-06-20")
    page.locator("#id_local_government").select_option(label="Ville de Lyon")
    culture = Theme.objects.get(code="culture")
    page.locator(f"input[name=themes][value='{culture.pk}']").check()
    page.locator("form.record-form button[type=submit]").click()
    page.wait_for_url("**/staff/partnerships/*/")
    partnership = Partnership.objects.get()
    assert partnership.partner_city == city
    assert [t.code for t in partnership.themes.all()] == ["culture"]

    # A delegation with two members, on one page.
    page.goto(live_server.url + reverse("staff:delegation_add"))
    page.locator("#id_title").fill("Délégation de Leipzig")
    page.locator("#id_direction").select_option("incoming")
    page.locator("#id_local_government").select_option(label="Ville de Lyon")
    page.locator("#id_partner_city").select_option(str(city.pk))
    page.locator("#id_country").select_option("DE")
    page.locator("#id_starts_on").fill("2026-09-14")
    page.locator("#id_ends_on").fill("2026-09-16")
    page.locator("#id_purpose").fill("Anniversaire du jumelage")
    page.locator("#id_members-0-full_name").fill("Burkhard Jung")
    page.locator("#id_members-0-role").select_option("elected")
    page.locator("#id_members-0-is_head").check()
    page.locator("#id_members-1-full_name").fill("Anna Schmidt")
    page.locator("#id_members-1-role").select_option("staff")
    # A third member through "Add another", then left blank: it is ignored.
    page.locator("fieldset[data-formset-prefix=members] button.formset-add").click()
    assert page.locator("#id_members-2-full_name").is_visible()
    page.locator("form.record-form button[type=submit]").click()
    page.wait_for_url("**/staff/delegations/*/")
    delegation = Delegation.objects.get()
    assert sorted(m.full_name for m in delegation.members.all()) == [
        "Anna Schmidt",
        "Burkhard Jung",
    ]

    # Confirm it with the workflow button.
    page.locator("button[name='status-status'][value='confirmed']").click()
    page.wait_for_load_state()
    delegation.refresh_from_db()
    assert delegation.status == "confirmed"


def test_a_list_is_filtered_then_exported(page, live_server, tmp_path):
    viewer = f.UserFactory(username="viewer-b", role="viewer")
    for name in ("Leipzig", "Lodz", "Montréal"):
        f.PartnershipFactory(partner_city=f.PartnerCityFactory(name=name))
    f.PartnershipFactory(partner_city=f.PartnerCityFactory(name="Dormantia"), status="dormant")
    sign_in(page, live_server, viewer)
    page.goto(live_server.url + reverse("staff:partnership_list"))
    assert page.locator("table tbody tr").count() == 4

    # Typing in the search box filters the list in place (htmx), and the URL follows.
    page.locator("#id_q").fill("Lodz")
    page.wait_for_url("**q=Lodz**")
    expect(page.locator("table tbody tr")).to_have_count(1)
    assert "Lodz" in page.locator("table tbody").inner_text()

    page.locator("#id_q").fill("")
    expect(page.locator("table tbody tr")).to_have_count(4)
    page.locator("input[name=status][value=dormant]").check()
    expect(page.locator("table tbody tr")).to_have_count(1)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    path = Path(download_info.value.path())
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 2
    assert "Dormantia" in rows[1]


def test_a_viewer_sees_no_way_to_edit(page, live_server):
    viewer = f.UserFactory(username="viewer-c", role="viewer")
    partnership = f.PartnershipFactory()
    sign_in(page, live_server, viewer)
    page.goto(live_server.url + reverse("staff:partnership_detail", args=[partnership.pk]))
    assert page.get_by_role("link", name="Modifier").count() == 0
    assert page.get_by_role("link", name="Edit").count() == 0
    assert page.locator("#workflow-title").count() == 0
    response = page.goto(live_server.url + reverse("staff:partnership_edit", args=[partnership.pk]))
    assert response.status == 403


def test_the_staff_pages_pass_axe_and_work_on_a_phone(page, live_server):
    editor = f.UserFactory(username="editor-c", role="editor")
    partnership = f.PartnershipFactory()
    f.DelegationFactory(partner_city=partnership.partner_city)
    sign_in(page, live_server, editor)
    for name, args in (
        ("staff:dashboard", []),
        ("staff:partnership_list", []),
        ("staff:partnership_detail", [partnership.pk]),
        ("staff:delegation_add", []),
        ("staff:calendar", []),
    ):
        page.goto(live_server.url + reverse(name, args=args))
        violations = run_axe(page, exclude=(".leaflet-container",))
        assert not violations, f"{name}: {describe(violations)}"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("staff:partnership_list"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    page.goto(live_server.url + reverse("staff:login"))


def test_the_dashboard_map_draws_the_partner_cities_it_fetches(page, live_server):
    editor = f.UserFactory(username="editor-map", role="editor")
    leipzig = f.PartnerCityFactory(name="Leipzig", latitude=51.34, longitude=12.37)
    f.PartnershipFactory(status="active", partner_city=leipzig)
    f.PartnershipFactory(status="ended", partner_city=f.PartnerCityFactory(name="Ended"))
    sign_in(page, live_server, editor)
    page.goto(live_server.url + reverse("staff:dashboard"))
    expect(page.locator("#partner-map")).to_have_attribute("data-markers", "1")
    page.locator("#partner-map .leaflet-interactive").first.hover()
    expect(page.locator(".leaflet-tooltip")).to_have_text("Leipzig")
    expect(page.locator(".map-list")).to_contain_text("1")


def test_the_health_list_s_reasons_read_as_lines_not_a_column_of_words(page, live_server):
    """A partnership with nothing on record has eight reasons: they keep a readable
    width (the table scrolls sideways) instead of a tall column two words wide."""
    editor = f.UserFactory(username="editor-h", role="editor")
    f.PartnershipFactory(signed_on=None, status="exploring")
    sign_in(page, live_server, editor)
    page.goto(live_server.url + reverse("staff:partnershiphealth_list"))
    reasons = page.locator("td.prose-cell").first
    expect(reasons).to_contain_text("aucune délégation reçue enregistrée")
    box = reasons.bounding_box()
    assert box["width"] >= 300
    assert box["height"] < 250


def test_a_big_list_s_download_is_prepared_on_its_own_page(page, live_server, settings):
    settings.DOWNLOAD_INLINE_ROWS = {"csv": 3, "xlsx": 3}
    editor = f.UserFactory(username="editor-dl", role="editor")
    for name in ("Leipzig", "Lodz", "Montréal", "Nantes-sur-Elbe"):
        f.PartnershipFactory(partner_city=f.PartnerCityFactory(name=name))
    sign_in(page, live_server, editor)
    page.goto(live_server.url + reverse("staff:partnership_list"))
    # The list says before the click which downloads are prepared in the background.
    expect(page.locator(".exports")).to_contain_text("préparé en arrière-plan")

    page.get_by_role("link", name="CSV").click()
    page.wait_for_url("**/staff/downloads/*/")
    expect(page.locator("#download-status")).to_contain_text("Prêt")
    assert not run_axe(page), describe(run_axe(page))
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger le fichier").click()
    rows = list(
        csv.reader(Path(download_info.value.path()).read_text(encoding="utf-8-sig").splitlines())
    )
    assert sorted(row[0] for row in rows[1:]) == ["Leipzig", "Lodz", "Montréal", "Nantes-sur-Elbe"]

    # Found again later from the user menu.
    page.goto(live_server.url + reverse("staff:download_list"))
    expect(page.locator("#downloads tbody tr")).to_have_count(1)
    assert not run_axe(page), describe(run_axe(page))
