"""The public portal in a real Chromium: the map, a partner city, an organisation's journey."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from exchanges.models import Application
from tests import factories as f

from .conftest import describe, run_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "Un-mot-de-passe-solide-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def published_world():
    lyon = f.LocalGovernmentFactory(name="Ville de Lyon")
    birmingham = f.PartnerCityFactory(
        name="Birmingham", country="GB", region="West Midlands", latitude="52.48", longitude="-1.89"
    )
    montreal = f.PartnerCityFactory(
        name="Montréal", country="CA", region="Québec", latitude="45.50", longitude="-73.57"
    )
    hidden = f.PartnerCityFactory(
        name="Hiddenville", country="DE", region="Hessen", latitude="50.1", longitude="8.6"
    )
    f.PartnershipFactory(local_government=lyon, partner_city=birmingham, published=True)
    f.PartnershipFactory(
        local_government=lyon, partner_city=montreal, kind="cooperation", published=True
    )
    f.PartnershipFactory(local_government=lyon, partner_city=hidden, published=False)
    program = f.ExchangeProgramFactory(
        title="Youth exchange with Birmingham",
        local_government=lyon,
        partner_city=birmingham,
        max_participants_per_application=10,
    )
    f.ConsulateFactory(country="IT", city="Lyon", published=True)
    f.OrganisationFactory(name="Solidarité Sahel", kind="solidarity_association")
    f.DiasporaGroupFactory(name="Communauté arménienne", local_government=lyon)
    return {"birmingham": birmingham, "montreal": montreal, "program": program}


def test_the_map_of_a_chosen_country_draws_its_cities_only(page, live_server):
    published_world()
    page.goto(live_server.url + reverse("portal:map") + "?pays=GB")
    page.wait_for_selector("#portal-map.map-ready")
    assert page.get_attribute("#portal-map", "data-markers") == "1"  # Birmingham, not Montréal
    assert page.locator("#portal-map path.leaflet-interactive").count() == 1


def test_a_visitor_browses_the_map_and_a_partner_city_page(page, live_server):
    world = published_world()
    page.goto(live_server.url + reverse("portal:map"))
    page.wait_for_selector("#portal-map.map-ready")
    markers = page.locator("#portal-map path.leaflet-interactive")
    assert markers.count() == 2  # the unpublished partner city is not on the map
    assert page.get_attribute("#portal-map", "data-markers") == "2"

    markers.first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    city_link = popup.locator("h3 a")
    name = city_link.inner_text()
    assert name in {"Birmingham", "Montréal"}
    city_link.click()
    page.wait_for_url("**/villes-partenaires/*/")
    assert name in page.locator("h1").inner_text()
    if name == "Birmingham":
        assert "Youth exchange with Birmingham" in page.content()

    page.goto(live_server.url + reverse("portal:partner_city", args=[world["montreal"].pk]))
    assert "Montréal" in page.locator("h1").inner_text()
    page.wait_for_selector("#portal-map.map-ready")


def test_an_organisation_registers_is_approved_applies_and_follows_its_application(
    page, live_server, browser
):
    world = published_world()
    program = world["program"]
    editor = f.UserFactory(username="editor-portal", role="editor")
    other = f.ApplicationFactory(
        program=program, organisation=f.OrganisationFactory(name="Other school")
    )

    # Registration.
    page.goto(live_server.url + reverse("portal:register"))
    page.locator("#id_name").fill("Lycée Ampère")
    page.locator("#id_kind").select_option("school")
    page.locator("#id_city").fill("Lyon")
    page.locator("#id_email").fill("contact@ampere.example")
    page.locator("#id_first_name").fill("Inès")
    page.locator("#id_last_name").fill("Durand")
    page.locator("#id_member_email").fill("ines@ampere.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_accept_terms").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/compte/inscription/envoyee/")

    # Confirmation link from the e-mail.
    link = re.search(r"http://[^\s]+/compte/confirmation/[^\s]+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    member = User.objects.get(email="ines@ampere.example")
    assert member.is_active
    assert member.organisation.status == "pending"

    # Staff approve the registration in the staff pages.
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    staff_page = staff.new_page()
    sign_in(staff_page, live_server, editor)
    staff_page.goto(
        live_server.url + reverse("staff:organisation_detail", args=[member.organisation_id])
    )
    staff_page.locator(
        f"form[action='{reverse('staff:organisation_approve', args=[member.organisation_id])}']"
        " button[type=submit]"
    ).click()
    staff_page.wait_for_load_state()
    member.organisation.refresh_from_db()
    assert member.organisation.status == "approved"

    # The member signs in and applies, with a document.
    page.goto(live_server.url + reverse("portal:login"))
    page.locator("#id_username").fill("ines@ampere.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mon-espace/")
    page.goto(live_server.url + reverse("portal:program_detail", args=[program.pk]))
    page.locator(f"a[href='{reverse('portal:apply', args=[program.pk])}']").click()
    page.locator("#id_motivation").fill("Our pupils want to meet their peers in Birmingham.")
    page.locator("#id_participants_count").fill("6")
    page.locator("#id_document_kind_1").select_option("project")
    page.locator("#id_document_1").set_input_files(
        {"name": "projet.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mon-espace/candidatures/*/")
    application = Application.objects.get(organisation=member.organisation)
    assert page.locator("#application-status").get_attribute("class") == "badge badge-submitted"

    # Staff accept it in the staff pages; the member sees it.
    staff_page.goto(live_server.url + reverse("staff:application_detail", args=[application.pk]))
    staff_page.locator("#id_decision-status").select_option("accepted")
    staff_page.locator(
        f"form[action='{reverse('staff:application_decide', args=[application.pk])}']"
        " button[type=submit]"
    ).click()
    staff_page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "accepted"
    assert mail.outbox[-1].to == ["ines@ampere.example"]
    staff.close()

    page.reload()
    assert page.locator("#application-status").get_attribute("class") == "badge badge-accepted"
    page.goto(live_server.url + reverse("portal:account"))
    assert page.locator("table .badge-accepted").count() == 1

    # Another organisation's application is out of reach, even by guessing its address.
    response = page.goto(live_server.url + reverse("portal:application_detail", args=[other.pk]))
    assert response.status == 404
    assert "Other school" not in page.content()


@pytest.mark.parametrize(
    "url",
    [
        "portal:home",
        "portal:map",
        "partner_city",
        "portal:program_list",
        "portal:consulate_list",
        "portal:association_list",
        "portal:register",
        "portal:propose",
        "portal:login",
    ],
)
def test_portal_pages_have_no_serious_accessibility_violation(page, live_server, url):
    world = published_world()
    if url == "partner_city":
        address = reverse("portal:partner_city", args=[world["birmingham"].pk])
    else:
        address = reverse(url)
    page.goto(live_server.url + address)
    if page.locator("#portal-map").count():
        page.wait_for_selector("#portal-map.map-ready")
    violations = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert not violations, describe(violations)
