"""The cached answers that list every partner city stay true after every change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PartnerCityFactory, PartnershipFactory

pytestmark = pytest.mark.usefixtures("empty_cache")


def geojson_names(client) -> set[str]:
    response = client.get(reverse("portal:map_geojson"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return {feature["properties"]["name"] for feature in response.json()["features"]}


@pytest.mark.django_db
def test_the_map_geojson_is_built_once_then_read_from_the_cache(client):
    PartnershipFactory(published=True, partner_city=PartnerCityFactory(name="Kraków"))
    assert geojson_names(client) == {"Kraków"}
    with CaptureQueriesContext(connection) as queries:
        assert geojson_names(client) == {"Kraków"}
    # Only the version of the places is read: no partner city, no partnership.
    assert all('partnerships_partnercity"."name' not in q["sql"] for q in queries)


@pytest.mark.django_db
def test_a_newly_published_partnership_shows_on_the_cached_map_at_once(client):
    PartnershipFactory(published=True, partner_city=PartnerCityFactory(name="Kraków"))
    assert geojson_names(client) == {"Kraków"}
    other = PartnershipFactory(published=False, partner_city=PartnerCityFactory(name="Turin"))
    assert geojson_names(client) == {"Kraków"}
    other.published = True
    other.save()
    assert geojson_names(client) == {"Kraków", "Turin"}
    assert "Turin" in client.get(reverse("portal:map")).content.decode()


@pytest.mark.django_db
def test_a_deleted_partnership_leaves_the_cached_map_at_once(client):
    kept = PartnershipFactory(published=True, partner_city=PartnerCityFactory(name="Kraków"))
    gone = PartnershipFactory(published=True, partner_city=PartnerCityFactory(name="Turin"))
    assert geojson_names(client) == {"Kraków", "Turin"}
    gone.delete()
    assert geojson_names(client) == {"Kraków"}
    assert kept.partner_city.name in client.get(reverse("portal:map")).content.decode()


@pytest.mark.django_db
def test_renaming_a_local_government_shows_on_the_cached_map_at_once(client):
    partnership = PartnershipFactory(published=True, partner_city=PartnerCityFactory(name="Turin"))
    response = client.get(reverse("portal:map_geojson")).json()
    holders = {
        p["local_government"] for f in response["features"] for p in f["properties"]["partnerships"]
    }
    assert holders == {partnership.local_government.name}
    partnership.local_government.name = "Métropole renommée"
    partnership.local_government.save()
    response = client.get(reverse("portal:map_geojson")).json()
    holders = {
        p["local_government"] for f in response["features"] for p in f["properties"]["partnerships"]
    }
    assert holders == {"Métropole renommée"}


@pytest.mark.django_db
def test_the_cached_partner_city_page_shows_a_new_delegation_at_once(client):
    from tests.factories import DelegationFactory

    city = PartnerCityFactory(name="Kraków")
    PartnershipFactory(published=True, partner_city=city)
    url = reverse("portal:partner_city", args=[city.pk])
    assert "Visite de printemps" not in client.get(url).content.decode()
    DelegationFactory(title="Visite de printemps", partner_city=city, published=True)
    assert "Visite de printemps" in client.get(url).content.decode()
    # Unpublishing the city's only partnership takes the page down at once too.
    city.partnerships.update(published=False)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_public_partnership_page_is_read_once_and_shows_a_change_at_once(client):
    from tests.factories import PartnershipDocumentFactory

    partnership = PartnershipFactory(published=True, summary="Universities and hospitals.")
    url = reverse("portal:partnership", args=[partnership.pk])
    assert "Universities and hospitals." in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()
    assert "Universities and hospitals." in again
    assert not any('FROM "partnerships_partnership"' in q["sql"] for q in queries)
    PartnershipDocumentFactory(partnership=partnership, title="Charte de jumelage")
    assert "Charte de jumelage" in client.get(url).content.decode()
    # Unpublished: gone at once.
    partnership.published = False
    partnership.save()
    assert client.get(url).status_code == 404
