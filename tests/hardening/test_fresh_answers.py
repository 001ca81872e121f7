"""Every answer is read from the database when it is asked for: never a stale one.

The portal keeps no answer in a cache of its own (no page, list, count, map or checked
token), so a write shows at once wherever it was made: through the portal, or by
another system straight into the database (``psql``, a restore, another application).
The cache holds counters only, and a cache that cannot be reached never turns a good
request, a write least of all, into an error.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from partnerships.models import PartnerCity
from portal.models import Proposal
from tests import factories as f
from tests.needs import missing

# Nothing listens on port 1: every cache call fails at once, as with Redis stopped.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def psql(sql: str) -> None:
    """Run ``sql`` in the test database through the ``psql`` client: a write the portal
    does not see happen."""
    if connection.vendor != "postgresql":
        pytest.skip("a write from outside the portal is made with psql, on PostgreSQL")
    if shutil.which("psql") is None:
        missing("psql is not installed (apt-get install postgresql-client)")
    db = connection.settings_dict
    command = ["psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", db["NAME"], "-c", sql]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            command[1:1] = [flag, str(db[key])]
    env = {"PGPASSWORD": db.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"}
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=30)


def shows(answer: str, name: str) -> bool:
    """``name`` is in the HTML or JSON ``answer`` (where it may be ASCII-escaped)."""
    return name in answer or json.dumps(name)[1:-1] in answer


def texts(client, urls: list[str]) -> list[str]:
    answers = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        answers.append(response.content.decode())
    return answers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rename_made_with_psql_shows_on_every_page_and_list_at_once(client, editor):
    city = f.PartnerCityFactory(name="Kraków", country="PL", latitude=50.06, longitude=19.94)
    partnership = f.PartnershipFactory(partner_city=city, published=True, status="active")
    client.force_login(editor)
    api = APIClient()
    api.force_authenticate(editor)
    staff_urls = [
        reverse("staff:partnercity_list"),
        reverse("staff:partnercity_detail", args=[city.pk]),
        reverse("staff:partnership_list"),
        reverse("staff:partnership_detail", args=[partnership.pk]),
        reverse("staff:dashboard_map_points"),
    ]
    public_urls = [
        reverse("portal:map"),
        reverse("portal:map_geojson"),
        reverse("portal:partner_city", args=[city.pk]),
        reverse("portal:partnership", args=[partnership.pk]),
    ]
    api_urls = ["/api/v1/partner-cities/", "/api/v1/partnerships/"]
    # Read once first: whatever could be kept from this read must not be served later.
    anonymous = client.__class__()
    readers = [(client, staff_urls), (api, api_urls), (anonymous, public_urls)]
    for reader, urls in readers:
        assert all(shows(answer, "Kraków") for answer in texts(reader, urls))

    psql(f"UPDATE partnerships_partnercity SET name = 'Cracovie' WHERE id = {city.pk}")  # noqa: S608 - an id

    for reader, urls in readers:
        for answer in texts(reader, urls):
            assert shows(answer, "Cracovie")
            assert not shows(answer, "Kraków")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_account_deactivated_with_psql_is_refused_on_the_next_api_call(editor):
    _, token = AuthToken.objects.create(user=editor)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/partner-cities/").status_code == 200
    psql(f"UPDATE accounts_user SET is_active = false WHERE id = {editor.pk}")  # noqa: S608 - an id
    assert api.get("/api/v1/partner-cities/").status_code == 401


@pytest.fixture
def cache_down(settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
        }
    }
    # The throttles hold a reference to the cache they were built with.
    monkeypatch.setattr(SimpleRateThrottle, "cache", caches["default"])
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the client raises
        caches["default"].get("anything")


@pytest.mark.django_db
@pytest.mark.usefixtures("cache_down")
def test_with_the_cache_down_an_api_write_is_saved_and_answered(editor):
    _, token = AuthToken.objects.create(user=editor)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = api.post(
        "/api/v1/partner-cities/", {"name": "Gdańsk", "country": "PL"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert PartnerCity.objects.filter(name="Gdańsk").exists()
    listed = api.get("/api/v1/partner-cities/", {"search": "Gdańsk"})
    assert listed.status_code == 200
    assert [row["name"] for row in listed.json()["results"]] == ["Gdańsk"]


@pytest.mark.django_db
@pytest.mark.usefixtures("cache_down")
def test_with_the_cache_down_a_public_proposal_is_received(client):
    response = client.post(reverse("portal:propose"), f.proposal_data())
    assert response.status_code == 302
    assert Proposal.objects.get().title == "A visit of our choir to Birmingham"


@pytest.mark.django_db
@pytest.mark.usefixtures("cache_down")
def test_with_the_cache_down_staff_pages_and_the_public_map_answer(client, editor):
    f.PartnershipFactory(published=True, partner_city=f.PartnerCityFactory(name="Turin"))
    client.force_login(editor)
    for url in (reverse("staff:dashboard"), reverse("staff:partnership_list")):
        assert client.get(url).status_code == 200
    assert "Turin" in client.get(reverse("portal:map")).content.decode()
