"""The territory diagnosis in a real Chromium: the world map coloured by the chosen measure."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories as f

from .conftest import describe, run_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_map_colours_the_countries_by_the_measure_chosen(page, live_server):
    viewer = f.UserFactory(username="viewer-territory", role="viewer")
    lyon = f.LocalGovernmentFactory(name="Ville de Lyon")
    f.DiasporaGroupFactory(origin_country="MA", estimated_size=14600, local_government=lyon)
    f.DiasporaGroupFactory(origin_country="PT", estimated_size=2000, local_government=lyon)
    f.PartnershipFactory(
        local_government=lyon, partner_city=f.PartnerCityFactory(name="Leipzig", country="DE")
    )
    sign_in(page, live_server, viewer)

    page.goto(live_server.url + reverse("staff:territory"))
    page.wait_for_selector("#territory-map.map-ready")
    # By diaspora size: Morocco and Portugal are coloured, Germany (no diaspora) is not.
    expect(page.locator("#territory-map")).to_have_attribute("data-coloured", "2")
    assert page.locator("#territory-map path[fill='#08519c']").count() == 1  # Morocco
    # A red outline for the gaps: Morocco (a large diaspora with no partnership) and
    # Germany (a twinning of 1960 with no activity since); not Portugal (2,000 people).
    assert page.locator("#territory-map path[stroke='#b42318']").count() == 2

    # Choosing another measure redraws the map (the select submits the form).
    page.locator("#id_measure").select_option("partnerships")
    page.wait_for_url("**measure=partnerships**")
    page.wait_for_selector("#territory-map.map-ready")
    expect(page.locator("#territory-map")).to_have_attribute("data-coloured", "1")  # Germany
    expect(page.locator("#legend-title")).to_contain_text("Partenariats")

    violations = run_axe(page, exclude=(".leaflet-control-container",))
    assert violations == [], describe(violations)
