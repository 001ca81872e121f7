"""A list's answer is kept until a table it read is written, per reader scope and address."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories as f

pytestmark = pytest.mark.usefixtures("empty_cache")


def client_as(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def listed(client, url, **params) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json(), [q["sql"] for q in queries]


def reads(table: str, sql: list[str]) -> bool:
    return any(f'FROM "{table}"' in q for q in sql)


def names(answer: dict) -> list[str]:
    return sorted(row["name"] for row in answer["results"])


@pytest.mark.django_db
def test_the_same_page_again_reads_no_rows_and_answers_the_same(editor):
    f.PartnerCityFactory(name="Leipzig")
    client = client_as(editor)
    url = reverse("api:partner-city-list")
    first, sql = listed(client, url, country="DE")
    assert names(first) == ["Leipzig"]
    assert reads("partnerships_partnercity", sql)
    again, sql = listed(client, url, country="DE")
    assert again == first
    assert not reads("partnerships_partnercity", sql)


@pytest.mark.django_db
def test_a_record_created_changed_or_deleted_shows_in_the_next_answer(editor):
    client = client_as(editor)
    url = reverse("api:partner-city-list")
    assert listed(client, url)[0]["count"] == 0

    created = client.post(url, {"name": "Leipzig", "country": "DE"}, format="json")
    assert created.status_code == 201
    assert names(listed(client, url)[0]) == ["Leipzig"]

    city_url = reverse("api:partner-city-detail", args=[created.json()["id"]])
    assert client.patch(city_url, {"name": "Dresden"}, format="json").status_code == 200
    assert names(listed(client, url)[0]) == ["Dresden"]

    # Written behind the API's back, by the ORM: the same.
    from partnerships.models import PartnerCity

    PartnerCity.objects.filter(name="Dresden").update(name="Lyon")
    assert names(listed(client, url)[0]) == ["Lyon"]

    assert client.delete(city_url).status_code == 204
    assert listed(client, url)[0]["count"] == 0


@pytest.mark.django_db
def test_a_change_to_a_related_table_shows_in_the_next_answer(editor):
    city = f.PartnerCityFactory(name="Leipzig")
    f.PartnershipFactory(partner_city=city)
    client = client_as(editor)
    url = reverse("api:partnership-list")
    first = listed(client, url)[0]["results"]
    assert first[0]["partner_city"]["name"] == "Leipzig"
    city.name = "Dresden"
    city.save()
    assert listed(client, url)[0]["results"][0]["partner_city"]["name"] == "Dresden"


@pytest.mark.django_db
def test_partner_organisations_never_see_each_others_cached_answers(
    partner_user, other_partner_user
):
    program = f.ExchangeProgramFactory()
    f.ApplicationFactory(
        program=program, organisation=partner_user.organisation, applicant_name="Ours"
    )
    f.ApplicationFactory(
        program=program, organisation=other_partner_user.organisation, applicant_name="Theirs"
    )
    url = reverse("api:application-list")
    ours = listed(client_as(partner_user), url)[0]["results"]
    theirs = listed(client_as(other_partner_user), url)[0]["results"]
    anonymous = listed(client_as(None), url)[0]["results"]
    assert [row["applicant_name"] for row in ours] == ["Ours"]
    assert [row["applicant_name"] for row in theirs] == ["Theirs"]
    assert anonymous == []


@pytest.mark.django_db
def test_internal_fields_stay_hidden_from_a_partner_after_staff_read_the_list(editor, partner_user):
    f.PartnershipFactory(notes="Internal: budget under discussion")
    url = reverse("api:partnership-list")
    staff = listed(client_as(editor), url)[0]["results"]
    assert staff[0]["notes"] == "Internal: budget under discussion"
    partner = listed(client_as(partner_user), url)[0]["results"]
    assert len(partner) == 1
    assert "notes" not in partner[0]


@pytest.mark.django_db
def test_page_links_name_the_host_that_was_asked(editor, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org", "api.example.org"]
    for name in ("Leipzig", "Lyon", "Tunis"):
        f.PartnerCityFactory(name=name)
    client = client_as(editor)
    url = reverse("api:partner-city-list")
    first = client.get(url, {"page_size": 1}, HTTP_HOST="portal.example.org").json()
    second = client.get(url, {"page_size": 1}, HTTP_HOST="api.example.org").json()
    assert first["next"].startswith("http://portal.example.org/")
    assert second["next"].startswith("http://api.example.org/")


@pytest.mark.django_db
def test_a_bad_filter_is_refused_every_time(editor):
    client = client_as(editor)
    url = reverse("api:partnership-list")
    for _ in range(2):
        response = client.get(url, {"status": "sideways"})
        assert response.status_code == 400
        assert "status" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_no_answer_is_kept_when_the_cache_is_turned_off(editor, settings):
    settings.COUNT_CACHE_SECONDS = 0
    f.PartnerCityFactory(name="Leipzig")
    client = client_as(editor)
    url = reverse("api:partner-city-list")
    listed(client, url)
    assert reads("partnerships_partnercity", listed(client, url)[1])
