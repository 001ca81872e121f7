"""A detail page reads its record, fields and history once per role and language, and
again as soon as a table they read is written."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intl_relations.services import record_update
from tests import factories as f

pytestmark = pytest.mark.usefixtures("empty_cache")


def page(client, url, **headers) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries]


def reads_partnership(sql: list[str]) -> bool:
    return any('FROM "partnerships_partnership"' in q for q in sql)


@pytest.mark.django_db
def test_the_second_view_of_a_record_reads_it_no_more_and_shows_the_same(client_for):
    partnership = f.PartnershipFactory(summary="Medical technology and universities.")
    client = client_for("viewer")
    url = reverse("staff:partnership_detail", args=[partnership.pk])
    first, sql = page(client, url)
    assert "Medical technology and universities." in first
    assert reads_partnership(sql)
    again, sql = page(client, url)
    assert "Medical technology and universities." in again
    assert not reads_partnership(sql)


@pytest.mark.django_db
def test_a_change_shows_at_once_with_its_history(client_for, editor):
    partnership = f.PartnershipFactory(summary="Before.")
    client = client_for("viewer")
    url = reverse("staff:partnership_detail", args=[partnership.pk])
    assert "Before." in page(client, url)[0]
    record_update(instance=partnership, data={"summary": "After."}, user=editor)
    html = page(client, url)[0]
    assert "After." in html
    assert "Before." in html  # the history shows what it was


@pytest.mark.django_db
def test_a_change_to_a_related_record_shows_at_once(client_for):
    city = f.PartnerCityFactory(name="Leipzig")
    partnership = f.PartnershipFactory(partner_city=city)
    client = client_for("viewer")
    url = reverse("staff:partnership_detail", args=[partnership.pk])
    assert "Leipzig" in page(client, url)[0]
    city.name = "Dresden"
    city.save()
    assert "Dresden" in page(client, url)[0]


@pytest.mark.django_db
def test_a_deleted_record_answers_404_at_once(client_for):
    partnership = f.PartnershipFactory()
    client = client_for("viewer")
    url = reverse("staff:partnership_detail", args=[partnership.pk])
    page(client, url)
    partnership.delete()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_each_language_reads_its_own_labels(client_for):
    partnership = f.PartnershipFactory()
    client = client_for("viewer")
    url = reverse("staff:partnership_detail", args=[partnership.pk])
    french = page(client, url, HTTP_ACCEPT_LANGUAGE="fr")[0]
    english = page(client, url, HTTP_ACCEPT_LANGUAGE="en")[0]
    assert "Signé le" in french
    assert "Signed on" in english
    assert "Signed on" not in french
