"""A choice among thousands of records in a real Chromium: found by typing, not scrolled to."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories as f

from .conftest import describe, run_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_local_government_is_found_by_typing_and_filters_the_list(page, live_server, monkeypatch):
    # Past SEARCH_OVER local governments the filter is a search box (a national
    # network has thousands); three are enough here once the bar is lowered.
    monkeypatch.setattr("intl_relations.widgets.SEARCH_OVER", 2)
    editor = f.UserFactory(username="editor-search", role="editor")
    lyon = f.LocalGovernmentFactory(name="Ville de Lyon")
    for name in ("Ville de Lille", "Ville de Nantes"):
        f.PartnershipFactory(
            local_government=f.LocalGovernmentFactory(name=name, is_default=False),
            partner_city=f.PartnerCityFactory(name=f"Partner of {name}"),
        )
    f.PartnershipFactory(local_government=lyon, partner_city=f.PartnerCityFactory(name="Turin"))
    sign_in(page, live_server, editor)

    page.goto(live_server.url + reverse("staff:partnershiphealth_list"))
    assert page.locator("select[name=local_government]").count() == 0  # no box of every one
    expect(page.locator("#list-results")).to_contain_text("Partner of Ville de Nantes")
    search = page.get_by_label("Collectivité", exact=False)
    search.fill("Ly")
    expect(page.locator("[data-record-search]")).to_have_attribute("data-found", "1")
    assert page.locator("#id_local_government_options option").evaluate_all(
        "options => options.map(o => o.value)"
    ) == ["Ville de Lyon"]

    search.fill("Ville de Lyon")  # the name picked from the list
    page.wait_for_url(f"**local_government={lyon.pk}**")
    expect(page.locator(".record-search-chosen input:checked")).to_have_count(1)
    expect(page.locator("#list-results")).to_contain_text("Turin")
    expect(page.locator("#list-results")).not_to_contain_text("Partner of Ville de Nantes")

    # Unticking the chosen one lists every local government's partnerships again.
    page.locator(".record-search-chosen input").uncheck()
    expect(page.locator("#list-results")).to_contain_text("Partner of Ville de Nantes")

    violations = run_axe(page)
    assert violations == [], describe(violations)
