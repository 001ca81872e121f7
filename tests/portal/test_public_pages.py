"""Public pages show published records only: pages, sitemap, the map's GeoJSON, the API."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import DelegationFactory, ReportRunFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def test_home_shows_key_figures_of_published_records_and_delegation_news(client, world):
    today = timezone.localdate()
    DelegationFactory(
        title="Upcoming visit from Birmingham",
        partner_city=world["shown_city"],
        starts_on=today + dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=12),
    )
    DelegationFactory(
        title="Unannounced visit",
        partner_city=world["shown_city"],
        starts_on=today + dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=21),
        published=False,
    )
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["partner_cities"] == 1
    assert figures["active_partnerships"] == 1
    assert figures["countries"] == 1
    page = text_of(response)
    assert "Upcoming visit from Birmingham" in page
    assert "Unannounced visit" not in page
    assert "<title>" in page
    assert 'name="description"' in page


def test_home_news_lists_upcoming_soonest_first_and_recent_latest_first(client, world):
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    city = world["shown_city"]
    for title, starts, ends in [
        ("Visit in a month", today + 30 * day, today + 32 * day),
        ("Mission under way", today - 2 * day, today + 1 * day),
        ("Visit next week", today + 7 * day, today + 8 * day),
        ("Back last month", today - 40 * day, today - 35 * day),
        ("Back yesterday", today - 3 * day, today - day),
        ("Visit of two years ago", today - 730 * day, today - 728 * day),
    ]:
        DelegationFactory(title=title, partner_city=city, starts_on=starts, ends_on=ends)
    DelegationFactory(
        title="Cancelled visit",
        partner_city=city,
        starts_on=today + 3 * day,
        ends_on=today + 4 * day,
        status="cancelled",
    )
    response = client.get(reverse("portal:home"))
    titles = [d.title for d in response.context["upcoming_delegations"]]
    assert titles == ["Mission under way", "Visit next week", "Visit in a month"]
    titles = [d.title for d in response.context["recent_delegations"]]
    assert titles == ["Back yesterday", "Back last month"]


@pytest.mark.parametrize(
    "url_name",
    [
        "portal:home",
        "portal:map",
        "portal:program_list",
        "portal:consulate_list",
        "portal:association_list",
        "portal:report_list",
        "portal:propose",
        "portal:register",
        "portal:login",
    ],
)
def test_public_pages_never_show_unpublished_records(client, world, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = text_of(response)
    for hidden in (
        "Hiddenville",
        "Secret draft exchange",
        "Hidden Consul",
        "Unpublished Diaspora Club",
        "Pending Diaspora Union",
        "Invisible community",
        "Confidential trade mission",
    ):
        assert hidden not in page


def test_directories_list_the_published_records(client, world):
    assert "Giulia Rossi" in text_of(client.get(reverse("portal:consulate_list")))
    associations = text_of(client.get(reverse("portal:association_list")))
    assert "Solidarité Lyon-Sahel" in associations
    assert "Armenian community" in associations
    assert "Open student exchange" in text_of(client.get(reverse("portal:program_list")))
    assert "Birmingham" in text_of(client.get(reverse("portal:map")))


def test_a_program_whose_window_is_closed_is_not_listed_as_open(client, world):
    program = world["shown_program"]
    program.applications_open_on = timezone.localdate() - dt.timedelta(days=30)
    program.applications_close_on = timezone.localdate() - dt.timedelta(days=1)
    program.save()
    assert "Open student exchange" not in text_of(client.get(reverse("portal:program_list")))
    detail = client.get(reverse("portal:program_detail", args=[program.pk]))
    assert detail.status_code == 200
    assert "Les candidatures sont closes." in text_of(detail)


def test_unpublished_detail_pages_are_404(client, world, editor):
    # Even for staff: the portal is the public's view; staff preview in the staff pages.
    client.force_login(editor)
    for name, record in (
        ("portal:partner_city", world["hidden_city"]),
        ("portal:partnership", world["hidden_partnership"]),
        ("portal:program_detail", world["hidden_program"]),
    ):
        assert client.get(reverse(name, args=[record.pk])).status_code == 404


def test_partner_city_and_partnership_pages_show_their_published_parts(client, world):
    city_page = text_of(client.get(reverse("portal:partner_city", args=[world["shown_city"].pk])))
    assert "Birmingham" in city_page
    assert "Mission to Birmingham" in city_page
    assert "Confidential trade mission" not in city_page
    partnership = client.get(reverse("portal:partnership", args=[world["shown_partnership"].pk]))
    page = text_of(partnership)
    assert "Signed twinning charter" in page
    assert "Internal budget note" not in page


def test_only_public_documents_of_published_partnerships_download(client, world):
    shown = client.get(reverse("portal:partnership_document", args=[world["shown_document"].pk]))
    assert shown.status_code == 200
    assert b"".join(shown.streaming_content).startswith(b"%PDF")
    internal = world["internal_document"]
    assert client.get(reverse("portal:partnership_document", args=[internal.pk])).status_code == 404


def test_the_map_geojson_holds_published_cities_and_partnerships_only(client, world):
    response = client.get(reverse("portal:map_geojson"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert [f["properties"]["name"] for f in features] == ["Birmingham"]
    partnerships = features[0]["properties"]["partnerships"]
    assert [p["url"] for p in partnerships] == [
        reverse("portal:partnership", args=[world["shown_partnership"].pk])
    ]
    assert features[0]["geometry"]["coordinates"] == [-1.89, 52.48]
    # Labels in the reader's language, written by the database from tables sent once.
    english = client.get(reverse("portal:map_geojson"), HTTP_ACCEPT_LANGUAGE="en").json()
    shown = english["features"][0]["properties"]
    assert shown["country_name"] == "United Kingdom"
    with translation.override("en"):
        kind = str(world["shown_partnership"].get_kind_display())
        status = str(world["shown_partnership"].get_status_display())
    assert (shown["partnerships"][0]["kind"], shown["partnerships"][0]["status"]) == (kind, status)


def _map_cities(*places):
    from tests.factories import PartnerCityFactory, PartnershipFactory

    for name, country in places:
        city = PartnerCityFactory(name=name, country=country, latitude="45.0", longitude="5.0")
        PartnershipFactory(partner_city=city, published=True, status="active")


def test_the_map_page_lists_a_small_network_s_cities_country_by_country(client, world):
    _map_cities(("Kraków", "PL"), ("Gdańsk", "PL"))
    page = text_of(client.get(reverse("portal:map")))
    cities = page[page.index('id="cities-title"') :]
    assert cities.index("<dt>Pologne</dt>") < cities.index("Gdańsk") < cities.index("Kraków")
    assert cities.index("<dt>Royaume-Uni</dt>") < cities.index("Birmingham")
    assert "Hiddenville" not in page  # its only partnership is not published


def test_the_map_page_of_a_large_network_lists_countries_then_a_chosen_country_s_cities(
    client, world, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("portal.views.MAP_LIST_ALL_UP_TO", 2)
    _map_cities(("Kraków", "PL"), ("Gdańsk", "PL"))
    page = text_of(client.get(reverse("portal:map")))
    assert "3 villes partenaires dans 2 pays" in page
    assert '<a href="?pays=PL#cities-title">Pologne</a> <small>2 villes</small>' in page
    assert '<a href="?pays=GB#cities-title">Royaume-Uni</a> <small>1 ville</small>' in page
    assert "Kraków" not in page
    assert "Birmingham" not in page

    with django_assert_max_num_queries(3):  # the countries, then the chosen one's cities
        chosen = client.get(reverse("portal:map"), {"pays": "PL"})
    text = text_of(chosen)
    assert "Villes partenaires : Pologne" in text
    assert "Gdańsk" in text
    assert "Kraków" in text
    assert "Birmingham" not in text
    assert 'href="?pays=PL#cities-title" aria-current="true"' in text


def test_the_map_of_a_chosen_country_shows_its_cities_only(client, world):
    _map_cities(("Kraków", "PL"))
    page = text_of(client.get(reverse("portal:map"), {"pays": "PL"}))
    assert f'data-geojson="{reverse("portal:map_geojson")}?pays=PL"' in page
    polish = client.get(reverse("portal:map_geojson"), {"pays": "PL"}).json()["features"]
    assert [feature["properties"]["name"] for feature in polish] == ["Kraków"]
    everyone = client.get(reverse("portal:map_geojson")).json()["features"]
    assert {feature["properties"]["name"] for feature in everyone} == {"Birmingham", "Kraków"}
    unknown = client.get(reverse("portal:map_geojson"), {"pays": "XX"})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["message"] == "« XX » n'est pas un code de pays."


def test_the_map_page_names_a_country_it_cannot_list(client, world):
    response = client.get(reverse("portal:map"), {"pays": "DE"})  # Hiddenville: unpublished
    assert response.status_code == 400
    assert "« DE » n'est le code d'aucun pays ayant une ville partenaire" in html.unescape(
        text_of(response)
    )
    assert "Birmingham" in text_of(response)  # the rest of the page still answers


def test_the_sitemap_lists_published_pages_only(client, world):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    sitemap = text_of(response)
    assert reverse("portal:partner_city", args=[world["shown_city"].pk]) in sitemap
    assert reverse("portal:partnership", args=[world["shown_partnership"].pk]) in sitemap
    assert reverse("portal:program_detail", args=[world["shown_program"].pk]) in sitemap
    assert reverse("portal:partner_city", args=[world["hidden_city"].pk]) not in sitemap
    assert reverse("portal:partnership", args=[world["hidden_partnership"].pk]) not in sitemap
    assert reverse("portal:program_detail", args=[world["hidden_program"].pk]) not in sitemap
    assert "/mon-espace/" not in sitemap


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_private_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = text_of(response)
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /staff/" in body
    assert "Disallow: /mon-espace/" in body


@pytest.mark.parametrize(
    ("endpoint", "hidden_name"),
    [
        ("/api/v1/partnerships/", "Hiddenville"),
        ("/api/v1/partner-cities/", "Hiddenville"),
        ("/api/v1/partner-cities/geojson/", "Hiddenville"),
        ("/api/v1/exchange-programs/", "Secret draft exchange"),
        ("/api/v1/consulates/", "Hidden Consul"),
        ("/api/v1/diaspora-groups/", "Invisible community"),
        ("/api/v1/delegations/", "Confidential trade mission"),
        ("/api/v1/organisations/", "Unpublished Diaspora Club"),
    ],
)
def test_anonymous_api_lists_do_not_show_unpublished_records(client, world, endpoint, hidden_name):
    response = client.get(endpoint)
    assert response.status_code == 200, endpoint
    assert hidden_name not in text_of(response)


def test_the_reports_page_lists_published_reports_only(client, db):
    ReportRunFactory(year=2024, status="done", published=True)
    ReportRunFactory(year=2023, status="done", published=False)
    page = text_of(client.get(reverse("portal:report_list")))
    assert "2024" in page
    assert "2023" not in page


def test_pages_follow_the_chosen_language(client, world):
    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en"' in text_of(response)
    response = client.get(reverse("portal:home"))
    assert '<html lang="fr"' in text_of(response)
