"""Past a few hundred records, a filter's choice is a search box, not a select of them all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_local_governments(monkeypatch):
    monkeypatch.setattr("intl_relations.widgets.SEARCH_OVER", 2)
    lyon = f.LocalGovernmentFactory(name="Ville de Lyon")
    others = [
        f.LocalGovernmentFactory(name=name, is_default=False)
        for name in ("Ville de Lille", "Ville de Nantes <Atlantique>")
    ]
    return lyon, others


@pytest.mark.parametrize("url_name", ["staff:partnershiphealth_list", "staff:territory"])
def test_only_the_chosen_local_government_is_rendered_with_a_search_box(
    client_for, many_local_governments, url_name
):
    lyon, _others = many_local_governments
    client = client_for("editor")
    page = client.get(reverse(url_name))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<select name="local_government"' not in html
    assert 'data-url="/api/v1/local-governments/"' in html
    assert '<input type="search" id="id_local_government"' in html
    assert "Ville de Lille" not in html  # found by typing, not listed

    chosen = client.get(reverse(url_name), {"local_government": lyon.pk}).content.decode()
    assert (
        f'<input type="checkbox" name="local_government" value="{lyon.pk}" checked> Ville de Lyon'
        in chosen
    )
    assert "Ville de Lille" not in chosen


def test_a_few_local_governments_stay_a_select_box(client_for):
    f.LocalGovernmentFactory(name="Ville de Lyon")
    html = client_for("editor").get(reverse("staff:partnershiphealth_list")).content.decode()
    assert '<select name="local_government"' in html
    assert "data-record-search" not in html


def test_the_filter_form_keeps_the_table_s_order_and_asks_the_page_s_path(client_for):
    html = (
        client_for("viewer")
        .get(reverse("staff:partnership_list"), {"sort": "-signed_on", "status": "active"})
        .content.decode()
    )
    # Filters sent by the form replace the query (an unticked box is dropped) but the
    # table's order is kept.
    assert f'hx-get="{reverse("staff:partnership_list")}"' in html
    assert '<input type="hidden" name="sort" value="-signed_on">' in html
